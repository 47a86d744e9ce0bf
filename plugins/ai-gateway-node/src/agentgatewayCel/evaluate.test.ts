import { UNKNOWN, evaluatePolicyExpression, partial } from './evaluate';

describe('evaluatePolicyExpression', () => {
  it('evaluates against the given variables', () => {
    expect(
      evaluatePolicyExpression("apiKey.grant == 'g1'", {
        apiKey: { grant: 'g1' },
      }),
    ).toEqual({ kind: 'value', value: true });
    expect(
      evaluatePolicyExpression('response.code >= 500', {
        response: { code: 503 },
      }),
    ).toEqual({ kind: 'value', value: true });
    expect(evaluatePolicyExpression('[1, 2].map(x, x * 2)', {})).toEqual({
      kind: 'value',
      value: [2, 4],
    });
    expect(evaluatePolicyExpression('{"a": 1}.merge({"b": 2})', {})).toEqual({
      kind: 'value',
      value: { a: 1, b: 2 },
    });
  });

  it('answers unknown with the paths read when a variable is not given', () => {
    expect(
      evaluatePolicyExpression("request.headers['x-internal'] == 'true'", {}),
    ).toEqual({
      kind: 'unknown',
      dependsOn: ['request.headers'],
    });
    expect(
      evaluatePolicyExpression(
        'jwt.sub == "alice" && mcp.tool.name == "get_me"',
        { mcp: { tool: { name: 'get_me' } } },
      ),
    ).toEqual({
      kind: 'unknown',
      dependsOn: ['jwt.sub'],
    });
    // short-circuit: the missing variable does not matter
    expect(
      evaluatePolicyExpression(
        'jwt.sub == "alice" && mcp.tool.name == "get_me"',
        { mcp: { tool: { name: 'other' } } },
      ),
    ).toEqual({
      kind: 'value',
      value: false,
    });
    expect(evaluatePolicyExpression('has(jwt.sub) || true', {})).toEqual({
      kind: 'value',
      value: true,
    });
    expect(
      evaluatePolicyExpression('!has(response) || response.code > 299', {}),
    ).toEqual({ kind: 'unknown', dependsOn: ['response.code'] }); // `response` itself is covered by response.code
    expect(
      evaluatePolicyExpression('!has(response) || response.code > 299', {
        response: { code: 200 },
      }),
    ).toEqual({ kind: 'value', value: false });
  });

  it('treats UNKNOWN values and missing fields of partial objects as unknown', () => {
    const mcp = { tool: { name: 'get_me', target: UNKNOWN } };
    expect(
      evaluatePolicyExpression('mcp.tool.target == "github"', { mcp }),
    ).toEqual({ kind: 'unknown', dependsOn: ['mcp.tool.target'] });
    const llm = partial({ requestModel: 'gpt-4o' });
    expect(
      evaluatePolicyExpression(
        'llm.provider == "openai" && llm.requestModel == "o3"',
        { llm },
      ),
    ).toEqual({ kind: 'value', value: false });
    expect(
      evaluatePolicyExpression('llm.provider == "openai"', { llm }),
    ).toEqual({ kind: 'unknown', dependsOn: ['llm.provider'] });
    expect(
      evaluatePolicyExpression('llm.provider == "openai"', {
        llm: { requestModel: 'x' },
      }),
    ).toEqual({
      kind: 'error',
      error: expect.stringContaining('provider'),
    });
  });

  it('answers errors for bad expressions and failing evaluation', () => {
    expect(evaluatePolicyExpression('nope.x', {})).toEqual({
      kind: 'error',
      error: expect.stringContaining('nope'),
    });
    expect(
      evaluatePolicyExpression("request.headers['x'] == 'a'", {
        request: { headers: {} },
      }),
    ).toEqual({
      kind: 'error',
      error: expect.stringContaining('x'),
    });
    expect(evaluatePolicyExpression('fail("boom")', {})).toEqual({
      kind: 'error',
      error: expect.stringContaining('boom'),
    });
  });

  it('runs the agentgateway functions and macros', () => {
    const body = JSON.stringify({
      method: 'tools/call',
      params: { name: 'get_me' },
    });
    const expr =
      'json(request.body).with(body, body.method == "tools/call" ? string(body.params.name) : "none")';
    expect(evaluatePolicyExpression(expr, { request: { body } })).toEqual({
      kind: 'value',
      value: 'get_me',
    });
    expect(evaluatePolicyExpression(expr, {})).toEqual({
      kind: 'unknown',
      dependsOn: ['request.body'],
    });
    const v = (e: string, a = {}) => evaluatePolicyExpression(e, a);
    expect(
      v('default(request.headers["x-team"], "none")', {
        request: { headers: {} },
      }),
    ).toEqual({ kind: 'value', value: 'none' });
    expect(v('default(jwt.team, "none")', { jwt: { team: 'a' } })).toEqual({
      kind: 'value',
      value: 'a',
    });
    expect(v('{"a": 1, "b": 2}.filterKeys(k, k == "a")')).toEqual({
      kind: 'value',
      value: { a: 1 },
    });
    expect(v('{"a": 1, "b": 2}.removeKeys(k, k == "a")')).toEqual({
      kind: 'value',
      value: { b: 2 },
    });
    expect(v('{"a": 1, "b": 2}.mapValues(x, x * 10)')).toEqual({
      kind: 'value',
      value: { a: 10, b: 20 },
    });
    expect(v('base64.encode("hello")')).toEqual({
      kind: 'value',
      value: 'aGVsbG8=',
    });
    expect(v('string(base64.decode("aGVsbG8="))')).toEqual({
      kind: 'value',
      value: 'hello',
    });
    expect(
      v('"/id/1234/data".regexReplace("/id/[0-9]*/", "/id/{id}/")'),
    ).toEqual({ kind: 'value', value: '/id/{id}/data' });
    expect(v('toJson({"a": [1, "x"]})')).toEqual({
      kind: 'value',
      value: '{"a":[1,"x"]}',
    });
    expect(v('"agw_abc".stripPrefix("agw_")')).toEqual({
      kind: 'value',
      value: 'abc',
    });
    expect(
      v('cidr("10.0.0.0/8").containsIP(source.address)', {
        source: { address: '10.1.2.3' },
      }),
    ).toEqual({ kind: 'value', value: true });
    expect(v('uint(source.port) > uint(1)', { source: { port: 443 } })).toEqual(
      { kind: 'value', value: true },
    );
    expect(v('uuid().size() == 36')).toEqual({ kind: 'value', value: true });
  });
});
