/*
 * The write scope of an access decision: the access service took (and permission-checked) the decision, so the
 * scope only lets the writer do what the decision implies, on the grant's named objects, in the API's namespace,
 * with the grant's labels.
 */
import { getKind } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AccessDecisionWriteScope } from './scopes';

const scope = (claimants?: string[]) =>
  new AccessDecisionWriteScope({
    decision: 'approve',
    grantId: 'g1',
    cluster: 'local',
    namespace: 'team-a',
    actions: ['create', 'update'],
    names: ['aigw-grant-g1'],
    labels: { 'ai-gateway.backstage.io/grant': 'g1', team: 'a' },
    owns: o => o.metadata.labels?.['ai-gateway.backstage.io/grant'] === 'g1',
    ownerEntityRef: 'component:default/a',
    ...(claimants ? { claimants: async () => claimants } : {}),
  });
const policy = (namespace?: string, labels?: Record<string, string>) => ({
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayPolicy',
  metadata: { name: 'aigw-grant-g1', namespace, labels },
});

describe('AccessDecisionWriteScope', () => {
  it('allows only the actions of the decision (read always)', async () => {
    await expect(scope().authorize('create')).resolves.toBeUndefined();
    await expect(scope().authorize('read')).resolves.toBeUndefined();
    await expect(scope().authorize('delete')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'approve of grant g1 does not delete objects',
    });
  });

  it('places only the named objects, in the API namespace', () => {
    const kind = getKind('AgentgatewayPolicy');
    expect(scope().place(kind, 'aigw-grant-g1')).toEqual({
      cluster: 'local',
      namespace: 'team-a',
    });
    expect(() => scope().place(kind, 'other')).toThrow(
      'AgentgatewayPolicy other is not an object of grant g1',
    );
  });

  it('claims with the namespace and the labels (the decision wins); another namespace is a 400', () => {
    expect(
      scope().claim(policy(undefined, { team: 'b', x: 'y' }), 'team-a')
        .metadata,
    ).toEqual({
      name: 'aigw-grant-g1',
      namespace: 'team-a',
      labels: { 'ai-gateway.backstage.io/grant': 'g1', team: 'a', x: 'y' },
    });
    expect(() => scope().claim(policy('team-b'), 'team-a')).toThrow(
      /metadata.namespace/,
    );
  });

  it('owns the grant objects of its namespace; asserts sole ownership when claimants are wired', async () => {
    const labels = { 'ai-gateway.backstage.io/grant': 'g1' };
    expect(scope().owns(policy('team-a', labels))).toBe(true);
    expect(scope().owns(policy('team-b', labels))).toBe(false);
    expect(scope().owns(policy('team-a', {}))).toBe(false);
    await expect(
      scope().assertSoleOwner(policy('team-a')),
    ).resolves.toBeUndefined();
    await expect(
      scope(['component:default/a']).assertSoleOwner(policy('team-a')),
    ).resolves.toBeUndefined();
    await expect(
      scope(['component:default/a', 'component:default/b']).assertSoleOwner(
        policy('team-a'),
      ),
    ).rejects.toMatchObject({ statusCode: 409 });
  });
});
