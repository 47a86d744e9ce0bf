import { useApi } from '@backstage/core-plugin-api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  KubeObject,
  ResourceItem,
  SecretInput,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef } from '../api/AiGatewayApi';
import { aiGatewayQueryKeys } from './keys';

/** Where a write goes: an entity's objects, or the platform objects. */
export type WriteTarget =
  | { scope: 'entity'; entityRef: string }
  | { scope: 'platform' };

/** What a write answers: the object as stored and the API server's warnings (e.g. an unknown field pruned). */
export interface WriteResult {
  item: ResourceItem;
  warnings: string[];
}

/** What a delete answers: `pending` when the object stays until its finalizers are done (202). */
export interface DeleteResult {
  pending: boolean;
}

function useInvalidateAll() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({ queryKey: aiGatewayQueryKeys.all });
}

/**
 * Creates or updates one object (with the Secrets a form collected, written by the backend in the same
 * request: all or nothing). Every query of the plugin is refreshed after a successful write.
 */
export function useSaveResource(target: WriteTarget) {
  const api = useApi(aiGatewayApiRef);
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: async (input: {
      mode: 'create' | 'update';
      object: KubeObject;
      secrets: SecretInput[];
    }): Promise<WriteResult> => {
      const { mode, object, secrets } = input;
      const withSecrets = secrets.length ? { secrets } : {};
      let res: { item: ResourceItem; warnings?: string[] };
      if (target.scope === 'entity' && mode === 'create') {
        res = await api.createResource(target.entityRef, {
          object,
          ...withSecrets,
        });
      } else if (target.scope === 'entity') {
        res = await api.updateResource(target.entityRef, {
          object,
          ...withSecrets,
        });
      } else {
        res =
          mode === 'create'
            ? await api.createPlatformResource(object)
            : await api.updatePlatformResource(object);
      }
      return { item: res.item, warnings: res.warnings ?? [] };
    },
    onSuccess: invalidate,
  });
}

/** Deletes one object, only if it is still at the `resourceVersion` the user saw. */
export function useDeleteResource(target: WriteTarget) {
  const api = useApi(aiGatewayApiRef);
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (
      item: Pick<
        ResourceItem,
        'kind' | 'name' | 'namespace' | 'resourceVersion'
      >,
    ): Promise<DeleteResult> =>
      target.scope === 'entity'
        ? api.deleteResource(
            target.entityRef,
            item.kind,
            item.name,
            item.resourceVersion,
          )
        : api.deletePlatformResource(
            item.kind,
            item.namespace ?? '',
            item.name,
            item.resourceVersion,
          ),
    onSuccess: invalidate,
  });
}

/**
 * Writes values of one Secret of the entity: `rotate` changes only the keys sent of an existing Secret (the
 * others keep their values); `create` creates it (or replaces every key).
 */
export function useWriteSecret(entityRef: string) {
  const api = useApi(aiGatewayApiRef);
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (input: { mode: 'rotate' | 'create'; secret: SecretInput }) =>
      input.mode === 'rotate'
        ? api.patchSecret(entityRef, input.secret.name, input.secret.stringData)
        : api.putSecret(entityRef, input.secret),
    onSuccess: invalidate,
  });
}
