import {
  ANNOTATION_DISCOVERABLE,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceCaches } from '../cache/ResourceCaches';
import { DiscoveryConfig } from './config';
import { OwnerLookup } from './owners';
import { PolicyIndex } from './policies';
import {
  A2aDiscoverySource,
  DISCOVERY_KINDS,
  McpDiscoverySource,
} from './types';

/** The cached objects of one cluster that discovery reads. */
export interface ClusterObjects {
  name: string;
  /** every kind discovery reads completed its first LIST */
  ok: boolean;
  message?: string;
  gateways: KubeObject[];
  routes: KubeObject[];
  models: KubeObject[];
  backends: KubeObject[];
  policies: KubeObject[];
}

/** Everything a builder needs about one cluster, indexed once per snapshot. */
export interface ClusterContext {
  cluster: string;
  /** name prefix: `[cluster]` when several clusters are configured, else none */
  prefix: string[];
  gateways: Map<string, KubeObject>;
  backends: Map<string, KubeObject>;
  models: Map<string, KubeObject>;
  policies: PolicyIndex;
  owners: OwnerLookup;
  mcp?: McpDiscoverySource;
  a2a?: A2aDiscoverySource;
  config: DiscoveryConfig;
}

export const nsName = (obj: KubeObject) =>
  `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;

export function byNsName(objects: KubeObject[]): Map<string, KubeObject> {
  return new Map(objects.map(o => [nsName(o), o]));
}

/** `ai-gateway.backstage.io/discoverable: "false"` keeps an object (and what only it exposes) out of the catalog. */
export function isDiscoverable(obj: KubeObject): boolean {
  const v = obj.metadata.annotations?.[ANNOTATION_DISCOVERABLE];
  return typeof v !== 'string' || v.trim().toLowerCase() !== 'false';
}

/** What discovery reads of one cluster from the kind caches (never a LIST), and whether every kind has synced. */
export function clusterObjects(
  caches: ResourceCaches,
  name: string,
): ClusterObjects {
  const states = DISCOVERY_KINDS.map(k => caches.cache(name, k)?.state());
  const notSynced = states.find(s => s && !s.synced);
  return {
    name,
    ok: !notSynced,
    ...(notSynced
      ? {
          message: `${notSynced.kind}: ${
            notSynced.error?.message ?? 'not synced yet'
          }`,
        }
      : {}),
    gateways: caches.query(name, 'Gateway'),
    routes: caches.query(name, 'HTTPRoute'),
    models: caches.query(name, 'AgentgatewayModel'),
    backends: caches.query(name, 'AgentgatewayBackend'),
    policies: caches.query(name, 'AgentgatewayPolicy'),
  };
}
