import { validateCore } from './coreValidation';

describe('validateCore', () => {
  it('turns Secret stringData into base64 data and rejects non-base64 data', () => {
    const s: any = {
      kind: 'Secret',
      metadata: { name: 's' },
      data: { a: 'YQ==' },
      stringData: { b: 'x' },
    };
    expect(validateCore(s)).toEqual([]);
    expect(s).toEqual({
      kind: 'Secret',
      metadata: { name: 's' },
      data: { a: 'YQ==', b: 'eA==' },
      type: 'Opaque',
    });
    expect(
      validateCore({
        kind: 'Secret',
        metadata: { name: 's' },
        data: { a: '!!' },
      }).map(c => c.field),
    ).toEqual(['data[a]']);
  });

  it('checks names per kind and label syntax', () => {
    expect(
      validateCore({ kind: 'ConfigMap', metadata: { name: 'a.b-c' } }),
    ).toEqual([]);
    expect(
      validateCore({ kind: 'Namespace', metadata: { name: 'a.b' } }).map(
        c => c.field,
      ),
    ).toEqual(['metadata.name']);
    expect(
      validateCore({
        kind: 'Service',
        metadata: { name: '1abc' },
        spec: { ports: [{ port: 80 }] },
      }).map(c => c.field),
    ).toEqual(['metadata.name']);
    expect(
      validateCore({
        kind: 'ConfigMap',
        metadata: { name: 'a', labels: { 'bad key!': 'v' } },
      }).map(c => c.field),
    ).toEqual(['metadata.labels']);
  });

  it('requires Service ports and Pod containers', () => {
    expect(
      validateCore({ kind: 'Service', metadata: { name: 's' }, spec: {} }).map(
        c => c.field,
      ),
    ).toEqual(['spec.ports']);
    expect(
      validateCore({
        kind: 'Service',
        metadata: { name: 's' },
        spec: { ports: [{ port: 0 }] },
      }).map(c => c.field),
    ).toEqual(['spec.ports[0].port']);
    expect(
      validateCore({
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'c' }] },
      }).map(c => c.field),
    ).toEqual(['spec.containers[0].image']);
  });

  it('checks CRD names and storage versions', () => {
    const crd = {
      kind: 'CustomResourceDefinition',
      metadata: { name: 'xs.g.io' },
      spec: {
        group: 'g.io',
        scope: 'Namespaced',
        names: { plural: 'xs', kind: 'X' },
        versions: [{ name: 'v1', storage: true }],
      },
    };
    expect(validateCore(crd)).toEqual([]);
    expect(
      validateCore({
        ...crd,
        spec: { ...crd.spec, versions: [{ name: 'v1', storage: false }] },
      }).map(c => c.field),
    ).toEqual(['spec.versions']);
  });
});
