import {
  KubeObject,
  MetricsSnapshot,
  RequestRate,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { demoObjects } from '../../metrics/__testUtils__/simulator';
import { TopologyObject, TopologyScope } from '../scope';

export const CLUSTER = 'dev';

export function demoTopologyObjects(): TopologyObject[] {
  return demoObjects().map(object => ({ cluster: CLUSTER, object }));
}

const req = (
  gateway: string,
  listener: string,
  route: string,
  backend: string,
  status: string,
  reason: string,
  rps: number,
): RequestRate => ({
  gateway,
  listener,
  route,
  backend,
  status,
  reason,
  rps,
});

/** A hand-made snapshot of the demo cluster, so expected numbers are obvious. */
export function demoSnapshot(): MetricsSnapshot {
  return {
    available: true,
    source: 'prometheus',
    window: '5m',
    collectedAt: '2026-01-01T00:00:00.000Z',
    requests: [
      req(
        'platform/ai-gateway',
        'http',
        'team-a/chat',
        'team-a/openai',
        '200',
        'Upstream',
        8,
      ),
      req(
        'platform/ai-gateway',
        'http',
        'team-a/chat',
        'team-a/openai',
        '429',
        'RateLimit',
        1,
      ),
      req(
        'platform/ai-gateway',
        'http',
        'team-a/chat',
        'team-a/llm-failover',
        '200',
        'Upstream',
        1,
      ),
      req(
        'platform/ai-gateway',
        'http',
        'team-b/httpbin',
        'team-b/httpbin',
        '200',
        'Upstream',
        30,
      ),
      req(
        'platform/ai-gateway',
        'http',
        'team-b/httpbin',
        'team-b/httpbin',
        '503',
        'UpstreamFailure',
        10,
      ),
      req(
        'platform/mcp-gateway',
        'mcp',
        'team-b/mcp',
        'team-b/tools',
        '200',
        'Upstream',
        3,
      ),
      req(
        'platform/mcp-gateway',
        'mcp',
        'team-b/mcp',
        'unknown',
        '401',
        'JwtAuth',
        1,
      ),
    ],
    latency: [
      {
        gateway: 'platform/ai-gateway',
        route: 'team-a/chat',
        backend: 'team-a/openai',
        p50: 0.8,
        p95: 2,
      },
      {
        gateway: 'platform/ai-gateway',
        route: 'team-a/chat',
        backend: 'team-a/llm-failover',
        p50: 1,
        p95: 3,
      },
      {
        gateway: 'platform/ai-gateway',
        route: 'team-b/httpbin',
        backend: 'team-b/httpbin',
        p50: 0.02,
        p95: 0.1,
      },
    ],
    tokens: [
      {
        gateway: 'platform/ai-gateway',
        route: 'team-a/chat',
        system: 'openai',
        model: 'gpt-4o-mini',
        type: 'input',
        perMinute: 4000,
      },
      {
        gateway: 'platform/ai-gateway',
        route: 'team-a/chat',
        system: 'openai',
        model: 'gpt-4o-mini',
        type: 'output',
        perMinute: 1000,
      },
      {
        gateway: 'platform/ai-gateway',
        route: 'team-a/chat',
        system: 'anthropic',
        model: 'claude-sonnet-4-5',
        type: 'input',
        perMinute: 500,
      },
    ],
    cost: [
      {
        gateway: 'platform/ai-gateway',
        route: 'team-a/chat',
        system: 'openai',
        model: 'gpt-4o-mini',
        usdPerHour: 0.5,
      },
    ],
    mcp: [
      {
        gateway: 'platform/mcp-gateway',
        route: 'team-b/mcp',
        server: 'sse-target',
        resource: 'fetch',
        method: 'tools/call',
        perMinute: 60,
      },
      {
        gateway: 'platform/mcp-gateway',
        route: 'team-b/mcp',
        server: 'sse-target',
        resource: 'search',
        method: 'tools/call',
        perMinute: 30,
      },
      {
        gateway: 'platform/mcp-gateway',
        route: 'team-b/mcp',
        server: 'unknown',
        resource: 'unknown',
        method: 'tools/list',
        perMinute: 12,
      },
    ],
  };
}

/** The entity that owns the objects labelled `backstage.io/kubernetes-id: <id>`. */
export function entityScope(id: string): TopologyScope {
  return {
    type: 'entity',
    entityRef: `component:default/${id}`,
    owns: (_cluster: string, obj: KubeObject) =>
      obj.metadata.labels?.['backstage.io/kubernetes-id'] === id,
  };
}
