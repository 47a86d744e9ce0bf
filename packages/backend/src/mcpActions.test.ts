/*
 * An MCP client (the official SDK) against a started backend with the MCP actions backend and the AI gateway
 * plugin (see __testUtils__/mcpTestBackend.ts): with a static token (the real auth services) it lists the AI
 * gateway's actions as tools and calls list-ai-apis; the actions run with the caller's credentials, so a service
 * principal may not request access, while a user's request is made in that user's name.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CHAT_REF,
  STATIC_TOKEN as TOKEN,
  startMcpTestBackend,
} from './__testUtils__/mcpTestBackend';

jest.setTimeout(180_000);

describe('MCP actions backend (official MCP SDK client, static token)', () => {
  let env: Awaited<ReturnType<typeof startMcpTestBackend>>;
  const connect = (token?: string) => env.connect(token);

  beforeAll(async () => {
    env = await startMcpTestBackend({ realAuth: true });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('refuses a client without a token, or with a wrong one', async () => {
    await expect(connect()).rejects.toThrow(/401|Unauthorized|auth/i);
    await expect(connect('not-the-token')).rejects.toThrow(
      /401|Unauthorized|auth/i,
    );
  });

  it('lists the AI gateway actions as tools and calls list-ai-apis', async () => {
    const client = await connect(TOKEN);
    try {
      const { tools } = await client.listTools();
      expect(tools.map(t => t.name).sort()).toEqual([
        'ai-gateway.describe-ai-api',
        'ai-gateway.list-ai-apis',
        'ai-gateway.list-my-ai-grants',
        'ai-gateway.request-ai-access',
      ]);
      const list = tools.find(t => t.name === 'ai-gateway.list-ai-apis')!;
      expect(list.annotations?.readOnlyHint).toBe(true);
      expect(list.description).toMatch(/models .*tools/);
      expect(list.inputSchema.properties).toHaveProperty('type');

      // the plugin's caches list the cluster right after start; the route's models are known once they have
      const callList = async () => {
        const result = await client.callTool({
          name: 'ai-gateway.list-ai-apis',
          arguments: { type: 'llm' },
        });
        const output = result.structuredContent as {
          apis: Array<{ apiRef: string; offers: { models: string[] } }>;
        };
        return { result, output };
      };
      let answer = await callList();
      const end = Date.now() + 60_000;
      while (
        !answer.output?.apis[0]?.offers.models.length &&
        Date.now() < end
      ) {
        await new Promise(r => setTimeout(r, 500));
        answer = await callList();
      }
      const { result, output } = answer;
      expect(result.isError).toBeFalsy();
      expect(output.apis.map(a => a.apiRef)).toEqual([CHAT_REF]);
      expect(output.apis[0].offers.models.length).toBeGreaterThan(0);
      // the text content a client shows the model carries the same JSON
      const [content] = result.content as Array<{ text: string }>;
      expect(JSON.parse(content.text)).toEqual(output);
    } finally {
      await client.close();
    }
  });

  it('runs the actions as the caller: a service token cannot request access for a consumer', async () => {
    const client = await connect(TOKEN);
    try {
      const result = await client.callTool({
        name: 'ai-gateway.request-ai-access',
        arguments: {
          apiRef: CHAT_REF,
          consumerRef: 'component:default/support-assistant',
          models: ['gpt-4.1-mini'],
          reason: 'test',
        },
      });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(
        /NotAllowedError: .*needs a user/,
      );
    } finally {
      await client.close();
    }
  });
});

describe('MCP actions backend (a user token)', () => {
  let env: Awaited<ReturnType<typeof startMcpTestBackend>>;

  beforeAll(async () => {
    env = await startMcpTestBackend({ realAuth: false });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it("request-ai-access through MCP is made in the calling user's name", async () => {
    const client = await env.connect(
      mockCredentials.user.token('user:default/guest'),
    );
    try {
      // the route's models are known once the plugin's caches have listed the cluster
      const describe = () =>
        client.callTool({
          name: 'ai-gateway.describe-ai-api',
          arguments: { apiRef: CHAT_REF },
        });
      let described = await describe();
      const end = Date.now() + 60_000;
      const models = () =>
        (described.structuredContent as { offers?: { models: string[] } })
          ?.offers?.models ?? [];
      while (!models().length && Date.now() < end) {
        await new Promise(r => setTimeout(r, 500));
        described = await describe();
      }
      expect(models().length).toBeGreaterThan(0);

      const result = await client.callTool({
        name: 'ai-gateway.request-ai-access',
        arguments: {
          apiRef: CHAT_REF,
          consumerRef: 'component:default/support-assistant',
          models: models().slice(0, 1),
          reason: 'the support agent drafts replies',
        },
      });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({
        request: {
          requestedBy: 'user:default/guest',
          consumerRef: 'component:default/support-assistant',
          state: 'pending',
        },
      });
    } finally {
      await client.close();
    }
  });
});
