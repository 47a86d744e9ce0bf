import { loadBundledCrds } from '../crds';
import { createCrdValidator } from './CrdValidator';

const validator = createCrdValidator(loadBundledCrds());

const gatewayClass = (controllerName: string, description?: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  metadata: { name: 'agentgateway' },
  spec: { controllerName, ...(description ? { description } : {}) },
});

describe('transition rules (oldSelf)', () => {
  it('does not run oldSelf rules on create', () => {
    expect(
      validator.validate(gatewayClass('agentgateway.dev/agentgateway')).causes,
    ).toEqual([]);
  });

  it('enforces the immutable controllerName on update', () => {
    const r = validator.validate(gatewayClass('example.com/other'), {
      oldObject: gatewayClass('agentgateway.dev/agentgateway'),
    });
    expect(r.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.controllerName',
        message: 'Invalid value: "string": Value is immutable',
      },
    ]);
  });

  it('accepts an update that keeps controllerName', () => {
    const r = validator.validate(
      gatewayClass('agentgateway.dev/agentgateway', 'changed'),
      {
        oldObject: gatewayClass('agentgateway.dev/agentgateway'),
      },
    );
    expect(r.causes).toEqual([]);
  });
});

describe('validation ratcheting on update', () => {
  const route = (request: string, backendRequest: string, name = 'r') => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name },
    spec: {
      parentRefs: [{ name: 'gw' }],
      rules: [{ timeouts: { request, backendRequest } }],
    },
  });

  it('rejects a backendRequest timeout longer than the request timeout (duration comparison)', () => {
    const r = validator.validate(route('10s', '1m'));
    expect(r.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.rules[0].timeouts',
        message:
          'Invalid value: "object": backendRequest timeout cannot be longer than request timeout',
      },
    ]);
    expect(validator.validate(route('1m', '10s')).causes).toEqual([]);
  });

  it('does not ratchet values inside atomic lists (their items are not correlatable)', () => {
    const old = route('10s', '1m');
    expect(
      validator.validate(route('10s', '1m'), { oldObject: old }).valid,
    ).toBe(false);
  });

  it('lets an unchanged invalid value through on update, as the apiserver ratchets CEL rules', () => {
    const gw = (
      listenerPort: number,
      label: string,
      tls: object = { mode: 'Terminate', certificateRefs: [], options: {} },
    ) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', labels: { v: label } },
      spec: {
        gatewayClassName: 'agentgateway',
        listeners: [
          {
            name: 'l',
            port: listenerPort,
            protocol: 'HTTP',
            tls,
          },
        ],
      },
    });
    expect(validator.validate(gw(80, 'a')).valid).toBe(false);
    expect(
      validator.validate(gw(80, 'b'), { oldObject: gw(80, 'a') }).causes,
    ).toEqual([]);
    expect(
      validator
        .validate(gw(81, 'b'), { oldObject: gw(80, 'a') })
        .causes.map(c => c.field),
    ).toEqual(['spec.listeners']);
  });

  it('does not ratchet a rule that fails to evaluate at an unchanged value (only false results ratchet)', () => {
    const gw = (label: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', labels: { v: label } },
      spec: {
        gatewayClassName: 'agentgateway',
        listeners: [
          { name: 'l', port: 80, protocol: 'HTTP', tls: { mode: 'Terminate' } },
        ],
      },
    });
    // size(self.certificateRefs) on a missing field: "no such key", an evaluation error, reported as before
    expect(
      validator
        .validate(gw('b'), { oldObject: gw('a') })
        .causes.map(c => [c.field, c.reason]),
    ).toEqual([['spec.listeners[0].tls', 'InternalError']]);
  });
});
