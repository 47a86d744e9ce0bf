import { useMemo } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { CopyTextButton } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useQuery } from '@tanstack/react-query';
import type {
  AiApiType,
  IssuedKey,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayQueryKeys } from '../../query/keys';
import { connectTarget, readAiApi } from '../Discovery/aiApi';
import { SnippetTabs } from '../Discovery/SnippetTabs';
import { keyTarget, schemePrefix, snippetsWithKey } from './keySnippets';
import { when } from './format';

export interface KeyDialogProps {
  issued: IssuedKey;
  api: { ref: string; type: AiApiType };
  /** after a rotation: until when the previous key works */
  previousKeyExpiresAt?: string;
  onClose: () => void;
}

/** The API entity's Connect target (URL, SDK base URL, models), when the catalog has it. */
function useEntityTarget(apiRef: string) {
  const catalogApi = useApi(catalogApiRef);
  return useQuery({
    queryKey: aiGatewayQueryKeys.accessApiEntity(apiRef),
    queryFn: async () => {
      const entity = await catalogApi.getEntityByRef(apiRef);
      const api = entity ? readAiApi(entity) : undefined;
      return api ? connectTarget(api) : null;
    },
    retry: false,
  });
}

/**
 * The key, shown exactly once: copy button, a clear warning, and the Connect snippets with the key pasted in.
 * The key lives only in this dialog's props: closing it removes it from the page.
 */
export function KeyDialog(props: KeyDialogProps) {
  const { issued, api, previousKeyExpiresAt, onClose } = props;
  const entityTarget = useEntityTarget(api.ref);
  const snippets = useMemo(
    () =>
      snippetsWithKey(
        keyTarget(issued, api, entityTarget.data ?? undefined),
        issued.key,
      ),
    [issued, api, entityTarget.data],
  );
  const header = `${issued.header}: ${schemePrefix(issued.scheme)}<key>`;
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="ai-gateway-key-title"
    >
      <DialogTitle id="ai-gateway-key-title">Your API key</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          Copy the key now: you will not see it again. The gateway keeps only
          its hash; if you lose it, rotate the key.
        </Alert>
        <Box display="flex" alignItems="center" gap={1}>
          <TextField
            label="API key"
            value={issued.key}
            fullWidth
            InputProps={{ readOnly: true, sx: { fontFamily: 'monospace' } }}
            onFocus={e => e.target.select()}
          />
          <CopyTextButton
            text={issued.key}
            tooltipText="Key copied"
            aria-label="Copy key"
          />
        </Box>
        <Typography variant="body2" sx={{ mt: 1 }}>
          Send it to <code>{issued.baseUrl}</code> in the header{' '}
          <code>{header}</code>.
        </Typography>
        {previousKeyExpiresAt && (
          <Alert severity="info" sx={{ mt: 1 }}>
            The previous key keeps working until {when(previousKeyExpiresAt)}.
          </Alert>
        )}
        <Typography variant="h6" sx={{ mt: 2 }}>
          Connect
        </Typography>
        <SnippetTabs snippets={snippets} testIdPrefix="key-snippet" />
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          I have copied the key
        </Button>
      </DialogActions>
    </Dialog>
  );
}
