import { decodeFieldsV1, encodeFieldsV1, leafPaths } from './fieldSet';
import { serverSideApply, trackUpdate } from './managedFields';

const cfg = (
  spec: Record<string, unknown>,
  labels?: Record<string, string>,
) => ({
  apiVersion: 'example.com/v1',
  kind: 'Thing',
  metadata: { name: 't', namespace: 'default', ...(labels ? { labels } : {}) },
  spec,
});

describe('field sets', () => {
  it('collects leaf paths (lists atomic, metadata only labels/annotations) and round-trips fieldsV1', () => {
    const paths = leafPaths(
      {
        ...cfg({ a: { b: 1, c: [1, 2] }, e: {} }, { app: 'x' }),
        status: { s: 1 },
      },
      { skipStatus: true },
    );
    expect(paths).toEqual([
      ['metadata', 'labels', 'app'],
      ['spec', 'a', 'b'],
      ['spec', 'a', 'c'],
      ['spec', 'e'],
    ]);
    const encoded = encodeFieldsV1(paths);
    expect(encoded).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': { 'f:a': { 'f:b': {}, 'f:c': {} }, 'f:e': {} },
    });
    expect(decodeFieldsV1(encoded)).toEqual(paths);
  });
});

describe('serverSideApply', () => {
  it('creates, then merges fields of two managers', () => {
    const a = serverSideApply({
      live: undefined,
      config: cfg({ x: 1 }),
      manager: 'a',
      force: false,
      skipStatus: true,
    });
    expect(a.conflicts).toEqual([]);
    const b = serverSideApply({
      live: a.object,
      config: cfg({ y: 2 }),
      manager: 'b',
      force: false,
      skipStatus: true,
    });
    expect(b.object.spec).toEqual({ x: 1, y: 2 });
    expect(
      b.object.metadata!.managedFields.map((m: any) => [
        m.manager,
        m.operation,
      ]),
    ).toEqual([
      ['a', 'Apply'],
      ['b', 'Apply'],
    ]);
  });

  it('reports a conflict when another manager owns a changed field, and force takes ownership', () => {
    const a = serverSideApply({
      live: undefined,
      config: cfg({ x: 1 }),
      manager: 'a',
      force: false,
      skipStatus: true,
    }).object;
    const clash = serverSideApply({
      live: a,
      config: cfg({ x: 2 }),
      manager: 'b',
      force: false,
      skipStatus: true,
    });
    expect(clash.conflicts).toEqual([{ manager: '"a"', field: '.spec.x' }]);
    const same = serverSideApply({
      live: a,
      config: cfg({ x: 1 }),
      manager: 'b',
      force: false,
      skipStatus: true,
    });
    expect(same.conflicts).toEqual([]);
    const forced = serverSideApply({
      live: a,
      config: cfg({ x: 2 }),
      manager: 'b',
      force: true,
      skipStatus: true,
    });
    expect(forced.object.spec).toEqual({ x: 2 });
    expect(
      forced.object.metadata!.managedFields.map((m: any) => m.manager),
    ).toEqual(['b']);
  });

  it('removes fields the manager stops applying unless someone else owns them', () => {
    const a = serverSideApply({
      live: undefined,
      config: cfg({ x: 1, y: 2 }),
      manager: 'a',
      force: false,
      skipStatus: true,
    }).object;
    const again = serverSideApply({
      live: a,
      config: cfg({ x: 1 }),
      manager: 'a',
      force: false,
      skipStatus: true,
    }).object;
    expect(again.spec).toEqual({ x: 1 });
  });
});

describe('trackUpdate', () => {
  it('gives changed fields to the updating manager and takes them from others', () => {
    const a = serverSideApply({
      live: undefined,
      config: cfg({ x: 1, y: 1 }),
      manager: 'a',
      force: false,
      skipStatus: true,
    }).object;
    const updated = { ...a, spec: { x: 5, y: 1 } };
    const entries = trackUpdate({ live: a, updated, manager: 'editor' });
    expect(
      entries.map(e => [e.manager, e.operation, decodeFieldsV1(e.fieldsV1)]),
    ).toEqual([
      ['a', 'Apply', [['spec', 'y']]],
      ['editor', 'Update', [['spec', 'x']]],
    ]);
  });
});
