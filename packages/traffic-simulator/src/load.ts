import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** The kinds the simulator derives traffic from. */
export const SIMULATED_KINDS = [
  {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    plural: 'gateways',
    kind: 'Gateway',
  },
  {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    plural: 'httproutes',
    kind: 'HTTPRoute',
  },
  {
    group: 'agentgateway.dev',
    version: 'v1alpha1',
    plural: 'agentgatewaybackends',
    kind: 'AgentgatewayBackend',
  },
  {
    group: 'agentgateway.dev',
    version: 'v1alpha1',
    plural: 'agentgatewaypolicies',
    kind: 'AgentgatewayPolicy',
  },
  // Services name Service backends (`hostname:port`) and the MCP targets selectors choose
  { group: '', version: 'v1', plural: 'services', kind: 'Service' },
  { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace' },
] as const;

function isKubeObject(x: unknown): x is KubeObject {
  if (!x || typeof x !== 'object') return false;
  const o = x as { kind?: unknown; metadata?: { name?: unknown } };
  return typeof o.kind === 'string' && typeof o.metadata?.name === 'string';
}

/** Every Kubernetes object in the YAML files (multi-document, `*.yaml` / `*.yml`) of a file or directory tree. */
export function loadObjectsFromPath(target: string): KubeObject[] {
  const stat = fs.statSync(target);
  const files = stat.isDirectory()
    ? fs
        .readdirSync(target, { recursive: true, encoding: 'utf8' })
        .filter(f => /\.ya?ml$/.test(f))
        .sort()
        .map(f => path.join(target, f))
    : [target];
  const objects: KubeObject[] = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const value = doc.toJS();
      if (value?.kind === 'List' && Array.isArray(value.items))
        objects.push(...value.items.filter(isKubeObject));
      else if (isKubeObject(value)) objects.push(value);
    }
  }
  return objects;
}

/** Lists the simulated kinds from a Kubernetes API server (all namespaces); kinds it does not serve are skipped. */
export async function loadObjectsFromKube(
  baseUrl: string,
  token?: string,
): Promise<KubeObject[]> {
  const objects: KubeObject[] = [];
  for (const k of SIMULATED_KINDS) {
    const base = baseUrl.replace(/\/$/, '');
    const url = k.group
      ? `${base}/apis/${k.group}/${k.version}/${k.plural}`
      : `${base}/api/${k.version}/${k.plural}`;
    const res = await fetch(url, {
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status === 404 || res.status === 403) continue; // not served, or not allowed to list
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    const list = (await res.json()) as { items?: KubeObject[] };
    for (const item of list.items ?? []) {
      objects.push({
        ...item,
        apiVersion: k.group ? `${k.group}/${k.version}` : k.version,
        kind: k.kind,
      });
    }
  }
  return objects;
}
