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
  it('authenticates bearer tokens and rejects others with 401', () => {
    expect(auth.authenticate('Bearer admin')).toMatchObject({
      name: 'admin',
      admin: true,
    });
    expect(auth.authenticate('bearer t').name).toBe('u');
    for (const h of [undefined, '', 'Bearer nope', 'Basic dTpw']) {
      expect(() => auth.authenticate(h)).toThrow(StatusError);
    }
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
