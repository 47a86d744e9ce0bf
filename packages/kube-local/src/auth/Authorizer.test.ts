import { StatusError } from '../errors/StatusError';
import { Authorizer } from './Authorizer';

const auth = new Authorizer('admin', [
  {
    name: 'u',
    token: 't',
    rules: [
      { verbs: ['get'], resources: ['secrets'], namespaces: ['a'] },
      {
        verbs: ['list', 'watch'],
        resources: ['gateway.networking.k8s.io/gateways'],
        namespaces: ['*'],
      },
      {
        verbs: ['patch'],
        resources: ['agentgateway.dev/agentgatewaybackends/status'],
        namespaces: ['a'],
      },
    ],
  },
]);

describe('Authorizer', () => {
  it('authenticates bearer tokens, rejects unknown credentials with 401, and makes no credentials anonymous', () => {
    expect(auth.authenticate('Bearer admin')).toMatchObject({
      name: 'admin',
      admin: true,
      groups: ['system:masters', 'system:authenticated'],
    });
    expect(auth.authenticate('bearer t')).toMatchObject({
      name: 'u',
      groups: ['system:authenticated'],
    });
    for (const h of ['Bearer nope', 'Basic dTpw'])
      expect(() => auth.authenticate(h)).toThrow(StatusError);
    for (const h of [undefined, ''])
      expect(auth.authenticate(h)).toEqual({
        name: 'system:anonymous',
        groups: ['system:unauthenticated'],
        admin: false,
        rules: [],
      });
    const noAnonymous = new Authorizer('admin', [], { anonymous: false });
    expect(() => noAnonymous.authenticate(undefined)).toThrow(StatusError);
  });

  it('gives service accounts their groups', () => {
    const sa = new Authorizer('admin', [
      { name: 'system:serviceaccount:ops:aigw', token: 'sa', groups: ['g'] },
    ]);
    expect(sa.authenticate('Bearer sa').groups).toEqual([
      'g',
      'system:serviceaccounts',
      'system:serviceaccounts:ops',
      'system:authenticated',
    ]);
  });

  it('matches verbs × resources (plural, group/plural, with subresource) × namespaces', () => {
    const u = auth.authenticate('Bearer t');
    expect(
      auth.allows(u, {
        verb: 'get',
        group: '',
        plural: 'secrets',
        namespace: 'a',
      }),
    ).toBe(true);
    expect(
      auth.allows(u, {
        verb: 'get',
        group: '',
        plural: 'secrets',
        namespace: 'b',
      }),
    ).toBe(false);
    expect(
      auth.allows(u, {
        verb: 'list',
        group: '',
        plural: 'secrets',
        namespace: 'a',
      }),
    ).toBe(false);
    expect(
      auth.allows(u, {
        verb: 'watch',
        group: 'gateway.networking.k8s.io',
        plural: 'gateways',
      }),
    ).toBe(true);
    expect(
      auth.allows(u, {
        verb: 'patch',
        group: 'agentgateway.dev',
        plural: 'agentgatewaybackends',
        subresource: 'status',
        namespace: 'a',
      }),
    ).toBe(true);
    expect(
      auth.allows(u, {
        verb: 'patch',
        group: 'agentgateway.dev',
        plural: 'agentgatewaybackends',
        namespace: 'a',
      }),
    ).toBe(false);
    expect(
      auth.allows(auth.authenticate('Bearer admin'), {
        verb: 'delete',
        group: 'x',
        plural: 'y',
      }),
    ).toBe(true);
  });

  it('words denials like RBAC', () => {
    const u = auth.authenticate('Bearer t');
    expect(() =>
      auth.authorize(u, {
        verb: 'update',
        group: 'agentgateway.dev',
        plural: 'agentgatewaybackends',
        subresource: 'status',
        name: 'b',
        namespace: 'a',
      }),
    ).toThrow(
      'agentgatewaybackends.agentgateway.dev "b" is forbidden: User "u" cannot update resource "agentgatewaybackends/status" in API group "agentgateway.dev" in the namespace "a"',
    );
  });
});
