import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import {
  KubeLocal,
  KubeLocalOptions,
  startKubeLocal,
} from '../../startKubeLocal';

// Servers, the CRD validator's lazy compilation and client-node make the first requests slow on a busy machine.
jest.setTimeout(30_000);

export interface TestCluster {
  server: KubeLocal;
  kc: KubeConfig;
  core: CoreV1Api;
  custom: CustomObjectsApi;
  /** Raw fetch against the server with the admin token (or `token`). */
  raw(
    path: string,
    init?: RequestInit & { token?: string | null },
  ): Promise<Response>;
  /** Raw fetch + JSON body (a plain-text body as its text). */
  json(
    path: string,
    init?: RequestInit & { token?: string | null },
  ): Promise<{ status: number; body: any }>;
}

export function kubeConfigFor(url: string, token: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'kube-local', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'kube-local', cluster: 'kube-local', user: 'u' }],
    currentContext: 'kube-local',
  });
  return kc;
}

export async function startTestCluster(
  opts: KubeLocalOptions = {},
): Promise<TestCluster> {
  const server = await startKubeLocal({ port: 0, ...opts });
  const kc = kubeConfigFor(server.url, server.adminToken);
  const raw = (
    path: string,
    init: RequestInit & { token?: string | null } = {},
  ) => {
    const { token, headers, ...rest } = init;
    const auth: Record<string, string> =
      token === null
        ? {}
        : { Authorization: `Bearer ${token ?? server.adminToken}` };
    return fetch(`${server.url}${path}`, {
      ...rest,
      headers: { ...auth, ...(headers as Record<string, string>) },
    });
  };
  return {
    server,
    kc,
    core: kc.makeApiClient(CoreV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    raw,
    json: async (path, init) => {
      const res = await raw(path, init);
      const text = await res.text();
      // the not-found handler answers plain text (`404 page not found`): kept as the text
      const plain = res.headers.get('content-type')?.startsWith('text/plain');
      if (plain) return { status: res.status, body: text };
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/** The Status body of a client-node ApiException (or of anything thrown). */
export async function statusOf(
  p: Promise<unknown>,
): Promise<{ code: number; reason?: string; message?: string; details?: any }> {
  try {
    await p;
  } catch (e: any) {
    const body =
      typeof e?.body === 'string' && e.body ? JSON.parse(e.body) : e?.body;
    return { code: e?.code, ...(body ?? {}) };
  }
  throw new Error('expected the request to fail');
}

export const jsonHeaders = (contentType = 'application/json') => ({
  'Content-Type': contentType,
});

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const AGW_GROUP = 'agentgateway.dev';

export function backend(
  name: string,
  namespace = 'default',
  extra: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'agentgateway.dev/v1alpha1',
    kind: 'AgentgatewayBackend',
    metadata: { name, namespace, ...extra },
    spec: { static: { host: 'example.com', port: 443 } },
  };
}
