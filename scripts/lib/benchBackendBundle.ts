/*
 * scripts/bench-reads-backend.ts bundled into one JavaScript file with esbuild (this repository's TypeScript
 * compiled in, every npm dependency left to `require`), so a measured backend starts without transpiling
 * TypeScript, like a production build. `npx tsx scripts/bench-reads.ts --prebuilt` runs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Builds the bundle and returns its path: under node_modules/.cache, so that its `require`s of npm packages resolve
 * from this repository's node_modules.
 */
export async function bundleBenchBackend(): Promise<string> {
  const dir = path.join(ROOT, 'node_modules/.cache/bench-reads-backend');
  fs.mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `bench-reads-backend-${process.pid}.js`);
  await build({
    entryPoints: [path.join(ROOT, 'scripts/bench-reads-backend.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    plugins: [
      {
        name: 'npm-dependencies-external',
        setup(b) {
          // bare imports: our workspace packages are compiled in, the rest loaded from node_modules at run time
          b.onResolve({ filter: /^[^./]/ }, args =>
            args.path.startsWith('@ai-gateway-backstage/')
              ? undefined
              : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outfile;
}
