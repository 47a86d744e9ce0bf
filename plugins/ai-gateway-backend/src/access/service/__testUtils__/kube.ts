import { KubeLocal } from '@ai-gateway-backstage/kube-local';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

const PATHS: Record<string, string> = {
  Secret: 'api/v1/namespaces/{ns}/secrets',
  AgentgatewayPolicy:
    'apis/agentgateway.dev/v1alpha1/namespaces/{ns}/agentgatewaypolicies',
  HTTPRoute: 'apis/gateway.networking.k8s.io/v1/namespaces/{ns}/httproutes',
};

/** Reads (or deletes) one object straight from the API server, as `kubectl` would: undefined when absent. */
export async function kubeObject(
  kube: KubeLocal,
  kind: keyof typeof PATHS,
  namespace: string,
  name: string,
  method: 'GET' | 'DELETE' = 'GET',
): Promise<KubeObject | undefined> {
  const res = await fetch(
    `${kube.url}/${PATHS[kind].replace('{ns}', namespace)}/${name}`,
    { method, headers: { Authorization: `Bearer ${kube.adminToken}` } },
  );
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${method} ${kind} ${name}: ${res.status}`);
  return (await res.json()) as KubeObject;
}

/** The decoded entries of a Secret's `data`. */
export function secretEntries(
  secret: KubeObject | undefined,
): Record<string, string> {
  const data = (secret?.data ?? {}) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [
      k,
      Buffer.from(v, 'base64').toString(),
    ]),
  );
}
