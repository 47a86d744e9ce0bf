/*
 * Fixture objects for tests and the dev page.
 * Specs: DATA from /work/shared/agentgateway/examples/curated (gateway.yaml, ai-openai.yaml,
 * ai-anthropic.yaml, httproute-to-agentgatewaybackend.yaml, policy-ratelimit-local.yaml), which were curated
 * from agentgateway/website @ 855a0c1. Status blocks: shapes and reasons from
 * /work/shared/agentgateway/reference/status.md (controller golden tests, agentgateway @ 75b4e6c).
 */
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';

const NS = 'agentgateway-system';
const CREATED = '2026-01-01T00:00:00Z';
const owned = { 'backstage.io/kubernetes-id': 'chat-service' };

export const gatewayClass: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  metadata: { name: 'agentgateway', uid: 'gc-1', creationTimestamp: CREATED },
  spec: { controllerName: 'agentgateway.dev/agentgateway' },
  status: {
    conditions: [
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' },
    ],
  },
};

export const gateway: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: {
    name: 'agentgateway-proxy',
    namespace: NS,
    uid: 'gw-1',
    creationTimestamp: CREATED,
  },
  spec: {
    gatewayClassName: 'agentgateway',
    listeners: [
      {
        protocol: 'HTTP',
        port: 80,
        name: 'http',
        allowedRoutes: { namespaces: { from: 'All' } },
      },
    ],
  },
  status: {
    addresses: [{ type: 'IPAddress', value: '10.0.0.10' }],
    conditions: [
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' },
      {
        type: 'Programmed',
        status: 'True',
        reason: 'Programmed',
        message: 'Successfully programmed Gateway',
      },
    ],
    listeners: [
      { name: 'http', attachedRoutes: 2, supportedKinds: [], conditions: [] },
    ],
  },
};

export const parameters: KubeObject = {
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayParameters',
  metadata: {
    name: 'proxy-params',
    namespace: NS,
    uid: 'p-1',
    creationTimestamp: CREATED,
  },
  spec: {
    image: {
      registry: 'cr.agentgateway.dev',
      repository: 'agentgateway',
      tag: 'v1.4.1',
    },
    resources: {},
  },
};

export const openaiBackend: KubeObject = {
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
  metadata: {
    name: 'openai',
    namespace: NS,
    uid: 'b-1',
    creationTimestamp: CREATED,
    labels: owned,
  },
  spec: {
    ai: { provider: { openai: { model: 'gpt-4o-mini' } } },
    policies: { auth: { secretRef: { name: 'openai-secret' } } },
  },
  status: {
    conditions: [
      {
        type: 'Accepted',
        status: 'True',
        reason: 'Accepted',
        message: 'Backend successfully accepted',
      },
    ],
  },
};

export const anthropicBackend: KubeObject = {
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
  metadata: {
    name: 'anthropic',
    namespace: NS,
    uid: 'b-2',
    creationTimestamp: CREATED,
    labels: owned,
  },
  spec: {
    ai: { provider: { anthropic: { model: 'claude-sonnet-4-5' } } },
    policies: { auth: { secretRef: { name: 'anthropic-secret' } } },
  },
  status: {
    conditions: [
      {
        type: 'Accepted',
        status: 'False',
        reason: 'TranslationError',
        message:
          'failed to translate backend: secret agentgateway-system/anthropic-secret missing Authorization value',
      },
    ],
  },
};

export const route: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: {
    name: 'openai',
    namespace: NS,
    uid: 'r-1',
    creationTimestamp: CREATED,
    labels: owned,
  },
  spec: {
    parentRefs: [{ name: 'agentgateway-proxy', namespace: NS }],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/openai' } }],
        backendRefs: [
          {
            name: 'openai',
            namespace: NS,
            group: 'agentgateway.dev',
            kind: 'AgentgatewayBackend',
          },
        ],
      },
    ],
  },
  status: {
    parents: [
      {
        parentRef: {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'agentgateway-proxy',
          namespace: NS,
        },
        controllerName: 'agentgateway.dev/agentgateway',
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' },
          {
            type: 'ResolvedRefs',
            status: 'False',
            reason: 'BackendNotFound',
            message: 'backend openai not found',
          },
        ],
      },
    ],
  },
};

export const policy: KubeObject = {
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayPolicy',
  metadata: {
    name: 'llm-combined-limit',
    namespace: NS,
    uid: 'pol-1',
    creationTimestamp: CREATED,
    labels: owned,
  },
  spec: {
    targetRefs: [
      { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'openai' },
    ],
    traffic: {
      rateLimit: {
        local: [
          { requests: 10, unit: 'Minutes', burst: 5 },
          { tokens: 1000, unit: 'Minutes' },
        ],
      },
    },
  },
};

/** `count` backends named `backend-000`... for virtualization tests. */
export function manyBackends(count: number): KubeObject[] {
  return Array.from({ length: count }, (_, i) => ({
    ...openaiBackend,
    metadata: {
      ...openaiBackend.metadata,
      name: `backend-${String(i).padStart(3, '0')}`,
      uid: `many-${i}`,
    },
  }));
}
