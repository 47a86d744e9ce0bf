/*
 * An MCP client (the official SDK) against a started backend with the MCP actions backend and the AI gateway
 * plugin reading kube-local seeded with the demo cluster: it authenticates with a static token
 * (backend.auth.externalAccess, the real auth services), lists the AI gateway's actions as tools and calls
 * list-ai-apis. The access actions run with the caller's credentials: the static token is a service principal,
 * which owns no consumer, so requesting access is refused.
 */
import { resolve } from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  KubeLocal,
  loadManifests,
  startKubeLocal,
} from '@ai-gateway-backstage/kube-local';
import aiGatewayPlugin from '@ai-gateway-backstage/plugin-ai-gateway-backend';
import { apiEntity } from '@ai-gateway-backstage/plugin-catalog-backend-module-ai-gateway';
import type { DiscoveredApi } from '@ai-gateway-backstage/plugin-ai-gateway-common';

const ROOT = resolve(__dirname, '../../..');
const TOKEN = 'mcp-test-static-token-0123456789abcdef';
const auth = {
  kind: 'api-key' as const,
  header: 'Authorization',
  scheme: 'Bearer ',
};
/** The API entity the catalog module emits for the demo route team-support/support-chat (its offers are live). */
const chat: DiscoveredApi = {
  name: 'team-support.support-chat',
  title: 'support-chat',
  description: 'Chat completions of the support team',
  type: 'llm',
  lifecycle: 'production',
  source: {
    cluster: 'local',
    kind: 'HTTPRoute',
    namespace: 'team-support',
    name: 'support-chat',
  },
  ownership: { owner: 'group:default/team-support', unowned: false },
  baseUrl: 'https://ai.example.com',
  url: 'https://ai.example.com/support/chat',
  auth,
  searchTerms: [],
  tags: ['llm'],
  dependsOn: [],
  gateways: ['agentgateway-system/ai-gateway'],
  definition: {
    openapi: '3.0.3',
    info: { title: 'support-chat', version: '1.0.0' },
    servers: [{ url: 'https://ai.example.com' }],
    paths: {},
    'x-ai-gateway': {
      baseUrl: 'https://ai.example.com',
      endpoints: [],
      models: [],
      providers: [],
      auth,
      policies: [],
    },
  },
};
const CHAT_REF = 'api:default/team-support.support-chat';

jest.setTimeout(180_000);

describe('MCP actions backend (official MCP SDK client, static token)', () => {
  let kube: KubeLocal;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let url: URL;

  beforeAll(async () => {
    kube = await startKubeLocal({
      port: 0,
      seedFiles: [resolve(ROOT, 'examples/cluster')],
    });
    const entities = [
      ...(loadManifests([
        resolve(ROOT, 'examples/catalog'),
      ]) as unknown as Entity[]),
      apiEntity(chat),
    ];
    backend = await startTestBackend({
      features: [
        aiGatewayPlugin,
        mcpActionsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        // the real token handling, so the static token of backend.auth.externalAccess is what authenticates
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              actions: { pluginSources: ['ai-gateway'] },
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKEN, subject: 'mcp-clients' },
                  },
                ],
              },
            },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'local',
                      url: kube.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: kube.adminToken,
                    },
                  ],
                },
              ],
            },
            aiGateway: {
              cache: { initialBackoffMs: 100, maxBackoffMs: 500 },
              mcp: { enabled: false },
              gateways: [
                {
                  gateway: 'agentgateway-system/ai-gateway',
                  url: 'https://ai.example.com',
                },
              ],
            },
          },
        }),
      ],
    });
    url = new URL(
      `http://localhost:${backend.server.port()}/api/mcp-actions/v1`,
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await kube?.close();
  });

  async function connect(token?: string) {
    const client = new Client({ name: 'ai-gateway-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(url, {
        requestInit: token
          ? { headers: { Authorization: `Bearer ${token}` } }
          : {},
      }),
    );
    return client;
  }

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
