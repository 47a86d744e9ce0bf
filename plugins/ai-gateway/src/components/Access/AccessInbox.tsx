import { InfoCard, Progress } from '@backstage/core-components';
import { useAccessInbox } from '../../query/access';
import { AccessError } from './AccessError';
import { DecideActions } from './DecideActions';
import { RequestsTable } from './RequestsTable';

/** Pending access requests the signed-in user may decide (approve, narrow, deny), across every API. */
export function AccessInbox() {
  const query = useAccessInbox();
  return (
    <InfoCard
      title="Access requests"
      subheader="Pending requests for the AI APIs you own"
    >
      {query.isPending && <Progress />}
      {query.isError && (
        <AccessError
          title="Could not load your access requests"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      )}
      {query.data && (
        <RequestsTable
          label="Access requests to decide"
          requests={query.data}
          show="both"
          empty="Nothing to decide: no request is waiting for you."
          actions={r => <DecideActions request={r} />}
        />
      )}
    </InfoCard>
  );
}
