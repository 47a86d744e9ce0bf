import { parseResourcePath } from './requestInfo';

describe('parseResourcePath', () => {
  it('parses core and group paths, namespaced and cluster-scoped', () => {
    expect(parseResourcePath('/api/v1/namespaces/ns/secrets/s')).toEqual({
      group: '',
      version: 'v1',
      namespace: 'ns',
      plural: 'secrets',
      name: 's',
      subresource: undefined,
    });
    expect(parseResourcePath('/api/v1/namespaces/ns')).toEqual({
      group: '',
      version: 'v1',
      namespace: undefined,
      plural: 'namespaces',
      name: 'ns',
      subresource: undefined,
    });
    expect(parseResourcePath('/api/v1/namespaces/ns/status')).toMatchObject({
      plural: 'namespaces',
      name: 'ns',
      subresource: 'status',
    });
    expect(
      parseResourcePath('/apis/g.io/v1/namespaces/ns/things/t/status'),
    ).toEqual({
      group: 'g.io',
      version: 'v1',
      namespace: 'ns',
      plural: 'things',
      name: 't',
      subresource: 'status',
    });
    expect(parseResourcePath('/apis/g.io/v1/things')).toMatchObject({
      group: 'g.io',
      plural: 'things',
      namespace: undefined,
      name: undefined,
    });
  });

  it('parses the legacy /watch/ paths', () => {
    expect(
      parseResourcePath('/api/v1/watch/namespaces/ns/configmaps/c'),
    ).toEqual({
      group: '',
      version: 'v1',
      namespace: 'ns',
      plural: 'configmaps',
      name: 'c',
      watch: true,
    });
    expect(parseResourcePath('/apis/g.io/v1/watch/things')).toEqual({
      group: 'g.io',
      version: 'v1',
      plural: 'things',
      watch: true,
    });
    expect(
      parseResourcePath('/api/v1/watch/namespaces/ns/secrets/s/status'),
    ).toBeUndefined();
  });

  it('returns undefined for discovery and unknown paths', () => {
    expect(parseResourcePath('/apis/g.io/v1')).toBeUndefined();
    expect(parseResourcePath('/api/v1')).toBeUndefined();
    expect(parseResourcePath('/foo/bar/baz')).toBeUndefined();
    expect(parseResourcePath('/apis/g.io/v1/things/a/b/c')).toBeUndefined();
  });
});
