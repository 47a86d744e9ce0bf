import {
  KubeObject,
  McpDiscoveryResult,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { BuildInput, buildSnapshotWithHashes } from './buildSnapshot';
import { OwnerLookup, toOwnerEntities } from './owners';
import { clustersReading, refreshApis } from './refreshApis';
import { McpDiscoverySource } from './types';
import { resultKey } from './usedResults';
import {
  clusterOf,
  demoConfig,
  demoEntities,
  demoObjects,
} from './__testUtils__/demo';

const KB = resultKey('local', 'team-support', 'support-kb-mcp');
const result = (tools: string[]): McpDiscoveryResult => ({
  status: 'ok',
  tools: tools.map(name => ({ name })),
  prompts: [],
  resources: [],
  discoveredAt: '2026-12-01T00:00:00Z',
});
const mcpOf = (r?: McpDiscoveryResult): McpDiscoverySource => ({
  getServer: (c, ns, name) => (resultKey(c, ns, name) === KB ? r : undefined),
  onChange: () => () => {},
});
const input = (
  mcp: McpDiscoverySource,
  objects: KubeObject[] = demoObjects,
): BuildInput => ({
  clusters: [clusterOf(objects), clusterOf(objects, 'other')],
  owners: new OwnerLookup(
    toOwnerEntities(demoEntities),
    demoConfig().defaultOwner,
  ),
  config: demoConfig(),
  mcp,
  now: new Date('2026-12-01T00:00:00Z'),
});

describe('refreshApis', () => {
  it('after an MCP result changed: the same snapshot, version and hashes as a whole build', () => {
    const before = buildSnapshotWithHashes(input(mcpOf(undefined)));
    expect(before.readers.get(KB)).toEqual([
      'local.team-support.support-kb-mcp',
    ]);
    expect([...clustersReading(before, [KB])]).toEqual(['local']);

    const changed = input(mcpOf(result(['search_kb', 'open_ticket'])));
    const updated = refreshApis(
      before,
      { ...changed, clusters: changed.clusters.slice(0, 1) },
      [KB],
      true,
    )!;
    const whole = buildSnapshotWithHashes(changed);
    expect(updated.snapshot.version).not.toBe(before.snapshot.version);
    expect(updated.snapshot).toEqual(whole.snapshot);
    expect(updated.snapshot.version).toBe(whole.snapshot.version);
    expect([...updated.hashes.apis]).toEqual([...whole.hashes.apis]);
    expect(updated.snapshot.resources).toBe(before.snapshot.resources);
  });

  it('a key no API reads changes nothing; an API whose route is gone needs a whole build', () => {
    const before = buildSnapshotWithHashes(input(mcpOf(undefined)));
    const other = resultKey('local', 'team-x', 'unused');
    expect(refreshApis(before, input(mcpOf(undefined)), [other], true)).toBe(
      before,
    );
    const withoutRoute = input(
      mcpOf(result(['x'])),
      demoObjects.filter(
        o => !(o.kind === 'HTTPRoute' && o.metadata.name === 'support-kb-mcp'),
      ),
    );
    expect(refreshApis(before, withoutRoute, [KB], true)).toBeUndefined();
  });
});
