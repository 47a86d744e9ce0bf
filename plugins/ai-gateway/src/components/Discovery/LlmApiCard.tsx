import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { InfoCard } from '@backstage/core-components';
import type {
  LlmApiExtension,
  LlmEndpointFormat,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PolicyList } from './PolicyList';

const FORMATS: Record<LlmEndpointFormat, string> = {
  'chat-completions': 'OpenAI chat completions',
  messages: 'Anthropic messages',
  responses: 'OpenAI responses',
  embeddings: 'embeddings',
  models: 'model list',
  passthrough: 'passed through to the provider',
};

/** An LLM API: the models a client may send, the providers, the endpoints and the policies in plain words. */
export function LlmApiCard({ extension }: { extension: LlmApiExtension }) {
  return (
    <InfoCard title="LLM endpoint" subheader={extension.baseUrl}>
      <Typography variant="subtitle2">Models</Typography>
      <Box display="flex" flexWrap="wrap" gap={1} mb={2} aria-label="Models">
        {extension.models.length > 0 ? (
          extension.models.map(m => <Chip key={m} label={m} size="small" />)
        ) : (
          <Typography variant="body2">
            Any model the provider offers (the route does not pin one).
          </Typography>
        )}
      </Box>
      {extension.providers.length > 0 && (
        <Typography variant="body2" gutterBottom>
          Provider{extension.providers.length > 1 ? 's' : ''}:{' '}
          {extension.providers.join(', ')} (the gateway holds the provider
          keys).
        </Typography>
      )}
      <Table size="small" aria-label="Endpoints">
        <TableHead>
          <TableRow>
            <TableCell>Method</TableCell>
            <TableCell>URL</TableCell>
            <TableCell>Speaks</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {extension.endpoints.map(e => (
            <TableRow key={`${e.method} ${e.url}`}>
              <TableCell>{e.method}</TableCell>
              <TableCell>
                <code>{e.url}</code>
              </TableCell>
              <TableCell>{FORMATS[e.format] ?? e.format}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box mt={2}>
        <PolicyList auth={extension.auth} policies={extension.policies} />
      </Box>
    </InfoCard>
  );
}
