import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const YAML_TEXT = `apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: x}
data: {n: "1"}
---
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {k: v}}
`;

describe('loadManifests with the JSON cache', () => {
  const saved = process.env.KUBE_LOCAL_CACHE;
  let dir: string;
  let mod: typeof import('./loadManifests');
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-local-cache-test-'));
    process.env.KUBE_LOCAL_CACHE = dir;
    jest.isolateModules(() => {
      mod = require('./loadManifests');
    });
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.KUBE_LOCAL_CACHE;
    else process.env.KUBE_LOCAL_CACHE = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers what the YAML parser answers, from the cache the second time', () => {
    const direct = mod.parseManifests(YAML_TEXT);
    expect(direct.map(o => o.kind)).toEqual(['ConfigMap', 'Secret']);
    expect(mod.parseManifestsCached(YAML_TEXT)).toEqual(direct);
    const entries = fs.readdirSync(dir).filter(f => f.startsWith('manifests-'));
    expect(entries).toHaveLength(1);
    // The second call reads the entry: prove it by changing the entry (never do this outside a test).
    fs.writeFileSync(
      path.join(dir, entries[0]),
      JSON.stringify([{ kind: 'FromCache' }]),
    );
    expect(mod.parseManifestsCached(YAML_TEXT)).toEqual([
      { kind: 'FromCache' },
    ]);
    expect(mod.parseManifestsCached(`${YAML_TEXT}\n# changed\n`)).toEqual(
      direct,
    ); // another text, another key
  });

  it('does not cache texts that do not parse, and reads files / folders through it', () => {
    expect(() => mod.parseManifestsCached('a: [', 'bad.yaml')).toThrow(
      /bad.yaml/,
    );
    expect(fs.readdirSync(dir).filter(f => f.startsWith('manifests-'))).toEqual(
      [],
    );
    const files = fs.mkdtempSync(
      path.join(os.tmpdir(), 'kube-local-manifests-'),
    );
    fs.writeFileSync(path.join(files, 'a.yaml'), YAML_TEXT);
    expect(mod.loadManifests([files]).map(o => o.metadata?.name)).toEqual([
      'a',
      's',
    ]);
    expect(mod.loadManifests([files]).map(o => o.metadata?.name)).toEqual([
      'a',
      's',
    ]);
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('is off with KUBE_LOCAL_CACHE=off', () => {
    process.env.KUBE_LOCAL_CACHE = 'off';
    let cache: typeof import('./jsonCache') | undefined;
    jest.isolateModules(() => {
      cache = require('./jsonCache');
    });
    expect(cache!.jsonCacheDirectory()).toBeUndefined();
  });
});
