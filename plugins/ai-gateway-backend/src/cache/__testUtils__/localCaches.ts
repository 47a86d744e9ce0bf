import {
  KubeLocalOptions,
  startKubeLocal,
} from '@ai-gateway-backstage/kube-local';
import { RESOURCE_KINDS } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { kubeConfigFor } from '../../cluster/KubernetesClusters';
import { createKubeListWatchSource } from '../kubeSource';
import { ResourceCaches } from '../ResourceCaches';

export type Kube = Awaited<ReturnType<typeof startKubeLocal>>;

/**
 * A kube-local server (on a free port, with `options`) and the registry kinds' caches over it (cluster `local`,
 * 1 s watches, 50–200 ms backoff), started and settled.
 */
export async function startLocalCaches(
  options: Omit<KubeLocalOptions, 'port'>,
): Promise<{ kube: Kube; caches: ResourceCaches }> {
  const kube = await startKubeLocal({ port: 0, ...options });
  const kc = kubeConfigFor({
    name: 'local',
    url: kube.url,
    serviceAccountToken: kube.adminToken,
    skipTLSVerify: false,
  });
  const caches = new ResourceCaches({
    clusters: ['local'],
    sourceFor: (_cluster, kind) =>
      createKubeListWatchSource(kc, kind, { watchTimeoutSeconds: 1 }),
    initialBackoffMs: 50,
    maxBackoffMs: 200,
  });
  caches.start();
  await caches.waitUntilSettled(
    RESOURCE_KINDS.map(k => k.kind),
    20_000,
  );
  return { kube, caches };
}

/** Stops what startLocalCaches started (either may be missing when it failed). */
export async function stopLocalCaches(started: {
  kube?: Kube;
  caches?: ResourceCaches;
}) {
  started.caches?.stop();
  await started.kube?.close();
}
