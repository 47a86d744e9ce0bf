import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { InfoCard } from '@backstage/core-components';
import type {
  McpDiscoveryResult,
  McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { McpToolsTable } from './McpToolsTable';
import type { McpToolsSource } from './mcpToolsQuery';
import { PolicyList } from './PolicyList';

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : 'never');

/** When tools were last discovered, and when and why the last attempt failed. */
export function DiscoveryStatus({
  discovery,
}: {
  discovery: McpDiscoveryResult;
}) {
  const server = discovery.serverInfo
    ? ` from ${discovery.serverInfo.name}${
        discovery.serverInfo.version ? ` ${discovery.serverInfo.version}` : ''
      }`
    : '';
  if (discovery.status === 'failed')
    return (
      <Alert severity="warning" role="status">
        Discovery failed at {when(discovery.error?.at)}:{' '}
        {discovery.error?.message ?? 'unknown error'}. Showing the tools last
        discovered {when(discovery.discoveredAt)}.
      </Alert>
    );
  if (discovery.status === 'pending')
    return (
      <Alert severity="info" role="status">
        Discovery has not completed yet.
      </Alert>
    );
  return (
    <Alert severity="success" role="status">
      Tools discovered {when(discovery.discoveredAt)}
      {server}.
    </Alert>
  );
}

/** An MCP server API: discovery status, tools, prompts, resources, targets and policies. */
export function McpServerCard({
  definition,
  source,
}: {
  definition: McpServerDefinition;
  /** the API entity: when its definition holds part of the tools, the table pages through the backend's list */
  source?: McpToolsSource;
}) {
  const { discovery } = definition;
  return (
    <InfoCard title="MCP server" subheader={definition.url}>
      <DiscoveryStatus discovery={discovery} />
      {definition.truncated && (
        <Alert severity="info">
          The catalog entity holds part of the tool list; the table below pages
          and searches all of them.
        </Alert>
      )}
      <Box mt={2}>
        <Typography variant="h6">
          Tools ({discovery.tools.length}
          {definition.truncated ? '+' : ''})
        </Typography>
        <McpToolsTable
          tools={discovery.tools}
          source={definition.truncated ? source : undefined}
        />
      </Box>
      {discovery.prompts.length > 0 && (
        <Box mt={2}>
          <Typography variant="h6">
            Prompts ({discovery.prompts.length})
          </Typography>
          <List dense aria-label="Prompts">
            {discovery.prompts.map(p => (
              <ListItem key={p.name} disableGutters>
                <ListItemText
                  primary={p.title ?? p.name}
                  secondary={[
                    p.description,
                    p.arguments?.length
                      ? `arguments: ${p.arguments
                          .map(a => (a.required ? a.name : `${a.name}?`))
                          .join(', ')}`
                      : undefined,
                  ]
                    .filter(Boolean)
                    .join(' — ')}
                />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      {discovery.resources.length > 0 && (
        <Box mt={2}>
          <Typography variant="h6">
            Resources ({discovery.resources.length})
          </Typography>
          <List dense aria-label="Resources">
            {discovery.resources.map(r => (
              <ListItem key={r.uri} disableGutters>
                <ListItemText
                  primary={`${r.title ?? r.name} (${r.uri})`}
                  secondary={[r.description, r.mimeType]
                    .filter(Boolean)
                    .join(' — ')}
                />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      {definition.targets.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">
            {definition.targets.length > 1
              ? 'Federated targets (tool names are prefixed by target)'
              : 'Target'}
          </Typography>
          <List dense aria-label="Targets">
            {definition.targets.map(t => (
              <ListItem key={t.name} disableGutters>
                <ListItemText
                  primary={t.name}
                  secondary={[t.destination, t.protocol]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      <Box mt={2}>
        <PolicyList auth={definition.auth} policies={definition.policies} />
      </Box>
    </InfoCard>
  );
}
