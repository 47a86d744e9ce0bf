import { loadBundledCrds } from '../crds';
import { createCrdValidator } from './CrdValidator';

const validator = createCrdValidator(loadBundledCrds());

describe('defaulting and pruning', () => {
  it('applies schema defaults, recursing into defaulted values, and keeps the input untouched', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'default', labels: { app: 'x' } },
      spec: {
        parentRefs: [{ name: 'gw' }],
        rules: [{ backendRefs: [{ name: 'svc', port: 8080 }] }],
      },
    };
    const input = JSON.parse(JSON.stringify(route));
    const r = validator.validate(route);
    expect(r.causes).toEqual([]);
    expect(route).toEqual(input);
    expect(r.object.metadata).toEqual(route.metadata);
    expect(r.object.spec.parentRefs[0]).toEqual({
      name: 'gw',
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
    });
    expect(r.object.spec.rules[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' } },
    ]);
    expect(r.object.spec.rules[0].backendRefs[0]).toEqual({
      name: 'svc',
      port: 8080,
      group: '',
      kind: 'Service',
      weight: 1,
    });
  });

  it('defaults a whole missing list (HTTPRoute rules)', () => {
    const r = validator.validate({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r' },
      spec: { parentRefs: [{ name: 'gw' }] },
    });
    expect(r.object.spec.rules).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }] },
    ]);
  });

  it('prunes unknown fields but keeps x-kubernetes-preserve-unknown-fields content and metadata', () => {
    const r = validator.validate({
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayPolicy',
      metadata: {
        name: 'p',
        namespace: 'default',
        annotations: { note: 'kept' },
        anything: 'server-side',
      },
      spec: {
        targetRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: 'gw',
            bogus: 1,
          },
        ],
        traffic: {
          cors: { allowOrigins: ['https://a.example'], madeUp: true },
        },
        notAField: { x: 1 },
      },
      status: { ancestors: [], extra: 'dropped' },
      topLevelJunk: true,
    });
    expect(r.causes).toEqual([]);
    expect(r.object.spec.notAField).toBeUndefined();
    expect(r.object.topLevelJunk).toBeUndefined();
    expect(r.object.status.extra).toBeUndefined();
    expect(r.object.spec.targetRefs[0]).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: 'gw',
    });
    // traffic.cors preserves unknown fields, and still gets its schema default (maxAge: 5)
    expect(r.object.spec.traffic.cors).toEqual({
      allowOrigins: ['https://a.example'],
      madeUp: true,
      maxAge: 5,
    });
    expect(r.object.metadata).toEqual({
      name: 'p',
      namespace: 'default',
      annotations: { note: 'kept' },
      anything: 'server-side',
    });
  });

  it('drops null in non-nullable fields instead of failing on them', () => {
    const r = validator.validate({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw' },
      spec: {
        gatewayClassName: 'agentgateway',
        listeners: [{ name: 'l', port: 80, protocol: 'HTTP', hostname: null }],
      },
    });
    expect(r.causes).toEqual([]);
    expect('hostname' in r.object.spec.listeners[0]).toBe(false);
  });

  it('reports the pruned unknown fields when asked (for fieldValidation=Strict / Warn), with their paths, sorted', () => {
    const policy = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayPolicy',
      metadata: { name: 'p', namespace: 'default', anything: 'server-side' },
      spec: {
        targetRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: 'gw',
            bogus: 1,
          },
        ],
        traffic: {
          cors: { allowOrigins: ['https://a.example'], madeUp: true },
          burts: 5,
        },
      },
      topLevelJunk: true,
    };
    const r = validator.validate(policy, { reportUnknownFields: true });
    expect(r.causes).toEqual([]);
    // metadata is never pruned, preserve-unknown-fields content is kept: neither is reported
    expect(r.unknownFields).toEqual([
      'spec.targetRefs[0].bogus',
      'spec.traffic.burts',
      'topLevelJunk',
    ]);
    expect(r.object.spec.traffic.burts).toBeUndefined();
    expect(validator.validate(policy).unknownFields).toBeUndefined();
    const clean = validator.validate(
      {
        ...policy,
        topLevelJunk: undefined,
        spec: {
          targetRefs: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' },
          ],
        },
      },
      { reportUnknownFields: true },
    );
    expect(clean.unknownFields).toEqual([]);
  });
});
