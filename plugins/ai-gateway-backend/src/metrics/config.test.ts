import { ConfigReader } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import { MetricsService } from './config';

const kc = new KubeConfig();
kc.loadFromOptions({
  clusters: [{ name: 'c', server: 'http://127.0.0.1:1' }],
  users: [{ name: 'u' }],
  contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
  currentContext: 'c',
});

describe('MetricsService.fromConfig', () => {
  it('picks the cluster Prometheus, then the global one, then the pod proxy', () => {
    const service = MetricsService.fromConfig(
      new ConfigReader({
        aiGateway: {
          metrics: {
            prometheus: {
              url: 'http://global:9090',
              headers: { Authorization: 'Bearer t' },
            },
            clusters: {
              prod: {
                prometheus: {
                  url: 'http://prod:9090',
                  matchers: 'cluster="prod"',
                },
              },
            },
          },
        },
      }),
      [{ name: 'prod' }, { name: 'dev', kubeConfig: kc }],
    );
    expect(service.source('prod')?.kind).toBe('prometheus');
    expect(service.source('dev')?.kind).toBe('prometheus');
    const podProxy = MetricsService.fromConfig(new ConfigReader({}), [
      { name: 'dev', kubeConfig: kc },
      { name: 'nokube' },
    ]);
    expect(podProxy.source('dev')?.kind).toBe('pod-proxy');
    expect(podProxy.source('nokube')).toBeUndefined();
    const viaUrl = MetricsService.fromConfig(
      new ConfigReader({
        aiGateway: {
          metrics: { podProxy: { apiUrl: 'http://127.0.0.1:15020' } },
        },
      }),
      [{ name: 'demo' }],
    );
    expect(viaUrl.source('demo')?.kind).toBe('pod-proxy');
  });

  it('answers unavailable for clusters without a source, and rejects bad matchers', async () => {
    const service = MetricsService.fromConfig(
      new ConfigReader({
        aiGateway: { metrics: { podProxy: { enabled: false } } },
      }),
      [{ name: 'dev', kubeConfig: kc }],
    );
    const r = await service.snapshot('dev', '5m');
    expect(r.available).toBe(false);
    expect(!r.available && r.reason).toMatch(
      /No metrics source for cluster 'dev'/,
    );
    expect(() =>
      MetricsService.fromConfig(
        new ConfigReader({
          aiGateway: {
            metrics: { prometheus: { url: 'http://p', matchers: 'x"}' } },
          },
        }),
        [{ name: 'a' }],
      ),
    ).toThrow(/Invalid metrics label matchers/);
  });
});
