import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import {
  POLICY_CEL_FIELDS,
  expandAlternatives,
  policyCelExpressions,
} from './policyFields';

interface Node {
  type?: string;
  description?: string;
  properties?: Record<string, Node>;
  items?: Node;
  additionalProperties?: Node | boolean;
}

/** String fields of the CRD whose description says they hold CEL (`[*]` list item, `.*` map value). */
function celFieldsOfCrd(): string[] {
  const file = path.join(
    __dirname,
    '..',
    '..',
    'crds',
    'agentgateway.dev_agentgatewaypolicies.yaml',
  );
  const crd = parse(fs.readFileSync(file, 'utf8'));
  const out: string[] = [];
  const walk = (n: Node, p: string) => {
    const d = (n.description ?? '').replace(/\s+/g, ' ');
    if (
      n.type === 'string' &&
      /\bCEL\b|Common Expression Language|\bexpression\b/i.test(d) &&
      !/RegularExpression/.test(d)
    )
      out.push(p);
    for (const [k, c] of Object.entries(n.properties ?? {}))
      walk(c, `${p}.${k}`);
    if (n.items) walk(n.items, `${p}[*]`);
    if (n.additionalProperties && typeof n.additionalProperties === 'object')
      walk(n.additionalProperties, `${p}.*`);
  };
  walk(crd.spec.versions[0].schema.openAPIV3Schema.properties.spec, 'spec');
  return out;
}

describe('POLICY_CEL_FIELDS', () => {
  it('expands alternatives', () => {
    expect(expandAlternatives('a.{b,c.{d,e}}.f')).toEqual([
      'a.b.f',
      'a.c.d.f',
      'a.c.e.f',
    ]);
  });

  it('lists exactly the CEL fields of the AgentgatewayPolicy CRD (plus transformation bodies)', () => {
    const bodies = POLICY_CEL_FIELDS.filter(p =>
      /transformation\.(.*\.)?(request|response)\.body$/.test(p),
    );
    expect(bodies).toHaveLength(6);
    expect([...POLICY_CEL_FIELDS].sort()).toEqual(
      [...celFieldsOfCrd(), ...bodies].sort(),
    );
    expect(new Set(POLICY_CEL_FIELDS).size).toBe(POLICY_CEL_FIELDS.length);
  });
});

describe('policyCelExpressions', () => {
  it('finds expressions with Kubernetes field paths and skips plain durations', () => {
    const found = policyCelExpressions({
      spec: {
        traffic: {
          authorization: {
            action: 'Allow',
            policy: { matchExpressions: ['jwt.sub == "a"', 'true'] },
          },
          delay: { duration: '2s' },
          extAuth: { cache: { ttl: 'duration("5m")' } },
          transformation: {
            conditional: [
              {
                condition: 'true',
                policy: { request: { metadata: { team: 'jwt.team' } } },
              },
            ],
          },
          rateLimit: {
            global: {
              descriptors: [
                { entries: [{ name: 'u', expression: 'apiKey.user_id' }] },
              ],
            },
          },
        },
        backend: {
          mcp: {
            authorization: {
              policy: { matchExpressions: ['mcp.tool.name == "x"'] },
            },
          },
        },
      },
    });
    expect(found).toEqual([
      {
        field: 'spec.traffic.authorization.policy.matchExpressions[0]',
        expression: 'jwt.sub == "a"',
      },
      {
        field: 'spec.traffic.authorization.policy.matchExpressions[1]',
        expression: 'true',
      },
      {
        field: 'spec.backend.mcp.authorization.policy.matchExpressions[0]',
        expression: 'mcp.tool.name == "x"',
      },
      { field: 'spec.traffic.extAuth.cache.ttl', expression: 'duration("5m")' },
      {
        field:
          'spec.traffic.rateLimit.global.descriptors[0].entries[0].expression',
        expression: 'apiKey.user_id',
      },
      {
        field: 'spec.traffic.transformation.conditional[0].condition',
        expression: 'true',
      },
      {
        field:
          'spec.traffic.transformation.conditional[0].policy.request.metadata[team]',
        expression: 'jwt.team',
      },
    ]);
  });
});
