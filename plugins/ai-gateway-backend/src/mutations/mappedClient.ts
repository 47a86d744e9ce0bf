import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { fromKubeError } from './errors';
import { KubeWriteClient } from './kubeClient';

/** Every secret value a request body carries (`stringData`, `data`), to keep them out of error messages. */
export function secretValuesOf(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const { stringData, data } = body as KubeObject;
  return [stringData, data].flatMap(map =>
    map && typeof map === 'object'
      ? Object.values(map).filter(
          (v): v is string => typeof v === 'string' && v.length > 0,
        )
      : [],
  );
}

/**
 * The write path's view of one cluster: the raw client with every failure mapped ONCE, here, by
 * {@link fromKubeError} (redacting the secret values of the body being written). Nothing else in the write
 * path maps Kubernetes errors.
 */
export function mappedClient(
  raw: KubeWriteClient,
  cluster: string,
): KubeWriteClient {
  const mapped = async <T>(body: unknown, fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (e) {
      throw fromKubeError(e, cluster, secretValuesOf(body));
    }
  };
  return {
    get: (kind, ns, name) => mapped(undefined, () => raw.get(kind, ns, name)),
    getForRestore: (kind, ns, name) =>
      mapped(undefined, () => raw.getForRestore(kind, ns, name)),
    create: (kind, object, dryRun, warnings) =>
      mapped(object, () => raw.create(kind, object, dryRun, warnings)),
    replace: (kind, object, dryRun, warnings) =>
      mapped(object, () => raw.replace(kind, object, dryRun, warnings)),
    mergePatch: (kind, ns, name, patch, dryRun, warnings) =>
      mapped(patch, () =>
        raw.mergePatch(kind, ns, name, patch, dryRun, warnings),
      ),
    delete: (kind, ns, name, options, warnings) =>
      mapped(undefined, () => raw.delete(kind, ns, name, options, warnings)),
    namespaceLabels: name => mapped(undefined, () => raw.namespaceLabels(name)),
  };
}
