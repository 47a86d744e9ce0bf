import { REFERENCE_FIELDS } from '../generated/referenceFields';
import { listReferences, referenceFieldsOf } from './walker';

/** An object that sets `path` (`spec.a[].b`) to `leaf`; arrays get the value at index 1 after a filler `{}`. */
function objectSetting(path: string, leaf: unknown): Record<string, unknown> {
  const segs = path
    .split('.')
    .flatMap(p => {
      const [name, ...items] = p.split('[]');
      return [name, ...items.map(() => '[]')];
    })
    .filter(Boolean);
  let value: unknown = leaf;
  for (let i = segs.length - 1; i >= 0; i--) {
    value = segs[i] === '[]' ? [{}, value] : { [segs[i]]: value };
  }
  return value as Record<string, unknown>;
}

const cases = Object.entries(REFERENCE_FIELDS).flatMap(([kind, fields]) =>
  fields.map(field => ({ kind, field })),
);

describe('REFERENCE_FIELDS (generated from the CRD schemas)', () => {
  it('covers every reference field named in the security review', () => {
    const paths = (kind: string) => referenceFieldsOf(kind).map(f => f.path);
    expect(paths('HTTPRoute')).toEqual(
      expect.arrayContaining([
        'spec.parentRefs[]',
        'spec.rules[].backendRefs[]',
        'spec.rules[].filters[].requestMirror.backendRef',
        'spec.rules[].backendRefs[].filters[].requestMirror.backendRef',
      ]),
    );
    expect(paths('AgentgatewayPolicy')).toEqual(
      expect.arrayContaining([
        'spec.targetRefs[]',
        'spec.traffic.extAuth.backendRef',
        'spec.traffic.extProc.backendRef',
        'spec.traffic.jwtAuthentication.providers[].jwks.remote.backendRef',
        'spec.traffic.apiKeyAuthentication.secretRef',
        'spec.backend.tunnel.backendRef',
      ]),
    );
    expect(paths('AgentgatewayBackend')).toEqual(
      expect.arrayContaining([
        'spec.mcp.targets[].static.backendRef',
        'spec.policies.tunnel.backendRef',
        'spec.policies.auth.secretRef',
      ]),
    );
    expect(paths('Gateway')).toContain(
      'spec.listeners[].tls.certificateRefs[]',
    );
    expect(cases.length).toBeGreaterThan(200);
  });

  it('knows the target of references that may omit group and kind', () => {
    const field = (kind: string, path: string) =>
      referenceFieldsOf(kind).find(f => f.path === path);
    expect(field('HTTPRoute', 'spec.parentRefs[]')).toEqual({
      path: 'spec.parentRefs[]',
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespaced: true,
    });
    expect(field('HTTPRoute', 'spec.rules[].backendRefs[]')).toMatchObject({
      group: '',
      kind: 'Service',
      namespaced: true,
    });
    expect(
      field(
        'AgentgatewayPolicy',
        'spec.traffic.apiKeyAuthentication.secretRef',
      ),
    ).toMatchObject({ group: '', kind: 'Secret' });
    // kind required by the schema: no default
    expect(field('AgentgatewayPolicy', 'spec.targetRefs[]')).toEqual({
      path: 'spec.targetRefs[]',
      namespaced: false,
    });
  });
});

describe('listReferences', () => {
  it.each(cases.map(c => [c.kind, c.field.path, c.field] as const))(
    '%s %s: found at its concrete path with its default target',
    (kind, path, field) => {
      const object = objectSetting(path, { name: 'target' });
      const found = listReferences(kind, object).filter(r => r.field === path);
      expect(found).toEqual([
        {
          fieldPath: path.replace(/\[\]/g, '[1]'),
          field: path,
          group: field.group ?? '',
          kind: field.kind ?? '',
          name: 'target',
        },
      ]);
      const explicit = listReferences(
        kind,
        objectSetting(path, {
          group: 'example.com',
          kind: 'Thing',
          name: 'other',
          namespace: 'elsewhere',
        }),
      ).filter(r => r.field === path);
      expect(explicit).toEqual([
        expect.objectContaining({
          group: 'example.com',
          kind: 'Thing',
          name: 'other',
          namespace: 'elsewhere',
        }),
      ]);
    },
  );

  it('lists a route’s references in document order with indexes, weights and sections', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'team-a' },
      spec: {
        parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'http' }],
        rules: [
          { backendRefs: [{ name: 'a', weight: 1 }] },
          {
            filters: [
              {
                type: 'RequestMirror',
                requestMirror: {
                  backendRef: { name: 'm', namespace: 'team-b', port: 80 },
                },
              },
            ],
            backendRefs: [
              { name: 'b' },
              {
                group: 'agentgateway.dev',
                kind: 'AgentgatewayBackend',
                name: 'c',
              },
            ],
          },
        ],
      },
    };
    expect(
      listReferences('HTTPRoute', route).map(r => [
        r.fieldPath,
        r.kind,
        r.name,
      ]),
    ).toEqual([
      ['spec.parentRefs[0]', 'Gateway', 'gw'],
      ['spec.rules[0].backendRefs[0]', 'Service', 'a'],
      ['spec.rules[1].backendRefs[0]', 'Service', 'b'],
      ['spec.rules[1].backendRefs[1]', 'AgentgatewayBackend', 'c'],
      ['spec.rules[1].filters[0].requestMirror.backendRef', 'Service', 'm'],
    ]);
    expect(listReferences('HTTPRoute', route)[0]).toMatchObject({
      namespace: 'infra',
      sectionName: 'http',
    });
    expect(listReferences('HTTPRoute', route)[1]).toMatchObject({ weight: 1 });
  });

  it('ignores malformed values, unknown kinds and anything outside the reference paths', () => {
    expect(
      listReferences('Unknown', { spec: { backendRef: { name: 'x' } } }),
    ).toEqual([]);
    expect(listReferences('HTTPRoute', null)).toEqual([]);
    expect(
      listReferences('HTTPRoute', {
        spec: {
          parentRefs: { name: 'not-an-array' },
          rules: [{ backendRefs: [{ name: 3 }, 'x'] }],
        },
      }),
    ).toEqual([]);
  });

  it('walks objects nested far deeper than any call stack without recursing', () => {
    let deep: Record<string, unknown> = { name: 'bottom' };
    for (let i = 0; i < 100_000; i++) deep = { nested: deep, backendRef: deep };
    const policy = {
      spec: {
        traffic: { extAuth: { backendRef: { name: 'auth', namespace: 'x' } } },
        junk: deep,
      },
    };
    expect(listReferences('AgentgatewayPolicy', policy)).toEqual([
      expect.objectContaining({
        fieldPath: 'spec.traffic.extAuth.backendRef',
        name: 'auth',
        namespace: 'x',
      }),
    ]);
    const many = {
      spec: {
        targetRefs: Array.from({ length: 50_000 }, (_, i) => ({
          group: 'g',
          kind: 'Gateway',
          name: `n${i}`,
        })),
      },
    };
    expect(listReferences('AgentgatewayPolicy', many)).toHaveLength(50_000);
  });
});
