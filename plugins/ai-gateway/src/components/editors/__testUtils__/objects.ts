import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

export const gateway: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'ai-gw', namespace: 'platform', resourceVersion: '1' },
  spec: {
    gatewayClassName: 'agentgateway',
    listeners: [
      {
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        allowedRoutes: { namespaces: { from: 'All' } },
      },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        allowedRoutes: { namespaces: { from: 'All' } },
      },
    ],
  },
};

export const backend = (
  name: string,
  spec: any = { ai: { provider: { openai: { model: 'gpt-4.1' } } } },
): KubeObject => ({
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
  metadata: { name, namespace: 'default', resourceVersion: '7' },
  spec,
});

export const route = (name: string, backendName: string): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'default', resourceVersion: '9' },
  spec: {
    parentRefs: [{ name: 'ai-gw', namespace: 'platform' }],
    rules: [
      {
        backendRefs: [
          {
            group: 'agentgateway.dev',
            kind: 'AgentgatewayBackend',
            name: backendName,
          },
        ],
      },
    ],
  },
});
