import { resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import {
  loadManifests,
  startKubeLocal,
} from '@ai-gateway-backstage/kube-local';
// the real AI Gateway backend plugin is what the actions call over HTTP
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiGatewayPlugin from '@ai-gateway-backstage/plugin-ai-gateway-backend';
import { AI_GATEWAY_API_ANNOTATIONS as A } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AiGatewayCaller, createAiGatewayCaller } from '../client';

/** The API entity the catalog module emits for the demo route team-support/support-chat (offers are live). */
export const CHAT_API = 'api:default/team-support.support-chat';
const chatApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'team-support.support-chat',
    namespace: 'default',
    annotations: {
      [A.cluster]: 'local',
      [A.source]: 'HTTPRoute:team-support/support-chat',
      [A.baseUrl]: 'https://ai.example.com',
      [A.auth]: 'api-key',
      [A.authHeader]: 'Authorization',
      [A.authScheme]: 'Bearer ',
    },
  },
  spec: {
    type: 'llm',
    lifecycle: 'production',
    owner: 'group:default/team-support',
    definition: '{}',
  },
};

const ROOT = resolve(__dirname, '../../../..');

/**
 * kube-local seeded with the demo cluster (examples/cluster) and the real AI Gateway backend plugin reading it in a
 * test backend, with the demo catalog (examples/catalog). `caller` reaches that backend the way the module does
 * (discovery + a plugin token on behalf of the user).
 */
export async function startAiGateway(extraConfig: JsonObject = {}) {
  const kube = await startKubeLocal({
    port: 0,
    seedFiles: [resolve(ROOT, 'examples/cluster')],
  });
  const entities = [
    ...(loadManifests([
      resolve(ROOT, 'examples/catalog'),
    ]) as unknown as Entity[]),
    chatApi,
  ];
  const backend = await startTestBackend({
    features: [
      aiGatewayPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
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
                    skipTLSVerify: true,
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
            ...extraConfig,
          },
        },
      }),
    ],
  });
  const port = backend.server.port();
  const baseUrl = async (pluginId: string) =>
    `http://localhost:${port}/api/${pluginId}`;
  const caller: AiGatewayCaller = createAiGatewayCaller({
    discovery: { getBaseUrl: baseUrl, getExternalBaseUrl: baseUrl },
    auth: mockServices.auth({ pluginId: 'scaffolder' }),
  });
  return {
    kube,
    backend,
    caller,
    /** GET of a Kubernetes object in kube-local (as the admin), or undefined when it does not exist. */
    async kubeGet(path: string): Promise<JsonObject | undefined> {
      const res = await fetch(`${kube.url}${path}`, {
        headers: { Authorization: `Bearer ${kube.adminToken}` },
      });
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return (await res.json()) as JsonObject;
    },
    async close() {
      await backend.stop();
      await kube.close();
    },
  };
}

/** A scaffolder action context run by `userRef` (what `ctx.getInitiatorCredentials()` returns). */
export function actionContext<TInput extends JsonObject>(
  input: TInput,
  options: { userRef: string; isDryRun?: boolean },
): ActionContext<TInput, JsonObject> & { output: jest.Mock } {
  const base = createMockActionContext<TInput, JsonObject>({ input });
  return {
    ...base,
    output: jest.fn(),
    isDryRun: options.isDryRun,
    getInitiatorCredentials: async () => mockCredentials.user(options.userRef),
  };
}
