import { ConfigReader } from '@backstage/config';
import { readCacheOptions, readClusterConfigs } from './config';
import { kubeConfigFor } from './KubernetesClusters';

const kubernetes = {
  clusterLocatorMethods: [
    { type: 'catalog' },
    {
      type: 'config',
      clusters: [
        {
          name: 'local',
          url: 'http://127.0.0.1:6443/',
          authProvider: 'serviceAccount',
          serviceAccountToken: 't1',
        },
        {
          name: 'prod',
          url: 'https://k8s.example.com',
          serviceAccountToken: 't2',
          caData: 'Q0E=',
        },
        { name: 'oidc', url: 'https://x', authProvider: 'oidc' },
        {
          name: 'dev',
          url: 'https://dev',
          authProvider: 'serviceAccount',
          skipTLSVerify: true,
        },
      ],
    },
  ],
};

describe('readClusterConfigs', () => {
  it('reads serviceAccount clusters of config locators from the standard kubernetes config', () => {
    const clusters = readClusterConfigs(new ConfigReader({ kubernetes }));
    expect(clusters.map(c => c.name)).toEqual(['local', 'prod', 'dev']);
    expect(clusters[0]).toEqual({
      name: 'local',
      url: 'http://127.0.0.1:6443',
      serviceAccountToken: 't1',
      skipTLSVerify: false,
    });
    expect(clusters[1].caData).toBe('Q0E=');
    expect(clusters[2].skipTLSVerify).toBe(true);
  });

  it('filters by aiGateway.clusters and rejects unknown names', () => {
    expect(
      readClusterConfigs(
        new ConfigReader({ kubernetes, aiGateway: { clusters: ['prod'] } }),
      ).map(c => c.name),
    ).toEqual(['prod']);
    expect(() =>
      readClusterConfigs(
        new ConfigReader({ kubernetes, aiGateway: { clusters: ['nope'] } }),
      ),
    ).toThrow(/unknown clusters: nope/);
  });

  it('returns no clusters when kubernetes is not configured', () => {
    expect(readClusterConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('builds a KubeConfig with the URL, token and TLS settings', () => {
    const [local, prod, dev] = readClusterConfigs(
      new ConfigReader({ kubernetes }),
    );
    const kc = kubeConfigFor(local);
    expect(kc.getCurrentCluster()?.server).toBe('http://127.0.0.1:6443');
    expect(kc.getCurrentUser()?.token).toBe('t1');
    // client-node refuses http:// without skipTLSVerify; plain HTTP has no TLS to verify
    expect(kc.getCurrentCluster()?.skipTLSVerify).toBe(true);
    expect(kubeConfigFor(prod).getCurrentCluster()?.skipTLSVerify).toBe(false);
    expect(kubeConfigFor(prod).getCurrentCluster()?.caData).toBe('Q0E=');
    expect(kubeConfigFor(dev).getCurrentCluster()?.skipTLSVerify).toBe(true);
    expect(kubeConfigFor(dev).getCurrentUser()?.token).toBeUndefined();
  });

  it('has cache defaults', () => {
    expect(readCacheOptions(new ConfigReader({}))).toEqual({
      initialBackoffMs: 1000,
      maxBackoffMs: 30000,
      watchTimeoutSeconds: 300,
    });
  });
});
