import { SchedulerService } from '@backstage/backend-plugin-api';
import { ResourceReader } from '../cache/ResourceCaches';

/** How long the first refresh waits for the caches' first LIST. */
const SETTLE_MS = 30_000;

/** Waits (bounded) until clusters are located and their caches answered the first LIST. */
async function settled(reader: ResourceReader) {
  const end = Date.now() + SETTLE_MS;
  while (!reader.clusterNames().length && Date.now() < end) {
    await new Promise(r => setTimeout(r, 200));
  }
  await reader.waitUntilSettled(
    ['AgentgatewayBackend', 'HTTPRoute'],
    Math.max(0, end - Date.now()),
  );
}

/**
 * The two tasks of a remote discovery: `<id>` (`scope: 'global'`, one replica at a time, every `frequencyMs`)
 * refreshes every backend once the caches settled; `<id>-sync` (`scope: 'local'`, every 30 s) loads what another
 * replica stored.
 */
export async function scheduleDiscovery(options: {
  scheduler: SchedulerService;
  reader: ResourceReader;
  id: string;
  frequencyMs: number;
  service: { refreshAll(): Promise<void>; syncFromStore(): Promise<void> };
}): Promise<void> {
  const { scheduler, reader, id, frequencyMs, service } = options;
  await scheduler.scheduleTask({
    id,
    scope: 'global',
    frequency: { milliseconds: frequencyMs },
    // every server has its own deadline; this backstop only releases the task lock of a stuck run
    timeout: { milliseconds: Math.max(frequencyMs * 2, 30 * 60_000) },
    initialDelay: { seconds: 5 },
    fn: async () => {
      await settled(reader);
      await service.refreshAll();
    },
  });
  await scheduler.scheduleTask({
    id: `${id}-sync`,
    scope: 'local',
    frequency: { seconds: 30 },
    timeout: { seconds: 60 },
    fn: () => service.syncFromStore(),
  });
}
