import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ObjectIndex } from './ObjectIndex';

const obj = (
  namespace: string,
  name: string,
  labels?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { namespace, name, ...(labels ? { labels } : {}) },
});

describe('ObjectIndex', () => {
  it('indexes by namespace and label and keeps indexes in step with updates', () => {
    const index = new ObjectIndex();
    index.upsert(obj('a', 'r1', { app: 'x' }));
    index.upsert(obj('a', 'r2', { app: 'y' }));
    index.upsert(obj('b', 'r1', { app: 'x' }));
    expect(index.size).toBe(3);
    expect(
      index
        .inNamespace('a')
        .map(o => o.metadata.name)
        .sort(),
    ).toEqual(['r1', 'r2']);
    expect(
      index
        .withLabel('app', 'x')
        .map(o => o.metadata.namespace)
        .sort(),
    ).toEqual(['a', 'b']);

    // relabel: the old label entry disappears
    index.upsert(obj('a', 'r1', { app: 'y' }));
    expect(index.withLabel('app', 'x').map(o => o.metadata.namespace)).toEqual([
      'b',
    ]);
    expect(index.countWithLabel('app', 'y')).toBe(2);

    expect(index.remove('b/r1')?.metadata.name).toBe('r1');
    expect(index.withLabel('app', 'x')).toEqual([]);
    expect(index.countInNamespace('b')).toBe(0);
    expect(index.get('a', 'r2')?.metadata.labels).toEqual({ app: 'y' });
  });

  it('replaceAll drops what a new LIST no longer has', () => {
    const index = new ObjectIndex();
    index.upsert(obj('a', 'old', { app: 'x' }));
    index.upsert(obj('a', 'kept'));
    const gone = index.replaceAll([
      obj('a', 'kept', { v: '2' }),
      obj('c', 'new'),
    ]);
    expect(gone).toEqual(['a/old']);
    expect(
      index
        .all()
        .map(o => `${o.metadata.namespace}/${o.metadata.name}`)
        .sort(),
    ).toEqual(['a/kept', 'c/new']);
    expect(index.withLabel('app', 'x')).toEqual([]);
    expect(index.withLabel('v', '2')).toHaveLength(1);
  });

  it('keys cluster-scoped objects by name', () => {
    const index = new ObjectIndex();
    index.upsert({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'agentgateway' },
    });
    expect(index.get(undefined, 'agentgateway')?.kind).toBe('GatewayClass');
  });

  it('removes cluster-scoped objects by name and counts what it holds', () => {
    const index = new ObjectIndex();
    const cls = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'agentgateway', labels: { app: 'x' } },
    };
    index.upsert(cls);
    index.upsert(obj('a', 'agentgateway', { app: 'x' }));
    expect(index.size).toBe(2);
    expect(index.countWithLabel('app', 'x')).toBe(2);
    expect(index.remove('agentgateway')).toBe(cls);
    expect(index.remove('agentgateway')).toBeUndefined();
    expect(index.size).toBe(1);
    expect(index.withLabel('app', 'x').map(o => o.metadata.namespace)).toEqual([
      'a',
    ]);
    expect(index.replaceAll([])).toEqual(['a/agentgateway']);
    expect(index.size).toBe(0);
    expect(index.countInNamespace('a')).toBe(0);
  });
});
