import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { RESOURCE_KINDS } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { kubeConfigFor } from '../cluster/KubernetesClusters';
import { ResourceCaches } from './ResourceCaches';
import { createKubeListWatchSource } from './kubeSource';

jest.setTimeout(120_000);

const OBJECTS = 4_000;

/** Many objects of one kind, each with managedFields (the server adds them) like a real cluster's. */
const bulk = Array.from({ length: OBJECTS }, (_, i) => ({
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
  metadata: {
    name: `b-${i}`,
    namespace: `ns-${i % 50}`,
    labels: { 'backstage.io/kubernetes-id': `app-${i % 50}` },
  },
  spec: { ai: { provider: { openai: { model: 'gpt-4o' } } } },
}));

describe('the initial LIST of many objects', () => {
  it('syncs page by page: one request per 500 objects, no relist, in bounded time', async () => {
    const kube = await startKubeLocal({ port: 0, seed: bulk });
    const kc = kubeConfigFor({
      name: 'local',
      url: kube.url,
      serviceAccountToken: kube.adminToken,
      skipTLSVerify: false,
    });
    const caches = new ResourceCaches({
      clusters: ['local'],
      sourceFor: (_cluster, kind) => createKubeListWatchSource(kc, kind),
    });
    try {
      const before = kube.requests.length;
      const t0 = Date.now();
      caches.start();
      await caches.waitUntilSettled(
        RESOURCE_KINDS.map(k => k.kind),
        60_000,
      );
      const took = Date.now() - t0;

      const backends = caches
        .cacheStates()
        .find(s => s.kind === 'AgentgatewayBackend');
      expect(backends).toMatchObject({ synced: true, lists: 1 });
      expect(backends?.error).toBeUndefined();
      expect(caches.query('local', 'AgentgatewayBackend')).toHaveLength(
        OBJECTS,
      );
      // managedFields are not kept
      expect(
        caches.get('local', 'AgentgatewayBackend', 'ns-1', 'b-1')?.metadata
          .managedFields,
      ).toBeUndefined();

      const pages = kube.requests
        .slice(before)
        .filter(
          r => r.verb === 'list' && r.resource === 'agentgatewaybackends',
        );
      expect(pages).toHaveLength(Math.ceil(OBJECTS / 500));
      expect(pages.every(p => p.code === 200)).toBe(true);
      // Generous for a shared, loaded machine: before kube-local copied only the page, 4,000 objects took
      // ~8 × 0.8 s there and it grew with the square of the object count.
      expect(took).toBeLessThan(30_000);
    } finally {
      caches.stop();
      await kube.close();
    }
  });
});
