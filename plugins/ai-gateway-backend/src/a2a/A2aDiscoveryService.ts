import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { RemoteDiscoveryService, ResultListener } from '../remoteDiscovery';
import { gatewayUrlFor } from '../mcp/targets';
import { fetchAgentCard } from './card';
import { A2aConfig } from './config';
import { A2aDiscoveryResult, A2aDiscoveryStore } from './store';

/** What the catalog snapshot reads: the last agent card of an A2A backend, and a signal when any changed. */
export interface A2aDiscoveryReader {
  getAgent(
    cluster: string,
    namespace: string,
    backendName: string,
  ): A2aDiscoveryResult | undefined;
  /** Called after a card changed (or was removed), with its backend; returns an unsubscribe function. */
  onChange(listener: ResultListener<A2aDiscoveryResult>): () => void;
}

/** Where the card of one A2A backend is read: the development mapping, else the gateway URL, else the target. */
export function a2aBaseUrl(
  reader: ResourceReader,
  cluster: string,
  backend: KubeObject,
  config: Pick<A2aConfig, 'endpoints' | 'gateways'>,
): { url: string; headers: Record<string, string> } | undefined {
  const id = `${backend.metadata.namespace ?? ''}/${backend.metadata.name}`;
  const override = config.endpoints.find(
    e => e.backend === id && (!e.cluster || e.cluster === cluster),
  );
  if (override) return { url: override.url, headers: override.headers };
  const viaGateway = gatewayUrlFor(reader, cluster, backend, config.gateways);
  if (viaGateway) return { url: viaGateway, headers: {} };
  const a2a = (backend.spec as { a2a?: { host?: unknown; port?: unknown } })
    .a2a;
  if (typeof a2a?.host !== 'string' || !a2a.host) return undefined;
  const host =
    a2a.host.includes(':') && !a2a.host.startsWith('[')
      ? `[${a2a.host}]`
      : a2a.host;
  return {
    url: `http://${host}${typeof a2a.port === 'number' ? `:${a2a.port}` : ''}`,
    headers: {},
  };
}

export interface A2aDiscoveryServiceOptions {
  reader: ResourceReader;
  store: A2aDiscoveryStore;
  config: A2aConfig;
  logger: LoggerService;
}

/**
 * A2A discovery: reads the agent card of every A2A backend (bounded in time and size, validated), stores it in the
 * plugin's database and serves it from memory. A failed fetch keeps the last known card and records when and why
 * (src/remoteDiscovery).
 */
export class A2aDiscoveryService
  extends RemoteDiscoveryService<A2aDiscoveryResult>
  implements A2aDiscoveryReader
{
  constructor(options: A2aDiscoveryServiceOptions) {
    super({
      ...options,
      kind: {
        label: 'A2A',
        specField: 'a2a',
        fetch: (cluster, backend) => fetchCard(options, cluster, backend),
        empty: () => ({ card: undefined, cardUrl: undefined }),
      },
    });
  }

  getAgent(cluster: string, namespace: string, backendName: string) {
    return this.result(cluster, namespace, backendName);
  }
}

/** Reads one backend's agent card; throws on failure. */
async function fetchCard(
  { reader, config }: A2aDiscoveryServiceOptions,
  cluster: string,
  backend: KubeObject,
) {
  const where = a2aBaseUrl(reader, cluster, backend, config);
  if (!where) throw new Error('the backend has no spec.a2a.host');
  return fetchAgentCard(where.url, where.headers, {
    timeoutMs: config.timeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    maxSkills: config.maxSkills,
  });
}
