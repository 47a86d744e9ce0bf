#!/usr/bin/env node
// Drops, from package-lock.json, optionalDependencies that the lockfile has no entry for.
//
// Why: the registry mirror of the build machines lacks some other-platform native binaries at the exact versions
// their parents pin (e.g. @swc/core-darwin-arm64@1.16.22), so `npm install` leaves them out of the lockfile, and
// `npm ci` then refuses the lockfile ("Missing: @swc/core-darwin-arm64@ from lock file"). Nothing on Linux x64 uses
// those packages. Run after `npm install` whenever package-lock.json changes: `node scripts/prune-lock-optionals.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'package-lock.json',
);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const present = name =>
  Object.keys(lock.packages).some(
    p => p === `node_modules/${name}` || p.endsWith(`/node_modules/${name}`),
  );
let removed = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    if (!present(name)) {
      delete entry.optionalDependencies[name];
      removed += 1;
      console.log(
        `${path || '(root)'}: dropped optional ${name} (not in the lockfile)`,
      );
    }
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`removed ${removed} optional dependency reference(s)`);
