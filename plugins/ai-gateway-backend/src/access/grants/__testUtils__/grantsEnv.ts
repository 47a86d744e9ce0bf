/*
 * The grant objects against a real local API server (kube-local) seeded with the demo cluster: real watch caches,
 * the real object writer (bundled CRD validator), the real Backstage auditor (events captured by its log function),
 * discovery's ownership rule over the demo catalog. Only the logger is a sink that keeps every line.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { DefaultAuditorService } from '@backstage/backend-defaults/auditor';
import { mockServices } from '@backstage/backend-test-utils';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  KubeObject,
  RESOURCE_KINDS,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  createCrdValidator,
  loadBundledCrds,
} from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { ResourceCaches } from '../../../cache/ResourceCaches';
import { createKubeListWatchSource } from '../../../cache/kubeSource';
import { kubeConfigFor } from '../../../cluster/KubernetesClusters';
import {
  demoEntities,
  demoObjects,
} from '../../../discovery/__testUtils__/demo';
import { OwnerLookup, toOwnerEntities } from '../../../discovery/owners';
import {
  KubeWriteClient,
  createKubeWriteClient,
} from '../../../mutations/kubeClient';
import { ObjectWriter } from '../../../mutations/ObjectWriter';
import { GrantObjects } from '../GrantObjects';
import { GrantOwners } from '../types';

export const validator = createCrdValidator(loadBundledCrds());

/**
 * The demo seed, with `support-api-keys` switched from its single `secretRef` to a `secretSelector` (what the
 * owner of `support-openai` does after a 409, so grants can add keys) — `payments-api-keys` keeps its secretRef.
 */
export function grantsSeed(): KubeObject[] {
  return demoObjects.map(o =>
    o.kind === 'AgentgatewayPolicy' && o.metadata.name === 'support-api-keys'
      ? {
          ...o,
          spec: {
            ...o.spec,
            traffic: {
              apiKeyAuthentication: {
                mode: 'Strict',
                secretSelector: {
                  matchLabels: { 'support-client-keys': 'true' },
                },
              },
            },
          },
        }
      : o,
  );
}

export interface LogLine {
  level: string;
  message: string;
  meta?: unknown;
}

function sinkLogger(lines: LogLine[]): LoggerService {
  const log = (level: string) => (message: string, meta?: Error | object) =>
    void lines.push({ level, message: String(message), meta });
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => sinkLogger(lines),
  };
}

/** Every cached kind has seen the object as `check` wants it (the watch delivered it). */
export async function eventually<T>(check: () => T, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (e: unknown) {
      if (Date.now() > end) throw e;
      await new Promise(r => setTimeout(r, 50));
    }
  }
}

export async function startGrantsEnv(
  options: { failWrite?: (kind: string, name: string) => boolean } = {},
) {
  const kube = await startKubeLocal({ port: 0, seed: grantsSeed() });
  const kc = kubeConfigFor({
    name: 'local',
    url: kube.url,
    serviceAccountToken: kube.adminToken,
  });
  const caches = new ResourceCaches({
    clusters: ['local'],
    sourceFor: (_cluster, kind) => createKubeListWatchSource(kc, kind),
    initialBackoffMs: 100,
    maxBackoffMs: 500,
  });
  caches.start();
  await caches.waitUntilSettled(
    RESOURCE_KINDS.map(k => k.kind),
    30_000,
  );
  const lines: LogLine[] = [];
  const audits: unknown[] = [];
  const logger = sinkLogger(lines);
  const auditor = DefaultAuditorService.create(
    event => void audits.push(event),
    {
      auth: mockServices.auth(),
      httpAuth: mockServices.httpAuth(),
      plugin: { getId: () => 'ai-gateway' },
    },
  );
  const raw = createKubeWriteClient(kc);
  /** the real client; `failWrite` makes a real (not dry-run) create of a matching object fail, after the others */
  const client: KubeWriteClient = {
    ...raw,
    create: (kind, object, dryRun, warnings) =>
      !dryRun && options.failWrite?.(kind.kind, object.metadata.name)
        ? Promise.reject(new Error('injected failure'))
        : raw.create(kind, object, dryRun, warnings),
  };
  const writer = new ObjectWriter({
    validator,
    reader: caches,
    clientFor: () => client,
    logger,
  });
  const lookup = new OwnerLookup(
    toOwnerEntities(demoEntities),
    'group:default/platform',
  );
  const owners: GrantOwners = {
    async ownership(cluster, source) {
      const obj = caches.get(
        cluster,
        source.kind,
        source.namespace,
        source.name,
      );
      return obj ? lookup.ownership(obj) : undefined;
    },
  };
  const grants = new GrantObjects({
    reader: caches,
    writer,
    auditor,
    logger,
    owners,
  });
  const admin = async (path: string) => {
    const res = await fetch(`${kube.url}${path}`, {
      headers: { Authorization: `Bearer ${kube.adminToken}` },
    });
    return res.status === 200 ? ((await res.json()) as KubeObject) : undefined;
  };
  const adminWrite = (path: string, method: string, body?: unknown) =>
    fetch(`${kube.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${kube.adminToken}`,
        'Content-Type':
          method === 'PATCH'
            ? 'application/merge-patch+json'
            : 'application/json',
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  return {
    kube,
    caches,
    grants,
    lines,
    audits,
    admin,
    adminWrite,
    policyPath: (ns: string, name: string) =>
      `/apis/agentgateway.dev/v1alpha1/namespaces/${ns}/agentgatewaypolicies/${name}`,
    secretPath: (ns: string, name: string) =>
      `/api/v1/namespaces/${ns}/secrets/${name}`,
    async close() {
      caches.stop();
      await kube.close();
    },
  };
}

export type GrantsEnv = Awaited<ReturnType<typeof startGrantsEnv>>;
