import fetch, { RequestInit } from 'node-fetch';
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
  constructor(readonly code: number, readonly body: unknown) {
    const message =
      body && typeof body === 'object' && 'message' in body
        ? (body as { message?: unknown }).message
        : undefined;
    super(
      typeof message === 'string' ? message : `Kubernetes API answered ${code}`,
    );
  }
}

/** Where a write puts the API server's `Warning` headers (e.g. `unknown field "spec.burts"`). */
export type WarningSink = string[];

/**
 * The writes (and fresh reads) the write path makes against one cluster. Every call goes to the API server;
 * `dryRun` runs the request through validation and admission without storing anything. Writes send
 * `fieldValidation=Strict` (an unknown field is a 422 at the field, not silently pruned) and collect the
 * server's `Warning` headers into `warnings`.
 */
export interface KubeWriteClient {
  get(
    kind: ResourceKindDescriptor,
    namespace: string,
    name: string,
  ): Promise<KubeObject | undefined>;
  /**
   * A Secret with its values, for the one purpose of restoring it when a later write of the same request
   * fails. The answer stays inside the writer: never returned, logged or audited.
   */
  getForRestore(
    kind: ResourceKindDescriptor,
    namespace: string,
    name: string,
  ): Promise<KubeObject | undefined>;
  create(
    kind: ResourceKindDescriptor,
    object: KubeObject,
    dryRun: boolean,
    warnings?: WarningSink,
  ): Promise<KubeObject>;
  /** PUT; the object's `metadata.resourceVersion` is the precondition (409 when stale). */
  replace(
    kind: ResourceKindDescriptor,
    object: KubeObject,
    dryRun: boolean,
    warnings?: WarningSink,
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
    warnings?: WarningSink,
  ): Promise<KubeObject>;
  /**
   * DELETE; answers the object when it stays (finalizers: `metadata.deletionTimestamp` set, the delete is
   * pending), undefined when it is gone.
   */
  delete(
    kind: ResourceKindDescriptor,
    namespace: string,
    name: string,
    options: { dryRun: boolean; resourceVersion?: string },
    warnings?: WarningSink,
  ): Promise<KubeObject | undefined>;
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

/** The text of a `Warning: 299 - "text"` header (RFC 7234 warn-text, quotes unescaped). */
export function warningText(header: string): string {
  const m = /^\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/.exec(header.trim());
  return m ? m[1].replace(/\\(.)/g, '$1') : header.trim();
}

function isKubeObject(value: unknown): value is KubeObject {
  return (
    !!value &&
    typeof value === 'object' &&
    (value as { kind?: unknown }).kind !== 'Status' &&
    typeof (value as { metadata?: unknown }).metadata === 'object'
  );
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
    options: { body?: unknown; contentType?: string; warnings?: WarningSink },
  ): Promise<unknown> => {
    const { body, contentType = 'application/json', warnings } = options;
    const init = (await kc.applyToFetchOptions({})) as {
      headers?: { forEach(fn: (v: string, k: string) => void): void };
      agent?: RequestInit['agent'];
    };
    const headers: Record<string, string> = { Accept: 'application/json' };
    init.headers?.forEach((v, k) => {
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
    });
    for (const w of res.headers.raw().warning ?? [])
      warnings?.push(warningText(w));
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = { message: text.slice(0, 500) };
    }
    if (!res.ok) throw new KubeApiError(res.status, parsed);
    return parsed;
  };
  const object = (value: unknown): KubeObject => {
    if (!isKubeObject(value))
      throw new KubeApiError(500, {
        message: 'the API server answered a write without the object',
      });
    return value;
  };
  /** Secret values never leave this client: answers about Secrets are stripped to key names at once. */
  const strip = (kind: ResourceKindDescriptor, obj: KubeObject) =>
    kind.group === '' && kind.kind === 'Secret' ? stripSecret(obj) : obj;
  const writeQuery = (dryRun: boolean): Record<string, string> => ({
    fieldManager: FIELD_MANAGER,
    fieldValidation: 'Strict',
    ...(dryRun ? { dryRun: 'All' } : {}),
  });
  const getRaw = async (
    kind: ResourceKindDescriptor,
    namespace: string,
    name: string,
  ) => {
    try {
      return object(
        await call('GET', objectPath(kind, namespace, name), {}, {}),
      );
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 404) return undefined;
      throw e;
    }
  };

  return {
    async get(kind, namespace, name) {
      const found = await getRaw(kind, namespace, name);
      return found && strip(kind, found);
    },
    getForRestore: getRaw,
    create: async (kind, obj, dryRun, warnings) =>
      strip(
        kind,
        object(
          await call(
            'POST',
            objectPath(kind, obj.metadata.namespace!),
            writeQuery(dryRun),
            { body: obj, warnings },
          ),
        ),
      ),
    replace: async (kind, obj, dryRun, warnings) =>
      strip(
        kind,
        object(
          await call(
            'PUT',
            objectPath(kind, obj.metadata.namespace!, obj.metadata.name),
            writeQuery(dryRun),
            { body: obj, warnings },
          ),
        ),
      ),
    mergePatch: async (kind, namespace, name, patch, dryRun, warnings) =>
      strip(
        kind,
        object(
          await call(
            'PATCH',
            objectPath(kind, namespace, name),
            writeQuery(dryRun),
            {
              body: patch,
              contentType: 'application/merge-patch+json',
              warnings,
            },
          ),
        ),
      ),
    async delete(kind, namespace, name, { dryRun, resourceVersion }, warnings) {
      const answer = await call(
        'DELETE',
        objectPath(kind, namespace, name),
        dryRun ? { dryRun: 'All' } : {},
        {
          body: {
            apiVersion: 'v1',
            kind: 'DeleteOptions',
            ...(dryRun ? { dryRun: ['All'] } : {}),
            ...(resourceVersion ? { preconditions: { resourceVersion } } : {}),
          },
          warnings,
        },
      );
      return isKubeObject(answer) ? strip(kind, answer) : undefined;
    },
    async namespaceLabels(name) {
      try {
        const ns = await call(
          'GET',
          `/api/v1/namespaces/${encodeURIComponent(name)}`,
          {},
          {},
        );
        const labels = isKubeObject(ns) ? ns.metadata.labels : undefined;
        return labels ?? {};
      } catch (e) {
        if (e instanceof KubeApiError && e.code === 404) return undefined;
        throw e;
      }
    },
  };
}
