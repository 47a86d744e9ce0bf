import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import type { Capabilities } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef } from '../../api/AiGatewayApi';
import type { EditorTarget } from './ResourceEditorDialog';

const NONE: Capabilities = {
  create: false,
  update: false,
  delete: false,
  writeSecrets: false,
  managePlatform: false,
};

/**
 * What the caller may do (`GET capabilities`). Until it is known, and when it cannot be read, nothing is
 * offered — the backend enforces its permissions regardless.
 */
export function useCapabilities(target: EditorTarget): {
  caps: Capabilities;
  loading: boolean;
  error?: unknown;
} {
  const api = useApi(aiGatewayApiRef);
  const query = useQuery<Capabilities>({
    queryKey: [
      'ai-gateway',
      'capabilities',
      target.scope === 'entity' ? target.entityRef : 'platform',
    ],
    queryFn: () =>
      target.scope === 'entity'
        ? api.getCapabilities(target.entityRef)
        : api.getPlatformCapabilities().then(p => ({ ...NONE, ...p })),
    staleTime: 60_000,
    retry: false,
  });
  return {
    caps: query.data ?? NONE,
    loading: query.isPending,
    error: query.error ?? undefined,
  };
}

export function deniedReason(
  loading: boolean,
  error: unknown,
  what: string,
): string {
  if (loading) return 'Checking your permissions…';
  if (error) return 'Could not check your permissions';
  return `You are not allowed to ${what}`;
}
