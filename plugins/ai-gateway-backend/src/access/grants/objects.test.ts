import { differingPaths } from './drift';
import { checkedGrantId, labelValue, parseSource } from './names';
import {
  assertGrantable,
  grantExpression,
  keyEntry,
  latestKeyId,
  newKey,
  nextKeyId,
  unenforcedLimits,
} from './objects';
import { GrantTarget } from './types';

const target = (over: Partial<GrantTarget> = {}): GrantTarget => ({
  cluster: 'local',
  namespace: 'team-a',
  apiType: 'llm',
  route: { kind: 'HTTPRoute', name: 'r' },
  gateways: [],
  mcpBackends: [],
  apiKeys: { mode: 'shared', policy: 'team-a/aigw-apikeys-r', matchLabels: {} },
  globalRateLimits: [],
  localLimits: {},
  ownerLabels: {},
  ...over,
});

describe('grant objects (pure parts)', () => {
  it('differingPaths names changed, added and removed values with JSON paths', () => {
    expect(
      differingPaths(
        { a: { b: [1, 2], c: 'x' }, d: true },
        { a: { b: [1, 3, 4], c: 'x', e: 1 } },
        'spec',
      ),
    ).toEqual(['spec.a.b[1]', 'spec.a.b[2]', 'spec.a.e', 'spec.d']);
    expect(
      differingPaths({ a: [{ x: 1 }] }, { a: [{ x: 1 }] }, 'spec'),
    ).toEqual([]);
  });

  it('key ids, keys and entries: never the key itself in the entry', () => {
    expect(nextKeyId([])).toBe('key-1');
    expect(nextKeyId(['key-9', 'key-10', 'other'])).toBe('key-11');
    expect(latestKeyId(['key-9', 'key-10'])).toBe('key-10');
    expect(latestKeyId(['x'])).toBeUndefined();
    const key = newKey();
    expect(key).toMatch(/^agw_[A-Za-z0-9_-]{43}$/);
    expect(newKey()).not.toBe(key);
    const entry = keyEntry(key, 'component:default/c', 'g1');
    expect(entry).not.toContain(key.slice(4));
    expect(JSON.parse(entry)).toEqual({
      keyHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      metadata: { consumer: 'component:default/c', grant: 'g1' },
    });
  });

  it('names: grant ids that cannot name objects, sources, long label values', () => {
    expect(() => checkedGrantId('Bad_Id')).toThrow(/grantId/);
    expect(checkedGrantId('ab12')).toBe('ab12');
    expect(() => parseSource({ cluster: 'c', source: 'HTTPRoute:x' })).toThrow(
      /source/,
    );
    expect(parseSource({ cluster: 'c', source: 'HTTPRoute:ns/r' })).toEqual({
      cluster: 'c',
      kind: 'HTTPRoute',
      namespace: 'ns',
      name: 'r',
    });
    const long = labelValue('r'.repeat(80));
    expect(long).toHaveLength(63);
    expect(labelValue('short')).toBe('short');
  });

  it('expressions are checked; a2a and empty lists have none', () => {
    expect(
      grantExpression(
        'g1',
        { tools: ["it's"] },
        target({ apiType: 'mcp-server' }),
      ),
    ).toBe(
      "!has(apiKey.grant) || apiKey.grant != 'g1' || mcp.tool.name in ['it\\'s']",
    );
    expect(grantExpression('g1', {}, target())).toBeUndefined();
    expect(
      grantExpression('g1', { models: ['m'] }, target({ apiType: 'a2a' })),
    ).toBeUndefined();
  });

  it('assertGrantable: 409 for secretRef, other auth, models; limits are never claimed enforced', () => {
    expect(() =>
      assertGrantable(
        target({ apiKeys: { mode: 'secretRef', policy: 'team-a/keys' } }),
      ),
    ).toThrow(/team-a\/keys .*secretRef/);
    expect(() =>
      assertGrantable(
        target({
          apiKeys: {
            mode: 'other',
            policy: 'team-a/jwt',
            kind: 'jwtAuthentication',
          },
        }),
      ),
    ).toThrow(/jwtAuthentication/);
    expect(() =>
      assertGrantable(
        target({ route: { kind: 'AgentgatewayModel', name: 'm' } }),
      ),
    ).toThrow(/cannot target a model/);
    expect(unenforcedLimits({}, target())).toBeUndefined();
    expect(
      unenforcedLimits({ limits: { tokensPerMinute: 5 } }, target()),
    ).toMatch(/not enforced.*no global rate limit/);
    expect(
      unenforcedLimits(
        { limits: { requestsPerMinute: 5 } },
        target({ globalRateLimits: ['team-a/global'] }),
      ),
    ).toMatch(/team-a\/global/);
  });
});
