import fetch from 'node-fetch';
import { KubeConfig } from '@kubernetes/client-node';
import {
  AI_GATEWAY_FIELD_MANAGER,
  KubeObject,
  ResourceKindDescriptor,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { collectionPath } from '../cache/kubeSource';
import { stripSecret } from '../cache/secrets';

/** The field manager of every write this plugin makes (shown in `metadata.managedFields`). */
export const FIELD_MANAGER = AI_GATEWAY_FIELD_MANAGER;

/** A non-2xx answer of the API server: its HTTP status and `Status` body. */
export class KubeApiError extends Error {
  readonly name = 'KubeApiError';
  constructor(readonly code: number, readonly body: any) {
    super(
      typeof body?.message === 'string'
        ? body.message
        : `Kubernetes API answered ${code}`,
    );
  }
}

/**
 * The writes (and fresh reads) the mutation pipeline makes against one cluster. Every call goes to the API
 * server; `dryRun` runs the request through validation and admission without storing anything.
 */
export interface KubeWriteClient {
  get(
    kind: ResourceKindDescriptor,
    namespace: string,
    name: string,
  ): Promise<KubeObject | undefined>;
  create(
    kind: ResourceKindDescriptor,
    object: KubeObject,
    dryRun: boolean,
  ): Promise<KubeObject>;
  /** PUT; the object's `metadata.resourceVersion` is the precondition (409 when stale). */
  replace(
    kind: ResourceKindDescriptor,
    object: KubeObject,
    dryRun: boolean,
  ): Promise<KubeObject>;
  /**
   * JSON merge patch (`application/merge-patch+json`): only the fields sent change. A
   * `metadata.resourceVersion` in the patch is a precondition (409 when stale).
   */
  mergePatch(
    kind: ResourceKindDescriptor,
    namespace: string,
    name: string,
    patch: Record<string, unknown>,
    dryRun: boolean,
  ): Promise<KubeObject>;
  delete(
    kind: ResourceKindDescriptor,
    namespace: string,
    name: string,
    options: { dryRun: boolean; resourceVersion?: string },
  ): Promise<void>;
  /** Labels of a Namespace (for `allowedRoutes.namespaces.from: Selector`); undefined if it does not exist. */
  namespaceLabels(name: string): Promise<Record<string, string> | undefined>;
}

function objectPath(
  kind: ResourceKindDescriptor,
  namespace: string,
  name?: string,
): string {
  const base = collectionPath(kind).replace(
    new RegExp(`/${kind.plural}$`),
    `/namespaces/${encodeURIComponent(namespace)}/${kind.plural}`,
  );
  return name ? `${base}/${encodeURIComponent(name)}` : base;
}

/** {@link KubeWriteClient} over `@kubernetes/client-node`'s KubeConfig (token, CA, TLS options). */
export function createKubeWriteClient(
  kc: KubeConfig,
  timeoutMs = 30000,
): KubeWriteClient {
  const server = kc.getCurrentCluster()!.server.replace(/\/+$/, '');

  const call = async (
    method: string,
    path: string,
    query: Record<string, string>,
    body?: unknown,
    contentType = 'application/json',
  ) => {
    const init: any = await kc.applyToFetchOptions({});
    const headers: Record<string, string> = { Accept: 'application/json' };
    (init.headers as Headers).forEach((v: string, k: string) => {
      headers[k] = v;
    });
    if (body !== undefined) headers['Content-Type'] = contentType;
    const qs = new URLSearchParams(query).toString();
    const res = await fetch(`${server}${path}${qs ? `?${qs}` : ''}`, {
      method,
      headers,
      agent: init.agent,
      timeout: timeoutMs,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    } as any);
    const text = await res.text();
    let parsed: any = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = { message: text.slice(0, 500) };
    }
    if (!res.ok) throw new KubeApiError(res.status, parsed);
    return parsed;
  };
  /** Secret values never leave this client: answers about Secrets are stripped to key names at once. */
  const strip = (kind: ResourceKindDescriptor, obj: any) =>
    obj && kind.group === '' && kind.kind === 'Secret' ? stripSecret(obj) : obj;
  const writeQuery = (dryRun: boolean): Record<string, string> => ({
    fieldManager: FIELD_MANAGER,
    ...(dryRun ? { dryRun: 'All' } : {}),
  });

  return {
    async get(kind, namespace, name) {
      try {
        return strip(
          kind,
          await call('GET', objectPath(kind, namespace, name), {}),
        );
      } catch (e) {
        if (e instanceof KubeApiError && e.code === 404) return undefined;
        throw e;
      }
    },
    create: async (kind, object, dryRun) =>
      strip(
        kind,
        await call(
          'POST',
          objectPath(kind, object.metadata.namespace!),
          writeQuery(dryRun),
          object,
        ),
      ),
    replace: async (kind, object, dryRun) =>
      strip(
        kind,
        await call(
          'PUT',
          objectPath(kind, object.metadata.namespace!, object.metadata.name),
          writeQuery(dryRun),
          object,
        ),
      ),
    mergePatch: async (kind, namespace, name, patch, dryRun) =>
      strip(
        kind,
        await call(
          'PATCH',
          objectPath(kind, namespace, name),
          writeQuery(dryRun),
          patch,
          'application/merge-patch+json',
        ),
      ),
    async delete(kind, namespace, name, { dryRun, resourceVersion }) {
      await call(
        'DELETE',
        objectPath(kind, namespace, name),
        dryRun ? { dryRun: 'All' } : {},
        {
          apiVersion: 'v1',
          kind: 'DeleteOptions',
          ...(dryRun ? { dryRun: ['All'] } : {}),
          ...(resourceVersion ? { preconditions: { resourceVersion } } : {}),
        },
      );
    },
    async namespaceLabels(name) {
      try {
        const ns = await call(
          'GET',
          `/api/v1/namespaces/${encodeURIComponent(name)}`,
          {},
        );
        return ns?.metadata?.labels ?? {};
      } catch (e) {
        if (e instanceof KubeApiError && e.code === 404) return undefined;
        throw e;
      }
    },
  };
}
