import { TestCluster, jsonHeaders, startTestCluster } from './testServer';

export const CRDS_PATH =
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/**
 * A namespaced `example.com/v1` CRD whose `spec` is an object with `specProperties` (the fixture the CEL and
 * ratcheting conformance tests write to the server).
 */
export function exampleCrd(opts: {
  kind: string;
  plural: string;
  specProperties: Record<string, unknown>;
  resourceVersion?: string;
}) {
  const { kind, plural, specProperties, resourceVersion } = opts;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.example.com`,
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    spec: {
      group: 'example.com',
      names: { kind, plural },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', properties: specProperties },
              },
            },
          },
        },
      ],
    },
  };
}

/**
 * Starts a cluster with no CRDs for the enclosing `describe` (closed after it) and returns JSON request helpers.
 */
export function useEmptyCluster() {
  const ctx: { t?: TestCluster } = {};
  beforeAll(async () => {
    ctx.t = await startTestCluster({ crds: [] });
  });
  afterAll(() => ctx.t?.server.close());
  const cluster = () => ctx.t!;
  const send = (method: string, url: string, body?: unknown) =>
    cluster().json(url, {
      method,
      headers: jsonHeaders(),
      body: JSON.stringify(body),
    });
  const post = (url: string, body: unknown) => send('POST', url, body);
  return { cluster, send, post };
}
