import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  KubeObject,
  RESOURCE_KINDS,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceCaches } from '../../cache/ResourceCaches';
import { InMemoryCollection } from '../../cache/testSource';

/** Real watch-backed caches over in-memory collections; `collections` lets a test add or delete objects. */
export async function cachesWith(objects: KubeObject[], cluster = 'local') {
  const collections = new Map<string, InMemoryCollection>();
  const caches = new ResourceCaches({
    clusters: [cluster],
    kinds: RESOURCE_KINDS,
    sourceFor: (_c, kind) => {
      const s = new InMemoryCollection();
      objects
        .filter(o => o.kind === kind.kind)
        .forEach(o => s.apply('ADDED', o));
      collections.set(kind.kind, s);
      return s;
    },
  });
  caches.start();
  await caches.waitUntilSettled(['AgentgatewayBackend', 'HTTPRoute'], 5000);
  return { caches, collections };
}

/** The demo's objects (examples/cluster/*.yaml). */
export function exampleObjects(): KubeObject[] {
  const dir = join(__dirname, '../../../../../examples/cluster');
  return readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map(
        d => d.toJS() as KubeObject,
      ),
    )
    .filter(o => o && typeof o.kind === 'string');
}
