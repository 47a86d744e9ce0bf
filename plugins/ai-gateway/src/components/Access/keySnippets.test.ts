import type { IssuedKey } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { keyTarget, snippetsWithKey } from './keySnippets';

const issued: IssuedKey = {
  grantId: 'g1',
  key: 'agw_SECRETKEY',
  keyPrefix: 'agw_SECR',
  header: 'Authorization',
  scheme: 'Bearer',
  baseUrl: 'http://ai.demo.local:8080/support/mcp',
};

describe('snippetsWithKey', () => {
  it('pastes the key into every MCP client config and drops the VS Code prompt', () => {
    const target = keyTarget(issued, {
      ref: 'api:default/support-kb',
      type: 'mcp-server',
    });
    const snippets = snippetsWithKey(target, issued.key);
    expect(snippets.map(s => s.id)).toEqual([
      'claude-desktop',
      'cursor',
      'vscode',
      'curl',
    ]);
    for (const s of snippets) {
      expect(s.code).toContain('agw_SECRETKEY');
      expect(s.code).not.toContain('AI_GATEWAY_API_KEY');
      expect(s.code).not.toContain('<your-credential>');
    }
    const cursor = JSON.parse(snippets[1].code);
    expect(cursor.mcpServers['support-kb']).toEqual({
      url: 'http://ai.demo.local:8080/support/mcp',
      headers: { Authorization: 'Bearer agw_SECRETKEY' },
    });
    const vscode = JSON.parse(snippets[2].code);
    expect(vscode.inputs).toBeUndefined();
    expect(vscode.servers['support-kb'].headers.Authorization).toBe(
      'Bearer agw_SECRETKEY',
    );
    expect(snippets[0].code).toContain(
      '"AI_GATEWAY_AUTH_HEADER": "Bearer agw_SECRETKEY"',
    );
  });

  it('LLM: the OpenAI SDKs get the key as api_key, a custom header as default headers', () => {
    const llm = { ref: 'api:team/support-openai', type: 'llm' as const };
    const bearer = snippetsWithKey(
      keyTarget({ ...issued, baseUrl: 'http://gw/openai/v1' }, llm),
      issued.key,
    );
    expect(bearer[0].code).toContain('api_key="agw_SECRETKEY"');
    expect(bearer[0].code).toContain('base_url="http://gw/openai/v1"');
    expect(bearer[1].code).toContain("apiKey: 'agw_SECRETKEY'");
    const custom = snippetsWithKey(
      keyTarget({ ...issued, header: 'x-api-key', scheme: '' }, llm),
      issued.key,
    );
    expect(custom[0].code).toContain(
      'default_headers={"x-api-key": "" + "agw_SECRETKEY"}',
    );
    expect(custom[1].code).toContain("'x-api-key': `agw_SECRETKEY`");
    expect(custom[2].code).toContain('-H "x-api-key: agw_SECRETKEY"');
  });
});
