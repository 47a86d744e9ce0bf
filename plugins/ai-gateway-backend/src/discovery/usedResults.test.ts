import { McpDiscoveryResult } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { contentJson, resultKey, UsedResults } from './usedResults';

const failed = (
  at: string,
  message = 'connect ECONNREFUSED',
): McpDiscoveryResult => ({
  status: 'failed',
  tools: [],
  prompts: [],
  resources: [],
  error: { at, message },
});
const ok = (at: string, tools = ['search']): McpDiscoveryResult => ({
  status: 'ok',
  tools: tools.map(name => ({ name })),
  prompts: [],
  resources: [],
  discoveredAt: at,
});
const KEY = resultKey('local', 'team-a', 'kb');
const OTHER = resultKey('local', 'team-a', 'unused');

describe('UsedResults', () => {
  it('content without timestamps: the same error or the same tools again compare equal', () => {
    expect(contentJson(failed('2026-12-01T00:00:00Z'))).toBe(
      contentJson(failed('2026-12-01T00:00:30Z')),
    );
    expect(contentJson(ok('t1'))).toBe(contentJson(ok('t2')));
    expect(contentJson(failed('t1'))).not.toBe(
      contentJson(failed('t1', 'timeout')),
    );
    expect(contentJson(ok('t1'))).not.toBe(contentJson(ok('t1', ['other'])));
    expect(contentJson(undefined)).not.toBe(contentJson(ok('t1')));
  });

  it('a result no build read, or the same content with new timestamps, changes nothing; the entity keeps the first', () => {
    const used = new UsedResults<McpDiscoveryResult>();
    const first = failed('2026-12-01T00:00:00Z');
    used.begin();
    expect(used.use(KEY, first)).toBe(first);
    used.end(true);

    const again = failed('2026-12-01T00:00:30Z');
    expect(used.changes(KEY, again)).toBe(false);
    expect(used.changes(OTHER, ok('t'))).toBe(false);
    expect(used.changedKeys(undefined, () => again)).toEqual([]);
    // the next build (for another reason) keeps the first failure's time
    used.begin();
    expect(used.use(KEY, again)).toBe(first);
    used.end(true);

    const recovered = ok('2026-12-01T00:01:00Z');
    expect(used.changes(KEY, recovered)).toBe(true);
    expect(
      used.changedKeys(
        { cluster: 'local', namespace: 'team-a', backend: 'kb' },
        () => recovered,
      ),
    ).toEqual([KEY]);
    expect(used.changedKeys(undefined, () => recovered)).toEqual([KEY]);
    used.begin();
    expect(used.use(KEY, recovered)).toBe(recovered);
    used.end(true);
    expect(used.changes(KEY, ok('2026-12-01T00:06:00Z'))).toBe(false);
    expect(used.changes(KEY, ok('2026-12-01T00:06:00Z', ['x']))).toBe(true);
    expect(used.changes(KEY, undefined)).toBe(true);
  });

  it('a failed build keeps the reads of the one before; a running build compares with what it read', () => {
    const used = new UsedResults<McpDiscoveryResult>();
    used.begin();
    used.use(KEY, ok('t1'));
    used.end(true);
    used.begin();
    used.end(false);
    expect(used.keys()).toEqual([KEY]);
    expect(used.changes(KEY, ok('t2', ['y']))).toBe(true);

    used.begin();
    used.use(KEY, ok('t3', ['y']));
    // read during the build: compared with what this build put in
    expect(used.changes(KEY, ok('t4', ['y']))).toBe(false);
    used.end(true);
  });
});
