import { mockCredentials } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityResolver } from '../entities/EntityResolver';
import { AccessControl } from '../permissions/AccessControl';
import { ResourceCaches } from '../cache/ResourceCaches';
import { entities } from '../__testUtils__/seed';
import { ReadService } from './ReadService';

/** A real AccessControl over a permissions service whose answer the test changes, counting the calls. */
type Definitive = AuthorizeResult.ALLOW | AuthorizeResult.DENY;

function counting(result: { current: Definitive }) {
  const calls: string[] = [];
  const permissions: PermissionsService = {
    authorize: async requests => {
      calls.push(...requests.map(r => r.permission.name));
      return requests.map(() => ({ result: result.current }));
    },
    authorizeConditional: async () => {
      throw new Error('not used');
    },
  };
  return { calls, access: new AccessControl(permissions) };
}

describe('ReadService entity lookup and decision cache', () => {
  const reader = new ResourceCaches({
    clusters: [],
    sourceFor: () => {
      throw new Error('no clusters');
    },
  });
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');
  const ref = 'component:default/support-bot';

  it('asks the catalog and the policy once per (principal, entity) within the TTL, again after it', async () => {
    let now = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const result: { current: Definitive } = {
      current: AuthorizeResult.ALLOW,
    };
    const { calls, access } = counting(result);
    const catalog = catalogServiceMock({ entities });
    const lookups = jest.spyOn(catalog, 'getEntityByRef');
    const reads = new ReadService({
      reader,
      entities: new EntityResolver(catalog),
      access,
      entityTtlMs: 5000,
    });
    await reads.getTabs(ref, alice);
    await reads.getTab(ref, 'routes', alice);
    await reads.getTab(ref, 'backends', alice);
    expect(calls).toEqual(['ai-gateway.resource.read']);
    expect(lookups).toHaveBeenCalledTimes(1);
    // another principal is decided on its own
    await reads.getTabs(ref, bob);
    expect(calls).toHaveLength(2);
    // the policy now denies: within the TTL alice still reads, after it she is refused
    result.current = AuthorizeResult.DENY;
    now += 4999;
    await expect(reads.getTabs(ref, alice)).resolves.toBeDefined();
    now += 2;
    await expect(reads.getTabs(ref, alice)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    // only an ALLOW is remembered: a denial is asked again (a grant takes effect at once)
    result.current = AuthorizeResult.ALLOW;
    await expect(reads.getTab(ref, 'routes', alice)).resolves.toBeDefined();
    expect(calls).toHaveLength(4);
    jest.restoreAllMocks();
  });

  it('with ttl 0 decides every request', async () => {
    const { calls, access } = counting({ current: AuthorizeResult.DENY });
    const reads = new ReadService({
      reader,
      entities: new EntityResolver(catalogServiceMock({ entities })),
      access,
      entityTtlMs: 0,
    });
    await expect(reads.getTabs(ref, alice)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(reads.getTabs(ref, alice)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(calls).toHaveLength(2);
  });
});
