import { RESOURCE_KINDS } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { SECRET_VALUE, seed } from '../__testUtils__/seed';
import { eventually } from '../__testUtils__/testBackend';
import { ResourceCaches } from './ResourceCaches';
import {
  Kube,
  startLocalCaches,
  stopLocalCaches,
} from './__testUtils__/localCaches';

jest.setTimeout(60_000);

async function put(kube: Kube, path: string, body: object, method = 'POST') {
  const res = await fetch(`${kube.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${kube.adminToken}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const secret = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'team-support' },
  stringData: data,
});

describe('caches over a real (local) Kubernetes API server', () => {
  let kube: Kube;
  let caches: ResourceCaches;

  beforeAll(async () => {
    // a short watch history, so a resumed watch can fall behind it (410 Expired)
    ({ kube, caches } = await startLocalCaches({
      seed,
      watchHistory: 3,
      bookmarkIntervalMs: 600_000,
    }));
  });
  afterAll(() => stopLocalCaches({ kube, caches }));

  it('syncs every registry kind with one LIST each', () => {
    expect(
      caches.cacheStates().map(s => [s.kind, s.synced, s.error?.reason]),
    ).toEqual(RESOURCE_KINDS.map(k => [k.kind, true, undefined]));
    const lists = kube.requests.filter(r => r.verb === 'list');
    expect(lists.map(r => r.resource).sort()).toEqual(
      RESOURCE_KINDS.map(k => k.plural).sort(),
    );
    expect(
      caches.query('local', 'HTTPRoute').map(o => o.metadata.name),
    ).toEqual(['search', 'stray', 'support-chat']);
    // items of a LIST carry apiVersion and kind like watch events do
    expect(
      caches.get('local', 'Gateway', 'agentgateway-system', 'ai-gw'),
    ).toMatchObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
    });
  });

  it('answers indexed queries by namespace and label', () => {
    const requirements = [
      {
        key: 'backstage.io/kubernetes-id',
        op: 'in' as const,
        values: ['support-bot'],
      },
    ];
    expect(
      caches
        .query('local', 'HTTPRoute', { requirements })
        .map(o => o.metadata.name),
    ).toEqual(['stray', 'support-chat']);
    expect(
      caches
        .query('local', 'HTTPRoute', {
          requirements,
          namespaces: ['team-support'],
        })
        .map(o => o.metadata.name),
    ).toEqual(['support-chat']);
    expect(
      caches
        .query('local', 'HTTPRoute', { namespaces: ['team-search'] })
        .map(o => o.metadata.name),
    ).toEqual(['search', 'stray']);
  });

  it('keeps only key names of Secrets, on LIST and on WATCH', async () => {
    const listed = caches.get(
      'local',
      'Secret',
      'team-support',
      'openai-secret',
    );
    expect(listed?.data).toEqual({ Authorization: '' });
    await put(
      kube,
      '/api/v1/namespaces/team-support/secrets',
      secret('rotated', { a: 'first-value' }),
    );
    await put(
      kube,
      '/api/v1/namespaces/team-support/secrets/rotated',
      secret('rotated', { a: 'second-value', b: 'third-value' }),
      'PUT',
    );
    const watched = await eventually(async () => {
      const s = caches.get('local', 'Secret', 'team-support', 'rotated');
      expect(Object.keys(s?.data ?? {}).sort()).toEqual(['a', 'b']);
      return s!;
    });
    expect(watched.data).toEqual({ a: '', b: '' });
    const everything = JSON.stringify(caches.query('local', 'Secret'));
    for (const value of [
      SECRET_VALUE,
      'first-value',
      'second-value',
      'third-value',
    ]) {
      expect(everything).not.toContain(value);
      expect(everything).not.toContain(Buffer.from(value).toString('base64'));
    }
  });

  it('re-LISTs when a resumed watch is older than the server keeps (410 Expired)', async () => {
    const routeLists = () =>
      kube.requests.filter(
        r => r.verb === 'list' && r.resource === 'httproutes',
      ).length;
    const before = routeLists();
    // more than `watchHistory` changes in other kinds while the HTTPRoute watch sees nothing
    for (let i = 0; i < 5; i++) {
      await put(
        kube,
        '/api/v1/namespaces/team-support/secrets',
        secret(`filler-${i}`, { k: 'v' }),
      );
    }
    // the server closes the 1 s watch; the resume from the old resourceVersion gets 410 → LIST
    await eventually(
      async () => expect(routeLists()).toBeGreaterThan(before),
      10_000,
    );
    const state = caches.cacheStates().find(s => s.kind === 'HTTPRoute')!;
    expect(state).toMatchObject({ synced: true });
    expect(state.error).toBeUndefined();
    // LIST, WATCH (times out), resumed WATCH (410 Expired), LIST, WATCH
    await eventually(async () => {
      const verbs = kube.requests
        .filter(r => r.resource === 'httproutes')
        .map(r => r.verb);
      expect(verbs.slice(0, 5)).toEqual([
        'list',
        'watch',
        'watch',
        'list',
        'watch',
      ]);
    });
    // and the cache keeps following changes afterwards
    await put(
      kube,
      '/apis/gateway.networking.k8s.io/v1/namespaces/team-search/httproutes',
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'after-relist', namespace: 'team-search' },
        spec: {},
      },
    );
    await eventually(async () =>
      expect(
        caches.get('local', 'HTTPRoute', 'team-search', 'after-relist'),
      ).toBeDefined(),
    );
  });
});
