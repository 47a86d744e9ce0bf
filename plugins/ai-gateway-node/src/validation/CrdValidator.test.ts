import { loadBundledCrds } from '../crds';
import { createCrdValidator } from './CrdValidator';
import type { ValidationCause } from './types';

const validator = createCrdValidator(loadBundledCrds());

const fields = (causes: ValidationCause[]) => causes.map(c => c.field);
const find = (causes: ValidationCause[], field: string) =>
  causes.find(c => c.field === field);

function gateway(
  listeners: any[] = [{ name: 'http', port: 80, protocol: 'HTTP' }],
): any {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'default' },
    spec: { gatewayClassName: 'agentgateway', listeners },
  };
}

function backend(spec: any): any {
  return {
    apiVersion: 'agentgateway.dev/v1alpha1',
    kind: 'AgentgatewayBackend',
    metadata: { name: 'b', namespace: 'default' },
    spec,
  };
}

function policy(spec: any): any {
  return {
    apiVersion: 'agentgateway.dev/v1alpha1',
    kind: 'AgentgatewayPolicy',
    metadata: { name: 'p', namespace: 'default' },
    spec,
  };
}

describe('createCrdValidator', () => {
  it('knows the bundled kinds by apiVersion and kind', () => {
    expect(validator.knows('gateway.networking.k8s.io/v1', 'Gateway')).toBe(
      true,
    );
    expect(
      validator.knows('gateway.networking.k8s.io/v1beta1', 'HTTPRoute'),
    ).toBe(true);
    expect(
      validator.knows('agentgateway.dev/v1alpha1', 'AgentgatewayBackend'),
    ).toBe(true);
    expect(validator.knows('v1', 'ConfigMap')).toBe(false);
    expect(
      validator.validate({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x' },
      }).valid,
    ).toBe(false);
  });

  it('accepts a valid Gateway', () => {
    expect(validator.validate(gateway()).causes).toEqual([]);
  });

  it('reports a missing required field', () => {
    const obj = gateway();
    delete obj.spec.gatewayClassName;
    const r = validator.validate(obj);
    expect(r.valid).toBe(false);
    expect(r.causes).toContainEqual({
      reason: 'FieldValueRequired',
      field: 'spec.gatewayClassName',
      message: 'Required value',
    });
  });

  it('reports a wrong type and skips CEL rules like the apiserver', () => {
    const r = validator.validate(
      gateway([{ name: 'http', port: 'eighty', protocol: 'HTTP' }]),
    );
    expect(find(r.causes, 'spec.listeners[0].port')).toEqual({
      reason: 'FieldValueTypeInvalid',
      field: 'spec.listeners[0].port',
      message:
        'Invalid value: "string": spec.listeners[0].port in body must be of type integer: "string"',
    });
    expect(r.causes[r.causes.length - 1].message).toMatch(
      /some validation rules were not checked/,
    );
  });

  it('reports an out-of-range integer', () => {
    const r = validator.validate(
      gateway([{ name: 'http', port: 70000, protocol: 'HTTP' }]),
    );
    expect(r.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.listeners[0].port',
        message:
          'Invalid value: 70000: spec.listeners[0].port in body should be less than or equal to 65535',
      },
    ]);
  });

  it('reports a pattern violation', () => {
    const r = validator.validate(
      gateway([{ name: 'Bad_Name', port: 80, protocol: 'HTTP' }]),
    );
    expect(fields(r.causes)).toEqual(['spec.listeners[0].name']);
    expect(r.causes[0].message).toMatch(
      /^Invalid value: "Bad_Name": spec.listeners\[0\].name in body should match '\^\[a-z0-9\]/,
    );
  });

  it('reports an unsupported enum value', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'default' },
      spec: { rules: [{ matches: [{ path: { type: 'Glob', value: '/x' } }] }] },
    };
    const r = validator.validate(route);
    expect(find(r.causes, 'spec.rules[0].matches[0].path.type')).toEqual({
      reason: 'FieldValueNotSupported',
      field: 'spec.rules[0].matches[0].path.type',
      message:
        'Unsupported value: "Glob": supported values: "Exact", "PathPrefix", "RegularExpression"',
    });
  });

  it('reports map values with the map key in the field path', () => {
    const params = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayParameters',
      metadata: { name: 'p', namespace: 'default' },
      spec: { resources: { limits: { cpu: 'lots', memory: '128Mi' } } },
    };
    const r = validator.validate(params);
    expect(fields(r.causes)).toEqual(['spec.resources.limits[cpu]']);
  });

  it('rejects duplicate listener names by list-map key and by the CEL rule', () => {
    const r = validator.validate(
      gateway([
        { name: 'http', port: 80, protocol: 'HTTP' },
        { name: 'http', port: 8080, protocol: 'HTTP' },
      ]),
    );
    expect(r.causes).toContainEqual({
      reason: 'FieldValueDuplicate',
      field: 'spec.listeners[1]',
      message: 'Duplicate value: {"name":"http"}',
    });
    expect(r.causes).toContainEqual({
      reason: 'FieldValueInvalid',
      field: 'spec.listeners',
      message:
        'Invalid value: "array": Listener name must be unique within the Gateway',
    });
  });

  it('evaluates CEL rules on every list item (tls on an HTTP listener)', () => {
    const r = validator.validate(
      gateway([
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] },
        },
      ]),
    );
    expect(r.causes.map(c => [c.field, c.message])).toContainEqual([
      'spec.listeners',
      `Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`,
    ]);
  });

  it('rejects an AgentgatewayBackend with two backend types', () => {
    const r = validator.validate(
      backend({
        ai: { provider: { openai: { model: 'gpt-4o' } } },
        static: { host: 'example.com', port: 443 },
      }),
    );
    expect(r.causes).toContainEqual({
      reason: 'FieldValueInvalid',
      field: 'spec',
      message:
        'Invalid value: "object": exactly one of the fields in [ai static dynamicForwardProxy mcp aws a2a] must be set',
    });
  });

  it('rejects the upstream docs example of a custom provider without formats', () => {
    const r = validator.validate(
      backend({
        ai: {
          provider: {
            custom: { model: 'llama3' },
            host: 'llm.internal',
            port: 8080,
          },
        },
      }),
    );
    expect(r.causes).toContainEqual({
      reason: 'FieldValueRequired',
      field: 'spec.ai.provider.custom.formats',
      message: 'Required value',
    });
  });

  it('rejects a policy with both targetRefs and targetSelectors', () => {
    const r = validator.validate(
      policy({
        targetRefs: [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' },
        ],
        targetSelectors: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            matchLabels: { app: 'x' },
          },
        ],
        traffic: { timeouts: { request: '10s' } },
      }),
    );
    expect(r.causes.map(c => [c.field, c.message])).toContainEqual([
      'spec',
      'Invalid value: "object": exactly one of the fields in [targetRefs targetSelectors] must be set',
    ]);
  });

  it('registers the Kubernetes quantity library (http2FrameSize bounds)', () => {
    const p = (size: unknown) =>
      policy({
        targetRefs: [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' },
        ],
        frontend: { http: { http2FrameSize: size } },
      });
    expect(validator.validate(p(16384)).causes).toEqual([]);
    expect(validator.validate(p('64Ki')).causes).toEqual([]);
    const r = validator.validate(p(1024));
    expect(r.causes.map(c => [c.field, c.message])).toEqual([
      [
        'spec.frontend.http.http2FrameSize',
        'Invalid value: "integer": http2FrameSize must be at least 16384 bytes',
      ],
    ]);
  });

  it('checks metadata like the apiserver', () => {
    const noName = gateway();
    delete noName.metadata.name;
    expect(validator.validate(noName).causes).toEqual([
      {
        reason: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ]);
    noName.metadata.generateName = 'gw-';
    expect(validator.validate(noName).valid).toBe(true);
    const badName = gateway();
    badName.metadata.name = 'My_Gateway';
    expect(fields(validator.validate(badName).causes)).toEqual([
      'metadata.name',
    ]);
  });

  it('rejects an AgentgatewayPolicy whose agentgateway CEL does not compile, naming the field', () => {
    const authz = (matchExpressions: string[]) =>
      policy({
        targetRefs: [
          { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' },
        ],
        traffic: {
          authorization: { action: 'Require', policy: { matchExpressions } },
        },
      });
    expect(validator.validate(authz(["jwt.sub == 'alice'"])).causes).toEqual(
      [],
    );
    const r = validator.validate(
      authz(["jwt.sub == 'alice'", 'jwt.sub ==', 'user.name == "x"']),
    );
    expect(r.valid).toBe(false);
    expect(r.causes.map(c => [c.reason, c.field])).toEqual([
      [
        'FieldValueInvalid',
        'spec.traffic.authorization.policy.matchExpressions[1]',
      ],
      [
        'FieldValueInvalid',
        'spec.traffic.authorization.policy.matchExpressions[2]',
      ],
    ]);
    expect(r.causes[1].message).toMatch(
      /^Invalid value: "user.name == \\"x\\"": .*variable\(s\) user/,
    );
    // unchanged expressions are not checked again on update (ratcheting); changed ones are
    const stored = authz(['frob(request.path)']);
    expect(validator.validate(stored, { oldObject: stored }).valid).toBe(true);
    expect(
      fields(
        validator.validate(authz(['frob(request.uri)']), { oldObject: stored })
          .causes,
      ),
    ).toEqual(['spec.traffic.authorization.policy.matchExpressions[0]']);
    const rateLimit = policy({
      targetRefs: [
        { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'r' },
      ],
      traffic: {
        rateLimit: {
          global: {
            backendRef: { name: 'rl', port: 8081 },
            domain: 'd',
            descriptors: [
              {
                entries: [{ name: 'k', expression: 'apiKey.grant +' }],
                unit: 'Requests',
              },
            ],
          },
        },
      },
    });
    expect(fields(validator.validate(rateLimit).causes)).toEqual([
      'spec.traffic.rateLimit.global.descriptors[0].entries[0].expression',
    ]);
  });
});
