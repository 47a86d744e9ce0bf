/**
 * An optional registry kind (ListenerSet) on a cluster that does not serve it: a real kube-local started without the
 * ListenerSet CRD. The kind's cache is empty and `unavailable` (not failed), the cluster's reads stay ok, /health
 * counts it synced; once the CRD is installed the retried LIST picks the kind up without a restart.
 */
import { loadBundledCrds } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { eventually } from '../__testUtils__/testBackend';
import { ResourceCaches } from './ResourceCaches';
import {
  Kube,
  startLocalCaches,
  stopLocalCaches,
} from './__testUtils__/localCaches';

jest.setTimeout(60_000);

const isListenerSet = (crd: { spec: { names: { kind: string } } }) =>
  crd.spec.names.kind === 'ListenerSet';

describe('an optional kind the cluster does not serve', () => {
  let kube: Kube;
  let caches: ResourceCaches;

  beforeAll(async () => {
    ({ kube, caches } = await startLocalCaches({
      crds: loadBundledCrds().filter(c => !isListenerSet(c)),
    }));
  });
  afterAll(() => stopLocalCaches({ kube, caches }));

  it('is empty and unavailable, and the cluster still answers; installing the CRD makes it available', async () => {
    const state = caches.cache('local', 'ListenerSet')!.state();
    expect(state).toMatchObject({ synced: true, kind: 'ListenerSet' });
    expect(state.error).toBeUndefined();
    expect(state.unavailable).toMatch(
      /^listenersets\.gateway\.networking\.k8s\.io is not served by the cluster/,
    );
    expect(caches.query('local', 'ListenerSet')).toEqual([]);
    expect(
      caches.clusterState('local', ['Gateway', 'ListenerSet', 'HTTPRoute']),
    ).toEqual({ name: 'local', ok: true });
    // the other kinds synced normally
    expect(
      caches
        .cacheStates()
        .filter(s => s.kind !== 'ListenerSet')
        .every(s => s.synced && !s.error && !s.unavailable),
    ).toBe(true);

    const headers = {
      Authorization: `Bearer ${kube.adminToken}`,
      'Content-Type': 'application/json',
    };
    const crd = loadBundledCrds().find(isListenerSet)!;
    const created = await fetch(
      `${kube.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`,
      { method: 'POST', headers, body: JSON.stringify(crd) },
    );
    expect(created.status).toBe(201);
    const ls = await fetch(
      `${kube.url}/apis/gateway.networking.k8s.io/v1/namespaces/default/listenersets`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'ListenerSet',
          metadata: { name: 'extra', namespace: 'default' },
          spec: {
            parentRef: { name: 'gw' },
            listeners: [{ name: 'x', port: 8080, protocol: 'HTTP' }],
          },
        }),
      },
    );
    expect(ls.status).toBe(201);
    await eventually(async () =>
      expect(
        caches.query('local', 'ListenerSet').map(o => o.metadata.name),
      ).toEqual(['extra']),
    );
    expect(caches.cache('local', 'ListenerSet')!.state().unavailable).toBe(
      undefined,
    );
  });
});
