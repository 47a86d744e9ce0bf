/*
 * A started test backend for the MCP tests: the MCP actions backend and the AI gateway plugin reading kube-local
 * seeded with the demo cluster, the demo catalog plus the API entity of the demo route team-support/support-chat.
 * `realAuth`: Backstage's real token handling with a static token (backend.auth.externalAccess); otherwise the test
 * backend's mock auth, which accepts `mockCredentials.user.token(...)` as a user.
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
  loadManifests,
  startKubeLocal,
} from '@ai-gateway-backstage/kube-local';
import aiGatewayPlugin from '@ai-gateway-backstage/plugin-ai-gateway-backend';
import { apiEntity } from '@ai-gateway-backstage/plugin-catalog-backend-module-ai-gateway';
import type { DiscoveredApi } from '@ai-gateway-backstage/plugin-ai-gateway-common';

const ROOT = resolve(__dirname, '../../../..');
export const STATIC_TOKEN = 'mcp-test-static-token-0123456789abcdef';

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
export const CHAT_REF = 'api:default/team-support.support-chat';

export async function startMcpTestBackend(options: { realAuth: boolean }) {
  const kube = await startKubeLocal({
    port: 0,
    seedFiles: [resolve(ROOT, 'examples/cluster')],
  });
  const entities = [
    ...(loadManifests([
      resolve(ROOT, 'examples/catalog'),
    ]) as unknown as Entity[]),
    apiEntity(chat),
  ];
  const backend = await startTestBackend({
    features: [
      aiGatewayPlugin,
      mcpActionsPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ...(options.realAuth ? [authServiceFactory, httpAuthServiceFactory] : []),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            actions: { pluginSources: ['ai-gateway'] },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: STATIC_TOKEN, subject: 'mcp-clients' },
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
  const url = new URL(
    `http://localhost:${backend.server.port()}/api/mcp-actions/v1`,
  );
  return {
    /** An MCP client (the official SDK, streamable HTTP) connected with `token`. */
    async connect(token?: string) {
      const client = new Client({ name: 'ai-gateway-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(url, {
          requestInit: token
            ? { headers: { Authorization: `Bearer ${token}` } }
            : {},
        }),
      );
      return client;
    },
    async stop() {
      await backend.stop();
      await kube.close();
    },
  };
}
