import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useApiAccessView } from '../../query/access';
import { AccessError } from './AccessError';
import { DecideActions } from './DecideActions';
import { GrantActions } from './GrantActions';
import { GrantsTable } from './GrantsTable';
import { RequestAccessButton } from './RequestAccessButton';
import { RequestsTable } from './RequestsTable';

/**
 * "Consumers" of an AI API: who may call it (grants: what each allows, expiry, state, who approved) and, for its
 * approvers, the pending requests to approve, narrow or deny. Owners and admins revoke here.
 */
export function ApiConsumers({ apiRef }: { apiRef: string }) {
  const query = useApiAccessView(apiRef);
  if (query.isPending) return <Progress />;
  if (query.isError)
    return (
      <AccessError
        title="Could not load the consumers"
        error={query.error}
        onRetry={() => query.refetch()}
      />
    );
  const view = query.data;
  const pending = view.requests.filter(r => r.state === 'pending');
  const decided = view.requests.filter(r => r.state !== 'pending');
  return (
    <Stack spacing={2}>
      <RequestAccessButton view={view} />
      {(view.can.approve || pending.length > 0) && (
        <InfoCard title={`Pending requests (${pending.length})`}>
          <RequestsTable
            label="Pending requests"
            requests={pending}
            show="consumer"
            empty="No request is waiting for a decision."
            actions={
              view.can.approve
                ? r => (
                    <DecideActions request={r} apiLimits={view.offers.limits} />
                  )
                : undefined
            }
          />
        </InfoCard>
      )}
      <InfoCard
        title={`Consumers (${view.grants.length})`}
        subheader="Who may call this API through the gateway"
      >
        <GrantsTable
          label="Consumers"
          grants={view.grants}
          show="consumer"
          actions={g => (
            <GrantActions grant={g} side="api" canRevoke={view.can.revoke} />
          )}
        />
        {!view.can.approve && view.grants.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            Only the API's owners see every consumer.
          </Typography>
        )}
      </InfoCard>
      {decided.length > 0 && (
        <InfoCard title="Decided requests">
          <RequestsTable
            label="Decided requests"
            requests={decided}
            show="consumer"
            empty=""
          />
        </InfoCard>
      )}
    </Stack>
  );
}

/** Entity tab content (inside an EntityProvider). */
export function EntityApiConsumersContent() {
  const { entity } = useEntity();
  return <ApiConsumers apiRef={stringifyEntityRef(entity)} />;
}
