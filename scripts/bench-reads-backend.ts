/*
 * The backend scripts/bench-reads.ts measures: the parts an entity read touches in packages/backend (guest sign-in,
 * the catalog, the permission backend with this repository's example policy, the AI gateway plugin), without
 * search, discovery or MCP, so their background work does not blur the figures.
 */
import v8 from 'node:v8';
import { createBackend } from '@backstage/backend-defaults';

// the spawner sets LOG_LEVEL=warn; BENCH_LOG_LEVEL=info shows e.g. discovery's snapshot builds in --backend-log
if (process.env.BENCH_LOG_LEVEL)
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL;

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('../packages/backend/src/permissions'));
backend.add(import('@ai-gateway-backstage/plugin-ai-gateway-backend'));
backend.start();

// bench-reads.ts sends SIGUSR2 to read the heap in use (after a full GC when started with --expose-gc).
// BENCH_MEMORY: process.memoryUsage() and V8's heap spaces (size / used), after that GC.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  process.stderr.write(`BENCH_HEAP ${usage.heapUsed}\n`);
  const spaces = Object.fromEntries(
    v8
      .getHeapSpaceStatistics()
      .map(s => [s.space_name, [s.space_size, s.space_used_size]]),
  );
  process.stderr.write(`BENCH_MEMORY ${JSON.stringify({ usage, spaces })}\n`);
});
