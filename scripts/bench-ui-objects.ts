/** The objects bench-ui adds to kube-local for one entity (backends and routes, through the API server). */
import type { Stack } from '../e2e/harness';

async function kube(stack: Stack, path: string, body: unknown) {
  const res = await fetch(`${stack.kubeUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${stack.token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!res.ok && res.status !== 409)
    throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
}

/** 1,000 static backends and 1,000 routes (each to one backend, on the shared gateway) labelled for the entity. */
export async function addObjects(
  stack: Stack,
  options: { count: number; entity: string; namespace: string },
) {
  const { count: COUNT, entity: ENTITY, namespace: NAMESPACE } = options;
  const labels = { 'backstage.io/kubernetes-id': ENTITY };
  const jobs: Array<() => Promise<void>> = [];
  for (let i = 0; i < COUNT; i++) {
    const name = `bench-${String(i).padStart(4, '0')}`;
    jobs.push(() =>
      kube(
        stack,
        `/apis/agentgateway.dev/v1alpha1/namespaces/${NAMESPACE}/agentgatewaybackends`,
        {
          apiVersion: 'agentgateway.dev/v1alpha1',
          kind: 'AgentgatewayBackend',
          metadata: { name, namespace: NAMESPACE, labels },
          spec: { static: { host: `${name}.example.com`, port: 443 } },
        },
      ),
    );
    jobs.push(() =>
      kube(
        stack,
        `/apis/gateway.networking.k8s.io/v1/namespaces/${NAMESPACE}/httproutes`,
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name, namespace: NAMESPACE, labels },
          spec: {
            parentRefs: [
              { name: 'agentgateway-proxy', namespace: 'agentgateway-system' },
            ],
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: `/${name}` } }],
                backendRefs: [
                  {
                    group: 'agentgateway.dev',
                    kind: 'AgentgatewayBackend',
                    name,
                  },
                ],
              },
            ],
          },
        },
      ),
    );
  }
  for (let i = 0; i < jobs.length; i += 20)
    await Promise.all(jobs.slice(i, i + 20).map(j => j()));
}

