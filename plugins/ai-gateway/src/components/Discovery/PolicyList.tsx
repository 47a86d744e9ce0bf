import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type {
  AiApiAuth,
  AiApiPolicySummary,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

const AUTH_WORDS: Record<AiApiAuth['kind'], string> = {
  'api-key': 'an API key',
  jwt: 'a JWT',
  basic: 'basic authentication',
  'ext-auth': 'a credential checked by an external authorization service',
  none: 'no credential',
};

/** How a client authenticates, in one sentence. */
export function describeAuth(auth: AiApiAuth): string {
  if (auth.kind === 'none') return 'Open: no authentication policy applies.';
  const where = auth.header
    ? ` in the ${auth.header} header${
        auth.scheme.trim() ? ` (${auth.scheme.trim()})` : ''
      }`
    : '';
  const mode = auth.mode && auth.mode !== 'Strict' ? ` (${auth.mode})` : '';
  return `Clients send ${AUTH_WORDS[auth.kind]}${where}${mode}.`;
}

/** The policies that apply to the endpoint, in plain words (auth first). */
export function PolicyList({
  auth,
  policies,
}: {
  auth: AiApiAuth;
  policies: AiApiPolicySummary[];
}) {
  const others = policies.filter(p => p.kind !== 'auth');
  return (
    <>
      <Typography variant="subtitle2">Policies</Typography>
      <List dense disablePadding aria-label="Policies">
        <ListItem disableGutters>
          <ListItemText
            primary={describeAuth(auth)}
            secondary={policies.find(p => p.kind === 'auth')?.policy}
          />
        </ListItem>
        {others.map((p, i) => (
          <ListItem key={`${p.kind}-${i}`} disableGutters>
            <ListItemText
              primary={p.text}
              secondary={[p.kind, p.policy].filter(Boolean).join(' · ')}
            />
          </ListItem>
        ))}
        {others.length === 0 && (
          <ListItem disableGutters>
            <ListItemText primary="No request, token or prompt limits apply." />
          </ListItem>
        )}
      </List>
    </>
  );
}
