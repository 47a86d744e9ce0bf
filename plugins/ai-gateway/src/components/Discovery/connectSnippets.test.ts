import { connectSnippets, type ConnectTarget } from './connectSnippets';

const mcp: ConnectTarget = {
  name: 'team-support.support-kb-mcp',
  type: 'mcp-server',
  url: 'https://ai.example.com/support/mcp',
  transport: 'streamable-http',
  auth: { kind: 'api-key', header: 'Authorization', scheme: 'Bearer ' },
};

const byId = (t: ConnectTarget) =>
  Object.fromEntries(connectSnippets(t).map(s => [s.id, s]));

describe('connectSnippets', () => {
  it('MCP: Claude Desktop launches mcp-remote with the header from an env variable', () => {
    const s = byId(mcp)['claude-desktop'];
    expect(s.file).toBe('claude_desktop_config.json');
    expect(JSON.parse(s.code)).toEqual({
      mcpServers: {
        'team-support.support-kb-mcp': {
          command: 'npx',
          args: [
            'mcp-remote',
            'https://ai.example.com/support/mcp',
            '--header',
            'Authorization:${AI_GATEWAY_AUTH_HEADER}',
          ],
          env: { AI_GATEWAY_AUTH_HEADER: 'Bearer <your-credential>' },
        },
      },
    });
  });

  it('MCP: mcp-remote needs --allow-http for a plain-HTTP gateway and sse-only for SSE servers', () => {
    const s = byId({
      ...mcp,
      url: 'http://127.0.0.1:8080/mcp',
      transport: 'sse',
    })['claude-desktop'];
    const args = JSON.parse(s.code).mcpServers[mcp.name].args;
    expect(args).toEqual(
      expect.arrayContaining(['--allow-http', '--transport', 'sse-only']),
    );
  });

  it('MCP: Cursor gets url + headers with ${env:} interpolation', () => {
    const s = byId(mcp).cursor;
    expect(s.file).toBe('.cursor/mcp.json');
    expect(JSON.parse(s.code)).toEqual({
      mcpServers: {
        [mcp.name]: {
          url: mcp.url,
          headers: { Authorization: 'Bearer ${env:AI_GATEWAY_API_KEY}' },
        },
      },
    });
  });

  it('MCP: VS Code gets a servers entry of type http and a password input', () => {
    const s = byId(mcp).vscode;
    expect(s.file).toBe('.vscode/mcp.json');
    expect(JSON.parse(s.code)).toEqual({
      inputs: [
        {
          type: 'promptString',
          id: 'ai-gateway-api-key',
          description: expect.stringContaining('Authorization'),
          password: true,
        },
      ],
      servers: {
        [mcp.name]: {
          type: 'http',
          url: mcp.url,
          headers: { Authorization: 'Bearer ${input:ai-gateway-api-key}' },
        },
      },
    });
  });

  it('MCP: a custom header without scheme, and no header at all for open endpoints', () => {
    const custom = byId({
      ...mcp,
      auth: { kind: 'api-key', header: 'x-api-key', scheme: '' },
    });
    expect(JSON.parse(custom.cursor.code).mcpServers[mcp.name].headers).toEqual(
      {
        'x-api-key': '${env:AI_GATEWAY_API_KEY}',
      },
    );
    expect(custom.curl.code).toContain('-H "x-api-key: $AI_GATEWAY_API_KEY"');
    const open = byId({
      ...mcp,
      auth: { kind: 'none', header: '', scheme: '' },
    });
    expect(JSON.parse(open.vscode.code)).toEqual({
      servers: { [mcp.name]: { type: 'http', url: mcp.url } },
    });
    expect(
      JSON.parse(open['claude-desktop'].code).mcpServers[mcp.name],
    ).toEqual({
      command: 'npx',
      args: ['mcp-remote', mcp.url],
    });
    expect(open.curl.code).not.toContain('AI_GATEWAY_API_KEY');
  });

  it('MCP: curl initializes over streamable HTTP', () => {
    const s = byId(mcp).curl;
    expect(s.code).toContain(`curl -sS ${mcp.url}`);
    expect(s.code).toContain('Accept: application/json, text/event-stream');
    expect(s.code).toContain('-H "Authorization: Bearer $AI_GATEWAY_API_KEY"');
    expect(s.code).toContain('"method":"initialize"');
  });

  const llm: ConnectTarget = {
    name: 'team-support.support-openai',
    type: 'llm',
    url: 'https://ai.example.com/v1/chat/completions',
    sdkBaseUrl: 'https://ai.example.com/v1',
    models: ['gpt-4.1'],
    auth: { kind: 'api-key', header: 'Authorization', scheme: 'Bearer ' },
  };

  it('LLM: the OpenAI SDKs get base_url / baseURL and the key from the environment', () => {
    const s = byId(llm);
    expect(Object.keys(s)).toEqual([
      'openai-python',
      'openai-typescript',
      'curl',
    ]);
    expect(s['openai-python'].code).toContain(
      'base_url="https://ai.example.com/v1"',
    );
    expect(s['openai-python'].code).toContain(
      'api_key=os.environ["AI_GATEWAY_API_KEY"]',
    );
    expect(s['openai-python'].code).toContain('model="gpt-4.1"');
    expect(s['openai-typescript'].code).toContain(
      "baseURL: 'https://ai.example.com/v1'",
    );
    expect(s['openai-typescript'].code).toContain(
      'apiKey: process.env.AI_GATEWAY_API_KEY',
    );
    expect(s.curl.code).toContain(
      'curl -sS https://ai.example.com/v1/chat/completions',
    );
    expect(s.curl.code).toContain('"model":"gpt-4.1"');
  });

  it('LLM: a non-Bearer header goes in default headers', () => {
    const s = byId({
      ...llm,
      auth: { kind: 'api-key', header: 'x-api-key', scheme: '' },
    });
    expect(s['openai-python'].code).toContain(
      'default_headers={"x-api-key": "" + os.environ["AI_GATEWAY_API_KEY"]}',
    );
    expect(s['openai-typescript'].code).toContain(
      "defaultHeaders: { 'x-api-key': `${process.env.AI_GATEWAY_API_KEY}` }",
    );
  });

  it('LLM without sdkBaseUrl falls back to the endpoint URL', () => {
    const s = byId({ ...llm, sdkBaseUrl: undefined });
    expect(s['openai-python'].code).toContain(`base_url="${llm.url}"`);
  });

  it('A2A: curl fetches the agent card', () => {
    const s = connectSnippets({
      name: 'agent',
      type: 'a2a',
      url: 'https://ai.example.com/agent',
      agentCardUrl: 'https://ai.example.com/agent/.well-known/agent-card.json',
      auth: { kind: 'jwt', header: 'Authorization', scheme: 'Bearer ' },
    });
    expect(s.map(x => x.id)).toEqual(['curl']);
    expect(s[0].code).toContain('agent-card.json');
    expect(s[0].code).toContain('Authorization: Bearer $AI_GATEWAY_API_KEY');
  });

  it('never contains anything but placeholders', () => {
    for (const t of [mcp, llm])
      for (const s of connectSnippets(t))
        expect(s.code).toMatch(
          /AI_GATEWAY_API_KEY|AI_GATEWAY_AUTH_HEADER|ai-gateway-api-key/,
        );
  });
});
