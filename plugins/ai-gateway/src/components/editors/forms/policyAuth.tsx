import { useState } from 'react';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useEditor, useField } from '../EditorContext';
import {
  FormSection,
  PathList,
  PathSelect,
  PathText,
  Row,
  SecretValueField,
} from '../fields';
import { getString } from '../objectPath';
import { ArrayField } from './common';
import { PolicyForm } from './policyCommon';
import { CREDENTIALS, Jwks } from './types';

const MODES = ['Strict', 'Optional', 'Permissive'];

/** One client API key: the entry name is the client id, the value the key (write-only). */
function ClientKey() {
  const editor = useEditor();
  const [client, setClient] = useState('client1');
  const value = editor.secretValues[CREDENTIALS]?.[client] ?? '';
  return (
    <Row>
      <TextField
        size="small"
        margin="dense"
        label="Client id"
        value={client}
        onChange={e => {
          setClient(e.target.value);
          editor.setSecretBucket(
            CREDENTIALS,
            value ? { [e.target.value]: value } : {},
          );
        }}
        helperText="the key's entry name in the Secret"
      />
      <SecretValueField
        bucket={CREDENTIALS}
        secretName={getString(
          editor.object,
          'spec.traffic.apiKeyAuthentication.secretRef.name',
        )}
        secretKey={client}
        label="Client API key"
      />
    </Row>
  );
}

export function ApiKeyForm() {
  const p = 'spec.traffic.apiKeyAuthentication';
  return (
    <PolicyForm>
      <FormSection title="API-key authentication">
        <Row>
          <PathSelect path={`${p}.mode`} label="Mode" options={MODES} />
          <PathText
            path={`${p}.secretRef.name`}
            label="Secret with the API keys"
            helperText="each entry is one client's key"
          />
        </Row>
        <ClientKey />
      </FormSection>
    </PolicyForm>
  );
}

function JwtProvider(props: { base: string }) {
  const jwks = useField<Jwks | undefined>(`${props.base}.jwks`);
  const kind = jwks.value?.remote ? 'remote' : 'inline';
  return (
    <>
      <Row>
        <PathText path={`${props.base}.issuer`} label="Issuer" required />
        <PathList path={`${props.base}.audiences`} label="Audiences" inline />
      </Row>
      <TextField
        select
        size="small"
        margin="dense"
        label="JWKS source"
        value={kind}
        onChange={e =>
          jwks.set(
            e.target.value === 'remote'
              ? { remote: { url: '' } }
              : { inline: '' },
          )
        }
      >
        <MenuItem value="inline">Inline JWKS</MenuItem>
        <MenuItem value="remote">Remote URL</MenuItem>
      </TextField>
      {kind === 'inline' ? (
        <PathText
          path={`${props.base}.jwks.inline`}
          label="JWKS (JSON)"
          multiline
          required
        />
      ) : (
        <Row>
          <PathText
            path={`${props.base}.jwks.remote.url`}
            label="JWKS URL"
            required
            placeholder="https://issuer/.well-known/jwks.json"
          />
          <PathText
            path={`${props.base}.jwks.remote.cacheDuration`}
            label="Cache duration"
            placeholder="5m"
          />
        </Row>
      )}
    </>
  );
}

export function JwtForm() {
  const p = 'spec.traffic.jwtAuthentication';
  return (
    <PolicyForm>
      <FormSection title="JWT authentication">
        <PathSelect path={`${p}.mode`} label="Mode" options={MODES} />
        <ArrayField
          path={`${p}.providers`}
          title="Providers"
          itemTitle={i => `Provider ${i + 1}`}
          min={1}
          newItem={() => ({ issuer: '', jwks: { inline: '' } })}
        >
          {i => <JwtProvider base={`${p}.providers.${i}`} />}
        </ArrayField>
      </FormSection>
    </PolicyForm>
  );
}
