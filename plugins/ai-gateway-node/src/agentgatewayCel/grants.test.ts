import { checkPolicyExpression } from './check';
import { evaluatePolicyExpression } from './evaluate';
import { celStringLiteral, grantAuthorizationExpression } from './grants';

const allowed = (expr: string, apiKey: object, llmOrMcp: object) =>
  evaluatePolicyExpression(expr, { apiKey, ...llmOrMcp });

describe('grantAuthorizationExpression', () => {
  it('builds the documented model expression', () => {
    expect(
      grantAuthorizationExpression({ grantId: 'g1', models: ['m1', 'm2'] }),
    ).toBe(
      "!has(apiKey.grant) || apiKey.grant != 'g1' || llm.requestModel in ['m1','m2']",
    );
    expect(
      grantAuthorizationExpression({ grantId: 'g1', tools: ['get_me'] }),
    ).toBe(
      "!has(apiKey.grant) || apiKey.grant != 'g1' || mcp.tool.name in ['get_me']",
    );
  });

  it('rejects ambiguous input', () => {
    expect(() =>
      grantAuthorizationExpression({ grantId: 'g', models: [], tools: [] }),
    ).toThrow(TypeError);
    expect(() => grantAuthorizationExpression({ grantId: 'g' })).toThrow(
      TypeError,
    );
    expect(() =>
      grantAuthorizationExpression({ grantId: '', models: ['m'] }),
    ).toThrow(TypeError);
  });

  it('limits the granted key to the listed models and leaves other keys alone', () => {
    const expr = grantAuthorizationExpression({
      grantId: 'g1',
      models: ['gpt-4o', 'gpt-4o-mini'],
    });
    expect(checkPolicyExpression(expr)).toEqual({
      ok: true,
      variables: ['apiKey.grant', 'llm.requestModel'],
    });
    const granted = { grant: 'g1', consumer: 'component:default/agent' };
    const model = (m: string) => ({ llm: { requestModel: m } });
    expect(allowed(expr, granted, model('gpt-4o'))).toEqual({
      kind: 'value',
      value: true,
    });
    expect(allowed(expr, granted, model('gpt-4o-mini'))).toEqual({
      kind: 'value',
      value: true,
    });
    expect(allowed(expr, granted, model('o3'))).toEqual({
      kind: 'value',
      value: false,
    });
    expect(allowed(expr, { grant: 'g2' }, model('o3'))).toEqual({
      kind: 'value',
      value: true,
    });
    expect(allowed(expr, { consumer: 'x' }, model('o3'))).toEqual({
      kind: 'value',
      value: true,
    });
    expect(allowed(expr, {}, model('o3'))).toEqual({
      kind: 'value',
      value: true,
    });
  });

  it('limits the granted key to the listed tools', () => {
    const expr = grantAuthorizationExpression({
      grantId: 'g-7',
      tools: ['get_me', 'search_issues'],
    });
    expect(checkPolicyExpression(expr).ok).toBe(true);
    const tool = (name: string) => ({
      mcp: { tool: { name, target: 'github' } },
    });
    expect(allowed(expr, { grant: 'g-7' }, tool('get_me'))).toEqual({
      kind: 'value',
      value: true,
    });
    expect(allowed(expr, { grant: 'g-7' }, tool('delete_repo'))).toEqual({
      kind: 'value',
      value: false,
    });
    expect(allowed(expr, { grant: 'other' }, tool('delete_repo'))).toEqual({
      kind: 'value',
      value: true,
    });
  });

  it('quotes names with quotes, backslashes and control characters safely', () => {
    const nasty = [
      "it's",
      'back\\slash',
      'dq"uote',
      "x' || true || '",
      'line\nbreak',
      'tab\t',
      'ünï',
      '\u0001',
    ];
    for (const n of nasty) {
      const lit = celStringLiteral(n);
      expect(evaluatePolicyExpression(lit, {})).toEqual({
        kind: 'value',
        value: n,
      });
    }
    const expr = grantAuthorizationExpression({
      grantId: "g'1",
      models: nasty,
    });
    expect(checkPolicyExpression(expr).ok).toBe(true);
    for (const n of nasty)
      expect(
        allowed(expr, { grant: "g'1" }, { llm: { requestModel: n } }),
      ).toEqual({ kind: 'value', value: true });
    // the injection attempt is a model name, not code: other models stay denied
    expect(
      allowed(expr, { grant: "g'1" }, { llm: { requestModel: 'x' } }),
    ).toEqual({ kind: 'value', value: false });
  });
});
