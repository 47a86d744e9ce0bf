import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { OwnershipIndex } from './OwnershipIndex';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});
const obj = (namespace: string, labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'X',
  metadata: { name: 'o', namespace, labels },
});

describe('OwnershipIndex', () => {
  const entities = [
    component('a', { 'backstage.io/kubernetes-id': 'shared' }),
    component('b', {
      'backstage.io/kubernetes-label-selector':
        'backstage.io/kubernetes-id=shared',
      'backstage.io/kubernetes-namespace': 'ns-1',
    }),
    component('c', { 'backstage.io/kubernetes-id': 'alone' }),
    component('broken', { 'backstage.io/kubernetes-label-selector': 'a b c' }),
    component('plain', {}),
  ];

  it('names every annotated entity that selects an object, ignoring malformed selectors', async () => {
    const index = new OwnershipIndex({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    });
    expect(
      await index.claimants(
        obj('ns-1', { 'backstage.io/kubernetes-id': 'shared' }),
      ),
    ).toEqual(['component:default/a', 'component:default/b']);
    expect(
      await index.claimants(
        obj('ns-2', { 'backstage.io/kubernetes-id': 'shared' }),
      ),
    ).toEqual(['component:default/a']);
    expect(
      await index.claimants(
        obj('ns-1', { 'backstage.io/kubernetes-id': 'alone' }),
      ),
    ).toEqual(['component:default/c']);
    expect(await index.claimants(obj('ns-1', {}))).toEqual([]);
  });

  it('API / Resource entities emitted by catalog discovery (copies of the owner annotations) are no claimants', async () => {
    const emitted: Entity = {
      ...component('team.route', { 'backstage.io/kubernetes-id': 'alone' }),
      kind: 'API',
    };
    emitted.metadata.annotations!['backstage.io/managed-by-location'] =
      'ai-gateway:local/HTTPRoute/ns-1/route';
    const index = new OwnershipIndex({
      catalog: catalogServiceMock({ entities: [...entities, emitted] }),
      auth: mockServices.auth(),
    });
    expect(
      await index.claimants(
        obj('ns-1', { 'backstage.io/kubernetes-id': 'alone' }),
      ),
    ).toEqual(['component:default/c']);
  });

  it('loads once, then again when older than refreshMs', async () => {
    const catalog = catalogServiceMock({ entities });
    const spy = jest.spyOn(catalog, 'getEntities');
    const index = new OwnershipIndex({
      catalog,
      auth: mockServices.auth(),
      refreshMs: 50,
    });
    await Promise.all([
      index.claimants(obj('x', {})),
      index.claimants(obj('y', {})),
    ]);
    await index.claimants(obj('z', {}));
    expect(spy).toHaveBeenCalledTimes(1);
    await new Promise(r => setTimeout(r, 60));
    await index.claimants(obj('z', {}));
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
