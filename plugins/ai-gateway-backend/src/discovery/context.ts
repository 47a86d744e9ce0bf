import {
  ANNOTATION_DISCOVERABLE,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { DiscoveryConfig } from './config';
import { OwnerLookup } from './owners';
import { PolicyIndex } from './policies';
import { A2aDiscoverySource, McpDiscoverySource } from './types';

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
