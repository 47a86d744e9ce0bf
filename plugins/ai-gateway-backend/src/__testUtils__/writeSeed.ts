/*
 * Extra objects for the write tests, on top of `seed`: namespaces with labels (allowedRoutes selectors), a
 * Gateway admitting routes only from labelled namespaces, one admitting only its own namespace, and a
 * ReferenceGrant letting team-support's routes use team-search's `shared-llm` backend.
 */
import { Entity } from '@backstage/catalog-model';
import { entities, seed } from './seed';

const GW = 'gateway.networking.k8s.io';
const AGW = 'agentgateway.dev';

export const writeSeed: object[] = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'team-support',
      labels: { 'ai-gateway/routes': 'allowed' },
    },
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-search' } },
  ...seed,
  {
    apiVersion: `${GW}/v1`,
    kind: 'Gateway',
    metadata: { name: 'selective-gw', namespace: 'agentgateway-system' },
    spec: {
      gatewayClassName: 'agentgateway',
      listeners: [
        {
          name: 'http',
          protocol: 'HTTP',
          port: 81,
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: { matchLabels: { 'ai-gateway/routes': 'allowed' } },
            },
          },
        },
      ],
    },
  },
  {
    apiVersion: `${AGW}/v1alpha1`,
    kind: 'AgentgatewayBackend',
    metadata: {
      name: 'shared-llm',
      namespace: 'team-search',
      labels: { 'backstage.io/kubernetes-id': 'search-bot' },
    },
    spec: { ai: { provider: { openai: { model: 'gpt-4o' } } } },
  },
  {
    apiVersion: `${GW}/v1beta1`,
    kind: 'ReferenceGrant',
    metadata: {
      name: 'support-may-use-shared-llm',
      namespace: 'team-search',
      labels: { 'backstage.io/kubernetes-id': 'search-bot' },
    },
    spec: {
      from: [{ group: GW, kind: 'HTTPRoute', namespace: 'team-support' }],
      to: [{ group: AGW, kind: 'AgentgatewayBackend', name: 'shared-llm' }],
    },
  },
];

const component = (
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/team-support',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

/** support-bot is owned by team-support; two entities claim the `shared` objects of team-shared. */
export const writeEntities: Entity[] = [
  ...entities.filter(e => e.metadata.name !== 'support-bot'),
  component('support-bot', {
    'backstage.io/kubernetes-id': 'support-bot',
    'backstage.io/kubernetes-namespace': 'team-support',
  }),
  component('twin-a', {
    'backstage.io/kubernetes-label-selector': 'app=shared',
    'backstage.io/kubernetes-namespace': 'team-shared',
  }),
  component(
    'twin-b',
    {
      'backstage.io/kubernetes-label-selector': 'app=shared,tier=x',
      'backstage.io/kubernetes-namespace': 'team-shared',
    },
    'group:default/team-other',
  ),
  component('set-only', {
    'backstage.io/kubernetes-label-selector': 'app in (a,b)',
    'backstage.io/kubernetes-namespace': 'team-support',
  }),
];
