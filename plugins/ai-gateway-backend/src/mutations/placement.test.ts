import { Entity } from '@backstage/catalog-model';
import {
  KubeObject,
  RESOURCE_KINDS,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceCaches } from '../cache/ResourceCaches';
import { InMemoryCollection } from '../cache/testSource';
import { resolveSelection } from '../entities/selection';
import { Placement } from './placement';

const route = (namespace: string, name: string, id: string): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { namespace, name, labels: { 'backstage.io/kubernetes-id': id } },
});
const entity = (annotations: Record<string, string>) =>
  resolveSelection({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'e', annotations },
  } as Entity);

async function caches(
  clusters: string[],
  routes: Record<string, KubeObject[]>,
) {
  const c = new ResourceCaches({
    clusters,
    sourceFor: (cluster, kind) => {
      const s = new InMemoryCollection();
      if (kind.kind === 'HTTPRoute')
        for (const r of routes[cluster] ?? []) s.apply('ADDED', r);
      return s;
    },
  });
  c.start();
  await c.waitUntilSettled(
    RESOURCE_KINDS.map(k => k.kind),
    2000,
  );
  return c;
}

describe('Placement', () => {
  const all: ResourceCaches[] = [];
  afterAll(() => all.forEach(c => c.stop()));
  const make = async (
    clusters: string[],
    routes: Record<string, KubeObject[]> = {},
  ) => {
    const c = await caches(clusters, routes);
    all.push(c);
    return c;
  };

  it('writes to the configured cluster, else the only one, else where the entity has objects', async () => {
    const one = await make(['only']);
    expect(new Placement(one).writeClusterFor()).toBe('only');
    const two = await make(['a', 'b'], { b: [route('ns', 'r', 'bot')] });
    expect(
      new Placement(two, 'a').writeClusterFor(
        entity({ 'backstage.io/kubernetes-id': 'bot' }),
      ),
    ).toBe('a');
    expect(
      new Placement(two).writeClusterFor(
        entity({ 'backstage.io/kubernetes-id': 'bot' }),
      ),
    ).toBe('b');
    expect(() =>
      new Placement(two).writeClusterFor(
        entity({ 'backstage.io/kubernetes-id': 'new' }),
      ),
    ).toThrow(/aiGateway\.writeCluster/);
    expect(() => new Placement(two).writeClusterFor()).toThrow(
      /aiGateway\.writeCluster/,
    );
    expect(() => new Placement(two, 'nope')).toThrow(/unknown cluster/);
  });

  it('updates go to the cluster that holds the object', async () => {
    const two = await make(['a', 'b'], {
      a: [route('ns', 'x', 'bot')],
      b: [route('ns', 'y', 'bot')],
    });
    const bot = entity({ 'backstage.io/kubernetes-id': 'bot' });
    expect(new Placement(two).clusterOf('HTTPRoute', 'y', bot)).toBe('b');
    expect(new Placement(two, 'a').clusterOf('HTTPRoute', 'y', bot)).toBe('b');
  });

  it('chooses the namespace: annotation, else the one in use, else the body’s when the entity has none', async () => {
    const c = await make(['c'], {
      c: [
        route('ns-1', 'x1', 'one'),
        route('ns-1', 'x2', 'two'),
        route('ns-2', 'y', 'two'),
      ],
    });
    const p = new Placement(c);
    expect(
      p.namespaceFor(
        'c',
        entity({
          'backstage.io/kubernetes-id': 'one',
          'backstage.io/kubernetes-namespace': 'fixed',
        }),
        'ns-1',
      ),
    ).toBe('fixed');
    expect(
      p.namespaceFor('c', entity({ 'backstage.io/kubernetes-id': 'one' })),
    ).toBe('ns-1');
    expect(
      p.namespaceFor(
        'c',
        entity({ 'backstage.io/kubernetes-id': 'new' }),
        'mine',
      ),
    ).toBe('mine');
    expect(() =>
      p.namespaceFor('c', entity({ 'backstage.io/kubernetes-id': 'two' })),
    ).toThrow(/several namespaces \(ns-1, ns-2\)/);
    expect(
      p.namespaceFor(
        'c',
        entity({ 'backstage.io/kubernetes-id': 'two' }),
        'ns-2',
      ),
    ).toBe('ns-2');
    expect(() =>
      p.locate(
        'c',
        entity({ 'backstage.io/kubernetes-id': 'one' }),
        'HTTPRoute',
        'zzz',
      ),
    ).toThrow(/not found/);
    expect(
      p.locate(
        'c',
        entity({ 'backstage.io/kubernetes-id': 'two' }),
        'HTTPRoute',
        'y',
      ),
    ).toBe('ns-2');
  });
});
