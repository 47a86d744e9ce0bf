import { useApi } from '@backstage/core-plugin-api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccessGrant,
  ApproveAccessRequestBody,
  CreateAccessRequestBody,
  IssuedKey,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayAccessApiRef } from '../api/AiGatewayAccessApi';
import { aiGatewayQueryKeys as keys } from './keys';

/** What the API offers, what the caller may do there, its requests and grants. */
export function useApiAccessView(apiRef: string) {
  const api = useApi(aiGatewayAccessApiRef);
  return useQuery({
    queryKey: keys.accessApi(apiRef),
    queryFn: () => api.getApiAccess(apiRef),
  });
}

/** A consumer's grants and open requests. */
export function useConsumerAccessView(consumerRef: string) {
  const api = useApi(aiGatewayAccessApiRef);
  return useQuery({
    queryKey: keys.accessConsumer(consumerRef),
    queryFn: () => api.getConsumerAccess(consumerRef),
  });
}

/** Pending requests the signed-in user may decide. */
export function useAccessInbox() {
  const api = useApi(aiGatewayAccessApiRef);
  return useQuery({
    queryKey: keys.accessInbox(),
    queryFn: () => api.getInbox(),
  });
}

/** Effective access of a consumer to an API; only fetched while `enabled`. */
export function useEffectiveAccess(
  apiRef: string,
  consumerRef: string,
  enabled = true,
) {
  const api = useApi(aiGatewayAccessApiRef);
  return useQuery({
    queryKey: keys.accessEffective(apiRef, consumerRef),
    queryFn: () => api.getEffectiveAccess(apiRef, consumerRef),
    enabled,
  });
}

function useRefreshAccess() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.access() });
}

export function useCreateAccessRequest() {
  const api = useApi(aiGatewayAccessApiRef);
  const onSuccess = useRefreshAccess();
  return useMutation({
    mutationFn: (body: CreateAccessRequestBody) => api.createRequest(body),
    onSuccess,
  });
}

/** Approve (as asked when `body` is empty, or narrowed) or deny (`body.note`). */
export function useDecideAccessRequest() {
  const api = useApi(aiGatewayAccessApiRef);
  const onSuccess = useRefreshAccess();
  return useMutation({
    mutationFn: async (
      input:
        | { id: string; decision: 'approve'; body: ApproveAccessRequestBody }
        | { id: string; decision: 'deny'; note?: string },
    ) => {
      if (input.decision === 'approve')
        return (await api.approveRequest(input.id, input.body)).request;
      return api.denyRequest(input.id, input.note ? { note: input.note } : {});
    },
    onSuccess,
  });
}

export function useCancelAccessRequest() {
  const api = useApi(aiGatewayAccessApiRef);
  const onSuccess = useRefreshAccess();
  return useMutation({
    mutationFn: (id: string) => api.cancelRequest(id),
    onSuccess,
  });
}

/** Claims (first key of an approved grant) or rotates; the answer holds the raw key, shown once. */
export function useIssueKey() {
  const api = useApi(aiGatewayAccessApiRef);
  const onSuccess = useRefreshAccess();
  return useMutation({
    mutationFn: (input: {
      grantId: string;
      mode: 'claim' | 'rotate';
    }): Promise<IssuedKey> =>
      input.mode === 'claim'
        ? api.claimKey(input.grantId)
        : api.rotateKey(input.grantId),
    onSuccess,
  });
}

/** Revokes or re-applies a grant. */
export function useGrantAction() {
  const api = useApi(aiGatewayAccessApiRef);
  const onSuccess = useRefreshAccess();
  return useMutation({
    mutationFn: (input: {
      grantId: string;
      action: 'revoke' | 'reapply';
    }): Promise<AccessGrant> =>
      input.action === 'revoke'
        ? api.revokeGrant(input.grantId)
        : api.reapplyGrant(input.grantId),
    onSuccess,
  });
}
