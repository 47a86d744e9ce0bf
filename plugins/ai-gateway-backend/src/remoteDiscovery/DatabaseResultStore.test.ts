import { TestDatabases } from '@backstage/backend-test-utils';
import { databaseIds } from '../mcp/__testUtils__/postgres';
import {
  createProbeTable,
  PROBE_TABLE,
  ProbeResult,
} from './__testUtils__/probe';
import { DatabaseResultStore } from './DatabaseResultStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: databaseIds(),
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'DatabaseResultStore on %p',
  databaseId => {
    const key = (backend: string) => ({
      cluster: 'local',
      namespace: 'team-a',
      backend,
    });
    const failed: ProbeResult = {
      status: 'failed',
      items: ['a'],
      source: 'http://probe/one',
      discoveredAt: '2026-12-02T06:00:00.000Z',
      error: { at: '2026-12-02T07:00:00.000Z', message: 'HTTP 503' },
    };

    it('writes the shared and the kind’s columns, reads them back, replaces, lists since, deletes', async () => {
      const knex = await databases.init(databaseId);
      await createProbeTable(knex);
      const store = new DatabaseResultStore(knex, PROBE_TABLE);

      const first = await store.put(key('one'), failed);
      expect(await knex('test_probe_results').first()).toMatchObject({
        status: 'failed',
        items: '["a"]',
        source: 'http://probe/one',
        discovered_at: '2026-12-02T06:00:00.000Z',
        error_at: '2026-12-02T07:00:00.000Z',
        error_message: 'HTTP 503',
      });
      const second = await store.put(key('two'), { status: 'ok', items: [] });
      // strictly increasing, even within one millisecond
      expect(second.updatedAt).toBeGreaterThan(first.updatedAt);
      expect((await store.list()).map(r => [r.backend, r.result])).toEqual([
        ['one', failed],
        ['two', { status: 'ok', items: [] }],
      ]);
      expect((await store.list(first.updatedAt)).map(r => r.backend)).toEqual([
        'two',
      ]);

      await store.put(key('one'), { status: 'pending', items: ['b'] });
      const [one] = await store.list(second.updatedAt);
      expect(one.result).toEqual({ status: 'pending', items: ['b'] });

      await store.delete(key('one'));
      expect((await store.list()).map(r => r.backend)).toEqual(['two']);
    });
  },
);
