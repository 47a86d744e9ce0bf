import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useApiAccessView } from '../../query/access';
import { AccessError } from './AccessError';
import { RequestAccessButton } from './RequestAccessButton';

/** Overview card of an AI API entity: what can be asked for, and the "Request access" action. */
export function ApiAccessCard({ apiRef }: { apiRef: string }) {
  const query = useApiAccessView(apiRef);
  return (
    <InfoCard
      title="Access"
      subheader="Get a gateway key for one of your components, systems or groups"
    >
      {query.isPending && <Progress />}
      {query.isError && (
        <AccessError
          title="Could not load the access options"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      )}
      {query.data && (
        <Stack spacing={1}>
          <Typography variant="body2">
            {query.data.apiType === 'llm' &&
              `Models: ${query.data.offers.models.join(', ') || 'none listed'}`}
            {query.data.apiType === 'mcp-server' &&
              `${query.data.offers.tools.length} tools to choose from`}
            {query.data.apiType === 'a2a' && 'The whole agent'}
          </Typography>
          {query.data.autoApprove ? (
            <Alert severity="info">Requests are approved automatically.</Alert>
          ) : (
            <Typography variant="body2" color="text.secondary">
              The API's owners approve each request.
              {query.data.can.approve &&
                ` You are one of them: ${
                  query.data.requests.filter(r => r.state === 'pending').length
                } pending, ${query.data.grants.length} grants (Consumers tab).`}
            </Typography>
          )}
          <RequestAccessButton view={query.data} />
        </Stack>
      )}
    </InfoCard>
  );
}

/** Entity page card (inside an EntityProvider). */
export function EntityApiAccessCard() {
  const { entity } = useEntity();
  return <ApiAccessCard apiRef={stringifyEntityRef(entity)} />;
}
