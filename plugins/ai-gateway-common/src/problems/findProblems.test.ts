import { getKind } from '../registry/kinds';
import { KubeObject, ObjectReference } from '../registry/types';
import type { ResourceItem } from '../api';
import { findProblems, ProblemLookup } from './findProblems';

const GW = 'gateway.networking.k8s.io';
const AGW = 'agentgateway.dev';

function item(
  obj: KubeObject,
  relation: ResourceItem['relation'] = 'owned',
): ResourceItem {
  const kind = getKind(obj.kind);
  return {
    cluster: 'c1',
    kind: kind.kind,
    group: kind.group,
    version: kind.version,
    name: obj.metadata.name,
    namespace: obj.metadata.namespace,
    summary: kind.summarize(obj),
    conditions: kind.conditions(obj),
    references: kind.references(obj),
    relation,
    object: obj,
  };
}

const ns = 'team-a';
const route = (name: string, spec: any): KubeObject => ({
  apiVersion: `${GW}/v1`,
  kind: 'HTTPRoute',
  metadata: { name, namespace: ns },
  spec,
});
const backend = (name: string, spec: any): KubeObject => ({
  apiVersion: `${AGW}/v1alpha1`,
  kind: 'AgentgatewayBackend',
  metadata: { name, namespace: ns },
  spec,
});
const policy = (name: string, spec: any): KubeObject => ({
  apiVersion: `${AGW}/v1alpha1`,
  kind: 'AgentgatewayPolicy',
  metadata: { name, namespace: ns },
  spec,
});

/** A cluster of existing objects; references among `items` are counted like the backend counts them from caches. */
function lookupOf(existing: string[], items: ResourceItem[]): ProblemLookup {
  const known = new Set([
    'Gateway',
    'HTTPRoute',
    'AgentgatewayBackend',
    'AgentgatewayPolicy',
    'Secret',
  ]);
  return {
    exists: (_c, ref: ObjectReference) =>
      known.has(ref.kind)
        ? existing.includes(`${ref.kind} ${ref.namespace}/${ref.name}`)
        : undefined,
    referrerCount: (_c, kind, namespace, name) =>
      items.filter(i =>
        i.references.some(
          r =>
            r.role === 'backend' &&
            r.kind === kind &&
            r.namespace === namespace &&
            r.name === name,
        ),
      ).length,
  };
}

describe('findProblems', () => {
  const okRoute = route('chat', {
    parentRefs: [{ name: 'ai-gw', namespace: 'platform' }],
    rules: [
      {
        backendRefs: [
          { group: AGW, kind: 'AgentgatewayBackend', name: 'openai' },
        ],
      },
    ],
  });
  const okBackend = backend('openai', {
    ai: { provider: { openai: {} } },
    policies: { auth: { secretRef: { name: 'key' } } },
  });
  const okPolicy = policy('limit', {
    targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'chat' }],
  });
  const existing = [
    'Gateway platform/ai-gw',
    'AgentgatewayBackend team-a/openai',
    'Secret team-a/key',
    'HTTPRoute team-a/chat',
  ];

  it('finds nothing in a complete set', () => {
    const items = [item(okRoute), item(okBackend), item(okPolicy)];
    expect(findProblems(items, lookupOf(existing, items))).toEqual([]);
  });

  it('reports each missing reference with its type, severity and reference', () => {
    const r = route('broken', {
      parentRefs: [{ name: 'gone-gw', namespace: 'platform' }],
      rules: [
        {
          backendRefs: [
            { group: AGW, kind: 'AgentgatewayBackend', name: 'gone' },
            { name: 'some-service', port: 80 },
          ],
        },
      ],
    });
    const p = policy('orphan', {
      targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'nope' }],
    });
    const b = backend('nokey', {
      ai: { provider: { openai: {} } },
      policies: { auth: { secretRef: { name: 'missing-key' } } },
    });
    const items = [item(r), item(p), item(b), item(okRoute)];
    const found = findProblems(items, lookupOf(existing, items));
    expect(
      found.map(x => [
        x.type,
        x.severity,
        x.name,
        x.reference && `${x.reference.kind} ${x.reference.name}`,
      ]),
    ).toEqual([
      ['MissingParent', 'error', 'broken', 'Gateway gone-gw'],
      ['MissingBackend', 'error', 'broken', 'AgentgatewayBackend gone'],
      ['MissingTarget', 'error', 'orphan', 'HTTPRoute nope'],
      ['MissingSecret', 'error', 'nokey', 'Secret missing-key'],
      ['UnusedBackend', 'warning', 'nokey', undefined],
    ]);
    // Service is not cached: unknown, so not reported
    expect(found.some(x => x.reference?.name === 'some-service')).toBe(false);
    expect(found[0].message).toBe(
      'HTTPRoute broken attaches to Gateway platform/gone-gw, which does not exist',
    );
    expect(found[0]).toMatchObject({
      cluster: 'c1',
      kind: 'HTTPRoute',
      namespace: 'team-a',
    });
  });

  it('reports a backend no route uses, and skips attached (not owned) objects', () => {
    const unused = backend('idle', { ai: { provider: { anthropic: {} } } });
    const attached = item(
      {
        apiVersion: `${GW}/v1`,
        kind: 'Gateway',
        metadata: { name: 'x', namespace: 'p' },
        spec: {},
      },
      'attached',
    );
    const items = [item(unused), attached];
    expect(
      findProblems(items, lookupOf(existing, items)).map(
        p => `${p.type} ${p.name}`,
      ),
    ).toEqual(['UnusedBackend idle']);
  });
});
