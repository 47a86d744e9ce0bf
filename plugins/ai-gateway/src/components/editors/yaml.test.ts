import { lineOfPath, parseYaml, toYaml } from './yaml';

const text = `apiVersion: agentgateway.dev/v1alpha1
kind: AgentgatewayBackend
metadata:
  name: openai
spec:
  ai:
    provider:
      openai:
        model: gpt-4.1
  mcp:
    targets:
      - name: a
        static:
          port: 80
`;

describe('yaml', () => {
  it('round-trips an object, unknown fields included', () => {
    const obj = {
      apiVersion: 'v',
      kind: 'K',
      metadata: { name: 'n' },
      spec: { x: { unknownField: [1, { y: true }] } },
    };
    const parsed = parseYaml(toYaml(obj));
    expect(parsed).toEqual({ ok: true, object: obj });
  });

  it('reports syntax errors with their line, and non-objects', () => {
    const bad = parseYaml('apiVersion: v\nkind: [\n');
    expect(bad.ok).toBe(false);
    expect(parseYaml('- a\n- b\n')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/single object/),
    });
    expect(parseYaml('kind: K\nmetadata: {}\n')).toMatchObject({
      ok: false,
      error: 'apiVersion is required',
    });
  });

  it('finds the line of a field path, or of its deepest present ancestor', () => {
    expect(lineOfPath(text, 'spec.ai.provider.openai.model')).toBe(9);
    expect(lineOfPath(text, 'metadata.name')).toBe(4);
    expect(lineOfPath(text, 'spec.mcp.targets[0].static.host')).toBe(13);
    expect(lineOfPath(text, 'spec.mcp.targets[0].name')).toBe(12);
  });
});
