/*
 * A small cluster for the integration tests: one shared platform gateway, two teams.
 * Shapes follow the curated upstream examples (shared/agentgateway/examples/curated: gateway.yaml,
 * ai-openai.yaml, policy-ratelimit-local.yaml) and the status shapes in reference/status.md.
 */
import { Entity } from '@backstage/catalog-model';

const GW = 'gateway.networking.k8s.io';
const AGW = 'agentgateway.dev';
const t = '2026-01-01T00:00:00Z';
const ok = (type: string, reason = type) => ({
  type,
  status: 'True',
  reason,
  message: '',
  lastTransitionTime: t,
});
const id = (value: string) => ({ 'backstage.io/kubernetes-id': value });

/** A secret value that must never appear in a response or in the cache. */
export const SECRET_VALUE = 'sk-test-never-leaves-the-cluster';

export const seed: object[] = [
  {
    apiVersion: `${GW}/v1`,
    kind: 'GatewayClass',
    metadata: { name: 'agentgateway' },
    spec: { controllerName: 'agentgateway.dev/agentgateway' },
    status: { conditions: [ok('Accepted')] },
  },
  {
    apiVersion: `${AGW}/v1alpha1`,
    kind: 'AgentgatewayParameters',
    metadata: { name: 'default-params', namespace: 'agentgateway-system' },
    spec: {},
  },
  {
    apiVersion: `${GW}/v1`,
    kind: 'Gateway',
    metadata: {
      name: 'ai-gw',
      namespace: 'agentgateway-system',
      labels: id('ai-gateway-platform'),
    },
    spec: {
      gatewayClassName: 'agentgateway',
      listeners: [
        {
          name: 'http',
          protocol: 'HTTP',
          port: 80,
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
    status: { conditions: [ok('Accepted'), ok('Programmed')] },
  },
  {
    apiVersion: `${GW}/v1`,
    kind: 'Gateway',
    metadata: { name: 'search-gw', namespace: 'agentgateway-system' },
    spec: {
      gatewayClassName: 'agentgateway',
      listeners: [{ name: 'http', protocol: 'HTTP', port: 8080 }],
    },
  },
  {
    apiVersion: `${GW}/v1`,
    kind: 'Gateway',
    metadata: {
      name: 'support-gw',
      namespace: 'team-support',
      labels: id('support-bot'),
    },
    spec: {
      gatewayClassName: 'agentgateway',
      listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'openai-secret',
      namespace: 'team-support',
      labels: id('support-bot'),
    },
    type: 'Opaque',
    stringData: { Authorization: SECRET_VALUE },
  },
  {
    apiVersion: `${AGW}/v1alpha1`,
    kind: 'AgentgatewayBackend',
    metadata: {
      name: 'openai',
      namespace: 'team-support',
      labels: id('support-bot'),
    },
    spec: {
      ai: { provider: { openai: { model: 'gpt-4o-mini' } } },
      policies: { auth: { secretRef: { name: 'openai-secret' } } },
    },
    status: {
      conditions: [
        { ...ok('Accepted'), message: 'Backend successfully accepted' },
      ],
    },
  },
  {
    apiVersion: `${GW}/v1`,
    kind: 'HTTPRoute',
    metadata: {
      name: 'support-chat',
      namespace: 'team-support',
      labels: id('support-bot'),
    },
    spec: {
      parentRefs: [{ name: 'ai-gw', namespace: 'agentgateway-system' }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/support' } }],
          backendRefs: [
            { name: 'openai', group: AGW, kind: 'AgentgatewayBackend' },
          ],
        },
      ],
    },
    status: {
      parents: [
        {
          parentRef: {
            group: GW,
            kind: 'Gateway',
            name: 'ai-gw',
            namespace: 'agentgateway-system',
          },
          controllerName: 'agentgateway.dev/agentgateway',
          conditions: [ok('Accepted'), ok('ResolvedRefs')],
        },
      ],
    },
  },
  {
    apiVersion: `${AGW}/v1alpha1`,
    kind: 'AgentgatewayPolicy',
    metadata: {
      name: 'support-rate-limit',
      namespace: 'team-support',
      labels: id('support-bot'),
    },
    spec: {
      targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'support-chat' }],
      traffic: {
        rateLimit: { local: [{ requests: 10, unit: 'Minutes', burst: 5 }] },
      },
    },
    status: {
      ancestors: [
        {
          ancestorRef: {
            group: GW,
            kind: 'Gateway',
            name: 'ai-gw',
            namespace: 'agentgateway-system',
          },
          controllerName: 'agentgateway.dev/agentgateway',
          conditions: [ok('Accepted', 'Valid'), ok('Attached')],
        },
      ],
    },
  },
  // carries support-bot's label but lives outside its namespace: must not be selected
  {
    apiVersion: `${GW}/v1`,
    kind: 'HTTPRoute',
    metadata: {
      name: 'stray',
      namespace: 'team-search',
      labels: id('support-bot'),
    },
    spec: {
      parentRefs: [{ name: 'search-gw', namespace: 'agentgateway-system' }],
    },
  },
  {
    apiVersion: `${AGW}/v1alpha1`,
    kind: 'AgentgatewayBackend',
    metadata: {
      name: 'anthropic',
      namespace: 'team-search',
      labels: id('search-bot'),
    },
    spec: { ai: { provider: { anthropic: { model: 'claude-sonnet-4' } } } },
  },
  {
    apiVersion: `${GW}/v1`,
    kind: 'HTTPRoute',
    metadata: {
      name: 'search',
      namespace: 'team-search',
      labels: id('search-bot'),
    },
    spec: {
      parentRefs: [{ name: 'search-gw', namespace: 'agentgateway-system' }],
      rules: [
        {
          backendRefs: [
            { name: 'anthropic', group: AGW, kind: 'AgentgatewayBackend' },
          ],
        },
      ],
    },
  },
];

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team',
  },
});

export const entities: Entity[] = [
  component('support-bot', {
    'backstage.io/kubernetes-id': 'support-bot',
    'backstage.io/kubernetes-namespace': 'team-support',
  }),
  component('search-bot', {
    'backstage.io/kubernetes-label-selector':
      'backstage.io/kubernetes-id in (search-bot)',
  }),
  component('no-annotations', {}),
];
