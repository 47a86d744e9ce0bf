import { ApiException } from '@kubernetes/client-node';
import {
  getKind,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceCaches } from './ResourceCaches';
import { InMemoryCollection } from './testSource';

const obj = (
  kind: string,
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
): KubeObject => ({
  apiVersion: kind === 'Secret' ? 'v1' : 'gateway.networking.k8s.io/v1',
  kind,
  metadata: { namespace, name, labels },
});

function setup(failures: Record<string, unknown> = {}) {
  const sources = new Map<string, InMemoryCollection>();
  const caches = new ResourceCaches({
    clusters: ['a', 'b'],
    kinds: ['Gateway', 'HTTPRoute', 'Secret'].map(getKind),
    sourceFor: (cluster, kind) => {
      const s = new InMemoryCollection();
      s.listError = failures[`${cluster}/${kind.kind}`];
      sources.set(`${cluster}/${kind.kind}`, s);
      return s;
    },
    initialBackoffMs: 1000,
  });
  return { caches, source: (key: string) => sources.get(key)! };
}

describe('ResourceCaches', () => {
  let caches: ResourceCaches | undefined;
  afterEach(() => caches?.stop());

  it('reports NotSynced before the first LIST, then ok', async () => {
    const s = setup();
    caches = s.caches;
    expect(caches.clusterState('a', ['HTTPRoute'])).toMatchObject({
      ok: false,
      error: { reason: 'NotSynced' },
    });
    caches.start();
    await caches.waitUntilSettled(['HTTPRoute', 'Gateway'], 1000);
    expect(caches.clusterState('a', ['HTTPRoute', 'Gateway'])).toEqual({
      name: 'a',
      ok: true,
    });
  });

  it('names the failing kind, preferring kinds that never synced', async () => {
    const s = setup({
      'b/HTTPRoute': new ApiException(
        403,
        'Forbidden',
        { message: 'httproutes is forbidden' },
        {},
      ),
    });
    caches = s.caches;
    caches.start();
    await caches.waitUntilSettled(['HTTPRoute', 'Gateway'], 1000);
    expect(caches.clusterState('b', ['Gateway', 'HTTPRoute'])).toEqual({
      name: 'b',
      ok: false,
      error: {
        reason: 'Forbidden',
        message: 'httproutes is forbidden',
        kind: 'HTTPRoute',
      },
    });
    expect(caches.clusterState('b', ['Gateway'])).toEqual({
      name: 'b',
      ok: true,
    });
    expect(caches.clusterState('a', ['Gateway', 'HTTPRoute'])).toEqual({
      name: 'a',
      ok: true,
    });
  });

  it('queries by label and namespace per cluster, sorted, and strips Secrets', async () => {
    const s = setup();
    caches = s.caches;
    const routes = s.source('a/HTTPRoute');
    routes.apply('ADDED', obj('HTTPRoute', 'n2', 'z', { app: 'x' }));
    routes.apply(
      'ADDED',
      obj('HTTPRoute', 'n1', 'y', { app: 'x', tier: 'web' }),
    );
    routes.apply('ADDED', obj('HTTPRoute', 'n1', 'w', { app: 'other' }));
    s.source('b/HTTPRoute').apply(
      'ADDED',
      obj('HTTPRoute', 'n1', 'in-b', { app: 'x' }),
    );
    s.source('a/Secret').apply('ADDED', {
      ...obj('Secret', 'n1', 'key'),
      data: { token: 'c2VjcmV0' },
    });
    caches.start();
    await caches.waitUntilSettled(['HTTPRoute', 'Secret'], 1000);

    const names = (list: KubeObject[]) =>
      list.map(o => `${o.metadata.namespace}/${o.metadata.name}`);
    const app = (value: string) => [
      { key: 'app', op: 'in' as const, values: [value] },
    ];
    expect(
      names(caches.query('a', 'HTTPRoute', { requirements: app('x') })),
    ).toEqual(['n1/y', 'n2/z']);
    expect(
      names(
        caches.query('a', 'HTTPRoute', {
          requirements: app('x'),
          namespaces: ['n2'],
        }),
      ),
    ).toEqual(['n2/z']);
    expect(
      names(
        caches.query('a', 'HTTPRoute', {
          requirements: [...app('x'), { key: 'tier', op: 'exists' }],
        }),
      ),
    ).toEqual(['n1/y']);
    expect(
      names(caches.query('a', 'HTTPRoute', { namespaces: ['n1'] })),
    ).toEqual(['n1/w', 'n1/y']);
    expect(names(caches.query('b', 'HTTPRoute'))).toEqual(['n1/in-b']);
    expect(caches.query('a', 'Unknown')).toEqual([]);
    expect(caches.get('a', 'Secret', 'n1', 'key')?.data).toEqual({ token: '' });
  });
});
