import { checkPolicyExpression } from './check';

describe('checkPolicyExpression', () => {
  it.each([
    ["jwt.sub == 'alice'", ['jwt.sub']],
    ["request.headers['x-internal'] == 'true'", ['request.headers']],
    ["request.path.startsWith('/admin')", ['request.path']],
    [
      'jwt.sub == "alice" && mcp.tool.name == "get_me"',
      ['jwt.sub', 'mcp.tool.name'],
    ],
    ['apiKey.user_id', ['apiKey.user_id']],
    ['"prod"', []],
    ['uint(llm.cost.total * 1000000)', ['llm.cost.total']],
    [
      'json(request.body).with(body, body.method == "tools/call" ? string(body.params.name) : "none")',
      ['request.body'],
    ],
    [
      "!has(apiKey.grant) || apiKey.grant != 'g' || llm.requestModel in ['a']",
      ['apiKey.grant', 'llm.requestModel'],
    ],
    ['request.headers.exists(h, h.startsWith("x-"))', ['request.headers']],
    ['default(request.headers["x-team"], "none") == "a"', ['request.headers']],
    ['base64.encode("hi") == "aGk="', []],
    ['{"a": 1, "b": 2}.filterKeys(k, k == "a").size() == 1', []],
    ['cidr("10.0.0.0/8").containsIP(source.address)', ['source.address']],
    ['apiKey.key.unredacted().stripPrefix("agw_").size() > 0', ['apiKey.key']],
    ['"/id/1234/data".regexReplace("/id/[0-9]*/", "/id/{id}/")', []],
  ])('%s', (expr, variables) => {
    expect(checkPolicyExpression(expr)).toEqual({ ok: true, variables });
  });

  it('names unknown variables and functions', () => {
    expect(checkPolicyExpression('toJson(variables) != ""')).toEqual({
      ok: false,
      error: expect.stringContaining('variable(s) variables'),
    });
    const v = checkPolicyExpression('user.name == "x"');
    expect(v.ok).toBe(false);
    expect(!v.ok && v.error).toMatch(/variable\(s\) user/);
    const f = checkPolicyExpression('frobnicate(request.path)');
    expect(!f.ok && f.error).toMatch(/function\(s\) frobnicate/);
    const m = checkPolicyExpression('request.path.frob()');
    expect(!m.ok && m.error).toMatch(/function\(s\) frob/);
    // Kubernetes URL / quantity functions are not agentgateway functions
    expect(checkPolicyExpression('isURL(request.uri)').ok).toBe(false);
  });

  it('keeps comprehension and with() variables local', () => {
    expect(checkPolicyExpression('[1, 2].all(x, x > 0)')).toEqual({
      ok: true,
      variables: [],
    });
    expect(checkPolicyExpression('x > 0').ok).toBe(false);
    expect(
      checkPolicyExpression('request.path.with(p, p + p) == "//"'),
    ).toEqual({
      ok: true,
      variables: ['request.path'],
    });
  });

  it('reports syntax errors and empty expressions', () => {
    expect(checkPolicyExpression('jwt.sub ==')).toEqual({
      ok: false,
      error: expect.stringMatching(/^syntax error/),
    });
    expect(checkPolicyExpression(42 as unknown as string)).toEqual({
      ok: false,
      error: 'the expression must be a string',
    });
    expect(checkPolicyExpression('  ')).toEqual({
      ok: false,
      error: 'empty expression',
    });
  });
});
