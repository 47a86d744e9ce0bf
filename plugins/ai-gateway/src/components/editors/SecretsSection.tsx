import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import TablePagination from '@mui/material/TablePagination';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import type { ResourceItem } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceRow } from '../../api/AiGatewayApi';
import { useEntityTabs } from '../../query/tabs';
import { aiGatewayApiRef } from '../../api/AiGatewayApi';
import { aiGatewayQueryKeys } from '../../query/keys';
import { useWriteSecret } from '../../query/mutations';
import { messageOf } from '../../api/errors';
import { useSecretWritePermission } from './usePermissions';
import { Gated } from './EditorActions';
import { CollapsedList } from '../shared/CollapsedList';

/** Secrets per page of the table. */
const PAGE = 25;

interface SecretRow {
  name: string;
  type?: string;
  keys: string[];
  /** listed by the backend (it exists); false for a Secret only referenced by the entity's objects */
  exists: boolean;
  /** objects of the entity that reference it */
  usedBy: string[];
}

/** Secrets listed by the backend (key names only) plus those the entity's backends reference. */
export function secretRows(
  secrets: ResourceItem[],
  referencing: ResourceRow[],
): SecretRow[] {
  const rows = new Map<string, SecretRow>();
  for (const s of secrets) {
    rows.set(s.name, {
      name: s.name,
      type: s.object?.type,
      keys: Object.keys(s.object?.data ?? {}).sort(),
      exists: true,
      usedBy: [],
    });
  }
  for (const item of referencing) {
    for (const r of item.references) {
      if (r.kind !== 'Secret') continue;
      const row = rows.get(r.name) ?? {
        name: r.name,
        keys: [],
        exists: false,
        usedBy: [],
      };
      row.usedBy.push(`${item.kind} ${item.name}`);
      rows.set(r.name, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Writes a Secret. An existing one is rotated key by key (`patchSecret`): only the keys the user fills in
 * change, the others keep their values; more keys can be added. A missing one is created (`putSecret`).
 */
function SetValueDialog(props: {
  entityRef: string;
  secret?: SecretRow;
  onClose(): void;
}) {
  const write = useWriteSecret(props.entityRef);
  const exists = !!props.secret?.exists;
  const existing = exists ? props.secret!.keys : [];
  const [name, setName] = useState(props.secret?.name ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [newKey, setNewKey] = useState(existing.length ? '' : 'Authorization');
  const [newValue, setNewValue] = useState('');
  const [error, setError] = useState<string>();
  const stringData: Record<string, string> = Object.fromEntries(
    Object.entries(values).filter(([, v]) => v),
  );
  if (newKey && newValue) stringData[newKey] = newValue;
  const complete = !!name && Object.keys(stringData).length > 0;
  const save = async () => {
    setError(undefined);
    try {
      await write.mutateAsync({
        mode: exists ? 'rotate' : 'create',
        secret: {
          name,
          ...(props.secret?.type ? { type: props.secret.type } : {}),
          stringData,
        },
      });
      props.onClose();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const secretField = (
    label: string,
    value: string,
    onChange: (v: string) => void,
    required: boolean,
  ) => (
    <TextField
      key={label}
      fullWidth
      size="small"
      margin="dense"
      type="password"
      autoComplete="new-password"
      label={label}
      value={value}
      onChange={e => onChange(e.target.value)}
      required={required}
    />
  );
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="xs"
      fullWidth
      aria-labelledby="ai-gateway-secret-title"
    >
      <DialogTitle id="ai-gateway-secret-title">
        {props.secret ? `Set the values of ${props.secret.name}` : 'New Secret'}
      </DialogTitle>
      <DialogContent>
        <TextField
          fullWidth
          size="small"
          margin="dense"
          label="Secret name"
          value={name}
          disabled={!!props.secret}
          onChange={e => setName(e.target.value)}
          required
        />
        {existing.length > 0 && (
          <Alert severity="info" sx={{ my: 1 }}>
            Only the keys you fill in are rotated; the others keep their values
            (values are write-only and never shown).
          </Alert>
        )}
        {existing.map(k =>
          secretField(
            `Value of ${k}`,
            values[k] ?? '',
            v => setValues({ ...values, [k]: v }),
            false,
          ),
        )}
        <TextField
          fullWidth
          size="small"
          margin="dense"
          label={existing.length ? 'Additional key (optional)' : 'Key'}
          value={newKey}
          onChange={e => setNewKey(e.target.value)}
          required={!existing.length}
          helperText="Authorization for LLM API keys; accessKey / secretKey for AWS"
        />
        {secretField(
          existing.length ? 'Value of the additional key' : 'Value',
          newValue,
          setNewValue,
          !existing.length,
        )}
        <Typography variant="caption" color="text.secondary">
          Write-only: stored in the cluster and never shown again.
        </Typography>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          variant="contained"
          onClick={save}
          disabled={write.isPending || !complete}
        >
          Save values
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The entity's Secrets: names, types and key names — never values. Values can be set or rotated (write-only).
 */
export function SecretsSection(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(aiGatewayApiRef);
  const permitted = useSecretWritePermission(entityRef);
  const secrets = useQuery({
    queryKey: aiGatewayQueryKeys.secrets(entityRef),
    queryFn: () => api.listSecrets(entityRef),
    retry: false,
  });
  const tabs = useEntityTabs(entityRef);
  const [editing, setEditing] = useState<SecretRow | 'new'>();
  const [page, setPage] = useState(0);
  const rows = secretRows(
    secrets.data?.items ?? [],
    tabs.data?.tabs.backends ?? [],
  );
  const { allowed, reason } = permitted;
  const gate = (button: JSX.Element) => (
    <Gated allowed={allowed} reason={reason}>
      {button}
    </Gated>
  );
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label="Secrets"
      sx={{ mt: 3 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1.5 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          Secrets{' '}
          <Typography component="span" color="text.secondary">
            ({rows.length})
          </Typography>
        </Typography>
        {gate(
          <Button
            size="small"
            variant="outlined"
            disabled={!allowed}
            onClick={() => setEditing('new')}
          >
            New Secret
          </Button>,
        )}
      </Box>
      {secrets.isError && (
        <Alert severity="info" sx={{ mx: 2, mb: 1 }}>
          Key names are not available ({messageOf(secrets.error)}); showing the
          Secrets your objects reference.
        </Alert>
      )}
      <Table size="small" aria-label="Secrets">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Keys</TableCell>
            <TableCell>Used by</TableCell>
            <TableCell>Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>
                <Typography variant="body2" color="text.secondary">
                  No Secrets.
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {rows.slice(page * PAGE, (page + 1) * PAGE).map(r => (
            <TableRow key={r.name}>
              <TableCell>{r.name}</TableCell>
              <TableCell>{r.type ?? '—'}</TableCell>
              <TableCell>
                {r.keys.length > 0
                  ? r.keys.map(k => (
                      <Chip key={k} size="small" label={k} sx={{ mr: 0.5 }} />
                    ))
                  : '—'}
              </TableCell>
              <TableCell>
                <CollapsedList
                  items={r.usedBy}
                  render={u => u}
                  noun="objects"
                />
              </TableCell>
              <TableCell>
                {gate(
                  <Button
                    size="small"
                    disabled={!allowed}
                    onClick={() => setEditing(r)}
                    aria-label={`Set value of ${r.name}`}
                  >
                    Set / rotate value
                  </Button>,
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {rows.length > PAGE && (
        <TablePagination
          component="div"
          count={rows.length}
          page={page}
          rowsPerPage={PAGE}
          rowsPerPageOptions={[PAGE]}
          onPageChange={(_, p) => setPage(p)}
        />
      )}
      {editing && (
        <SetValueDialog
          entityRef={entityRef}
          secret={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Paper>
  );
}
