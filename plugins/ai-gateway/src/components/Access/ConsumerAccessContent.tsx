import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { aiGatewayAccessRequestPermission } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { AccessRequest } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  useCancelAccessRequest,
  useConsumerAccessView,
} from '../../query/access';
import { AccessError } from './AccessError';
import { EffectiveAccessPanel } from './EffectiveAccessPanel';
import { GrantActions } from './GrantActions';
import { GrantsTable } from './GrantsTable';
import { RequestsTable } from './RequestsTable';
import { apiTypeOf, useKeyIssuer } from './useKeyIssuer';

function CancelButton({ request }: { request: AccessRequest }) {
  const cancel = useCancelAccessRequest();
  return (
    <>
      <Button
        size="small"
        disabled={cancel.isPending}
        onClick={() => cancel.mutate(request.id)}
      >
        Cancel request
      </Button>
      {cancel.isError && (
        <AccessError title="Not cancelled" error={cancel.error} />
      )}
    </>
  );
}

/**
 * "AI access" of a consumer (component, system or group): its grants (what each allows, expiry, state) with
 * Get key / Rotate key / Revoke access / Re-apply and the effective access, and its open requests.
 */
export function ConsumerAccess({ consumerRef }: { consumerRef: string }) {
  const query = useConsumerAccessView(consumerRef);
  const keys = useKeyIssuer();
  // the consumer's owners hold its keys (claim: the requester only; the backend decides every call)
  const owner = usePermission({
    permission: aiGatewayAccessRequestPermission,
    resourceRef: consumerRef,
  }).allowed;
  const [effective, setEffective] = useState<string>();
  if (query.isPending) return <Progress />;
  if (query.isError)
    return (
      <AccessError
        title="Could not load the AI access"
        error={query.error}
        onRetry={() => query.refetch()}
      />
    );
  const { grants, requests } = query.data;
  const open = requests.filter(r => r.state === 'pending');
  const closed = requests.filter(
    r => r.state === 'denied' || r.state === 'closed',
  );
  return (
    <Stack spacing={2}>
      {!!keys.error && (
        <AccessError title="No key was issued" error={keys.error} />
      )}
      <InfoCard
        title={`Grants (${grants.length})`}
        subheader="The AI APIs this entity may call through the gateway"
      >
        <GrantsTable
          label="Grants"
          grants={grants}
          show="api"
          actions={g => (
            <GrantActions
              grant={g}
              side="consumer"
              canRevoke={owner}
              keyBusy={keys.pendingGrant === g.id}
              onKey={
                owner
                  ? (grant, mode) => {
                      keys.reset();
                      keys.issue(grant.id, mode, {
                        ref: grant.apiRef,
                        type: apiTypeOf(grant.scope),
                      });
                    }
                  : undefined
              }
              effectiveOpen={effective === g.id}
              onToggleEffective={() =>
                setEffective(effective === g.id ? undefined : g.id)
              }
            />
          )}
          details={g =>
            effective === g.id ? (
              <EffectiveAccessPanel
                apiRef={g.apiRef}
                consumerRef={g.consumerRef}
              />
            ) : null
          }
        />
      </InfoCard>
      <InfoCard title={`Open requests (${open.length})`}>
        <RequestsTable
          label="Open requests"
          requests={open}
          show="api"
          empty="No request is waiting. Ask for access on an AI API's page."
          actions={owner ? r => <CancelButton request={r} /> : undefined}
        />
      </InfoCard>
      {closed.length > 0 && (
        <InfoCard title="Denied and closed requests">
          <RequestsTable
            label="Denied and closed requests"
            requests={closed}
            show="api"
            empty=""
          />
        </InfoCard>
      )}
      {keys.dialog}
    </Stack>
  );
}

/** Entity tab content (inside an EntityProvider). */
export function EntityConsumerAccessContent() {
  const { entity } = useEntity();
  return <ConsumerAccess consumerRef={stringifyEntityRef(entity)} />;
}
