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
] as const;

function isKubeObject(x: any): x is KubeObject {
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.kind === 'string' &&
    typeof x.metadata?.name === 'string'
  );
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
    const url = `${baseUrl.replace(/\/$/, '')}/apis/${k.group}/${k.version}/${
      k.plural
    }`;
    const res = await fetch(url, {
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status === 404) continue;
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    const list = (await res.json()) as { items?: KubeObject[] };
    for (const item of list.items ?? []) {
      objects.push({
        ...item,
        apiVersion: `${k.group}/${k.version}`,
        kind: k.kind,
      });
    }
  }
  return objects;
}
