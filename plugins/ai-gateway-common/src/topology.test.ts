import {
  ClusterMetrics,
  GEN_AI_SYSTEM_BY_PROVIDER,
  METRICS_WINDOWS,
  METRICS_WINDOW_SECONDS,
  clustersWithMetrics,
  clustersWithoutMetrics,
  isMetricsWindow,
} from './topology';
import { AI_PROVIDERS } from './summaries/backend';

describe('topology API types', () => {
  it('accepts only the fixed metrics windows', () => {
    expect(METRICS_WINDOWS.filter(isMetricsWindow)).toEqual([
      '5m',
      '1h',
      '24h',
    ]);
    for (const bad of ['7d', '5M', '', undefined, 5, 'rate(x[5m])'])
      expect(isMetricsWindow(bad)).toBe(false);
    expect(METRICS_WINDOW_SECONDS).toEqual({
      '5m': 300,
      '1h': 3600,
      '24h': 86400,
    });
    // the list is every window of the contract's enum (the record's keys are, by its type)
    expect([...METRICS_WINDOWS]).toEqual(Object.keys(METRICS_WINDOW_SECONDS));
  });

  it("splits an answer's clusters into those with numbers and those without", () => {
    const metrics: ClusterMetrics[] = [
      {
        cluster: 'a',
        available: true,
        source: 'prometheus',
        collectedAt: '2026-01-01T12:03:10.000Z',
      },
      { cluster: 'b', available: false, reason: 'No metrics source' },
    ];
    expect(clustersWithMetrics(metrics).map(m => m.source)).toEqual([
      'prometheus',
    ]);
    expect(clustersWithoutMetrics(metrics).map(m => m.reason)).toEqual([
      'No metrics source',
    ]);
  });

  it("maps every provider of the registry to agentgateway's gen_ai_system", () => {
    for (const p of AI_PROVIDERS)
      expect(GEN_AI_SYSTEM_BY_PROVIDER[p]).toBeDefined();
    expect(GEN_AI_SYSTEM_BY_PROVIDER.bedrock).toBe('aws.bedrock');
    expect(GEN_AI_SYSTEM_BY_PROVIDER.vertexai).toBe('gcp.vertex_ai');
  });
});
