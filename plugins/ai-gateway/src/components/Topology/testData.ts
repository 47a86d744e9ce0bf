import { TopologyResponse } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** A small topology as the backend answers it: gateway → listener → route → backend → LLM target, plus a policy. */
export function topologyFixture(): TopologyResponse {
  return {
    window: '5m',
    generatedAt: '2026-01-01T12:00:00.000Z',
    scope: { type: 'entity', entityRef: 'component:default/chat-service' },
    metrics: [{ cluster: 'dev', available: true, source: 'prometheus' }],
    nodes: [
      { id: 'gw', type: 'gateway', label: 'platform/ai-gateway', cluster: 'dev', ref: { kind: 'Gateway', namespace: 'platform', name: 'ai-gateway' }, relation: 'attached', status: 'ok', details: { class: 'agentgateway' }, metrics: { available: true, rps: 10, errorRate: 0.1, errors: [{ status: '429', reason: 'RateLimit', rps: 1 }] } },
      { id: 'gw#http', type: 'listener', label: 'http HTTP/80', cluster: 'dev', relation: 'attached', status: 'unknown', details: {}, metrics: { available: true, rps: 10, errorRate: 0.1, errors: [] } },
      { id: 'chat', type: 'route', label: 'team-a/chat', cluster: 'dev', ref: { kind: 'HTTPRoute', namespace: 'team-a', name: 'chat' }, relation: 'owned', status: 'ok', details: { hostnames: [], matches: ['/openai'] }, metrics: { available: true, rps: 10, errorRate: 0.1, errors: [{ status: '429', reason: 'RateLimit', rps: 1 }], p50Ms: 800, p95Ms: 2000 } },
      { id: 'openai', type: 'backend', label: 'team-a/openai', cluster: 'dev', ref: { kind: 'AgentgatewayBackend', namespace: 'team-a', name: 'openai' }, relation: 'owned', status: 'error', statusMessage: 'Accepted: Invalid - bad secret', details: { type: 'LLM', provider: ['openai'] }, metrics: { available: true, rps: 9, errorRate: 0.11, errors: [] } },
      { id: 'openai#llm0', type: 'target', label: 'openai gpt-4o-mini', cluster: 'dev', relation: 'owned', status: 'error', details: { kind: 'LLM', model: 'gpt-4o-mini' }, metrics: { available: true, tokensInPerMinute: 4000, tokensOutPerMinute: 1000, costUsdPerHour: 0.5 } },
      { id: 'pol', type: 'policy', label: 'team-a/chat-rate-limit', cluster: 'dev', ref: { kind: 'AgentgatewayPolicy', namespace: 'team-a', name: 'chat-rate-limit' }, relation: 'owned', status: 'unknown', details: { sections: ['traffic.rateLimit'] }, metrics: { available: false, reason: 'Policies carry no traffic of their own' } },
    ],
    edges: [
      { id: 'gw->gw#http', source: 'gw', target: 'gw#http', type: 'listener', rps: 10, errorRate: 0.1 },
      { id: 'gw#http->chat', source: 'gw#http', target: 'chat', type: 'route', rps: 10, errorRate: 0.1 },
      { id: 'chat->openai', source: 'chat', target: 'openai', type: 'backend', rps: 9, errorRate: 0.11, p95Ms: 2000 },
      { id: 'openai->openai#llm0', source: 'openai', target: 'openai#llm0', type: 'target', perMinute: 5000 },
      { id: 'pol->chat', source: 'pol', target: 'chat', type: 'policy' },
    ],
  };
}
