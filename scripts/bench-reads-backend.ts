/*
 * The backend scripts/bench-reads.ts measures: the parts an entity read touches in packages/backend (guest sign-in,
 * the catalog, the permission backend with this repository's example policy, the AI gateway plugin), without
 * search, discovery or MCP, so their background work does not blur the figures.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('../packages/backend/src/permissions'));
backend.add(import('@ai-gateway-backstage/plugin-ai-gateway-backend'));
backend.start();

// bench-reads.ts sends SIGUSR2 to read the heap in use (after a full GC when started with --expose-gc).
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stderr.write(`BENCH_HEAP ${process.memoryUsage().heapUsed}\n`);
});
