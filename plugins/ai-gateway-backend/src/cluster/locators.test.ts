import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createAuthStrategy } from './auth';
import { readClusterLocators } from './locators';
import { GkeClient, GkeClusterLocator } from './gkeLocator';

const logger = mockServices.logger.mock();
const catalog = catalogServiceMock({ entities: [] });

function locate(kubernetes: object, extra: object = {}) {
  const config = new ConfigReader({ kubernetes, ...extra });
  return readClusterLocators(config, {
    authStrategy: createAuthStrategy(config, logger),
    catalog,
    logger,
  });
}

describe('kubernetes.clusterLocatorMethods', () => {
  it('reads config clusters as Backstage does: ClusterDetails with auth metadata per provider', () => {
    const { fixed, suppliers } = locate({
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'local',
              title: 'Local',
              url: 'http://127.0.0.1:6443',
              authProvider: 'serviceAccount',
              serviceAccountToken: 't1',
              skipTLSVerify: true,
            },
            {
              name: 'eks',
              url: 'https://eks.example.com',
              authProvider: 'aws',
              assumeRole: 'arn:aws:iam::1:role/r',
              externalId: 'ext',
              caData: 'Q0E=',
            },
            {
              name: 'oidc',
              url: 'https://oidc.example.com',
              authProvider: 'oidc',
              oidcTokenProvider: 'okta',
            },
            {
              name: 'by-metadata',
              url: 'https://x.example.com',
              authMetadata: { 'kubernetes.io/auth-provider': 'google' },
            },
          ],
        },
        { type: 'localKubectlProxy' },
      ],
    });
    expect(suppliers).toEqual([]);
    expect(fixed).toEqual([
      {
        name: 'local',
        title: 'Local',
        url: 'http://127.0.0.1:6443',
        skipTLSVerify: true,
        skipMetricsLookup: false,
        caData: undefined,
        caFile: undefined,
        authMetadata: {
          'kubernetes.io/auth-provider': 'serviceAccount',
          serviceAccountToken: 't1',
        },
      },
      expect.objectContaining({
        name: 'eks',
        caData: 'Q0E=',
        authMetadata: {
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/r',
          'kubernetes.io/aws-external-id': 'ext',
        },
      }),
      expect.objectContaining({
        name: 'oidc',
        authMetadata: {
          'kubernetes.io/auth-provider': 'oidc',
          'kubernetes.io/oidc-token-provider': 'okta',
        },
      }),
      expect.objectContaining({
        name: 'by-metadata',
        authMetadata: { 'kubernetes.io/auth-provider': 'google' },
      }),
      {
        name: 'local',
        url: 'http://127.0.0.1:8001',
        authMetadata: { 'kubernetes.io/auth-provider': 'localKubectlProxy' },
        skipMetricsLookup: true,
      },
    ]);
  });

  it('refuses what Backstage refuses: no auth provider, oidc without a token provider, duplicates, unknown types', () => {
    const config = (clusters: object[]) => ({
      clusterLocatorMethods: [{ type: 'config', clusters }],
    });
    expect(() => locate(config([{ name: 'a', url: 'https://a' }]))).toThrow(
      /cluster 'a' has no auth provider configured/,
    );
    expect(() =>
      locate(config([{ name: 'a', url: 'https://a', authProvider: 'oidc' }])),
    ).toThrow(/Invalid cluster 'a': Must specify a token provider/);
    expect(() =>
      locate(
        config([
          { name: 'a', url: 'https://a', authProvider: 'serviceAccount' },
          { name: 'a', url: 'https://b', authProvider: 'serviceAccount' },
        ]),
      ),
    ).toThrow(/Duplicate cluster name 'a'/);
    expect(() => locate({ clusterLocatorMethods: [{ type: 'nope' }] })).toThrow(
      /Unsupported kubernetes.clusterLocatorMethods: "nope"/,
    );
  });

  it('creates catalog and gke suppliers from their config blocks', () => {
    const { fixed, suppliers } = locate({
      clusterLocatorMethods: [
        { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
        { type: 'gke', projectId: 'p1', region: 'europe-west1' },
      ],
    });
    expect(fixed).toEqual([]);
    expect(suppliers).toHaveLength(2);
    expect(() =>
      locate({
        clusterLocatorMethods: [
          { type: 'gke', projectId: 'p', endpointType: 'private' },
        ],
      }),
    ).toThrow(/Invalid endpointType 'private'/);
  });
});

describe('GkeClusterLocator', () => {
  // the GKE API itself cannot be reached here: the client is the one seam, everything else is the real config path
  const client = (clusters: object[]): GkeClient => ({
    listClusters: async request => {
      expect(request.parent).toBe('projects/p1/locations/europe-west1');
      return [{ clusters }];
    },
  });
  const gke = (method: object, clusters: object[]) =>
    GkeClusterLocator.fromConfig(
      new ConfigReader({ projectId: 'p1', region: 'europe-west1', ...method }),
      logger,
      client(clusters),
    );

  it('maps GKE clusters to ClusterDetails, filtered by resource labels', async () => {
    const located = await gke(
      {
        authProvider: 'googleServiceAccount',
        matchingResourceLabels: [{ key: 'team', value: 'ai' }],
        exposeDashboard: true,
      },
      [
        { name: 'a', endpoint: '1.2.3.4', resourceLabels: { team: 'ai' } },
        { name: 'b', endpoint: '5.6.7.8', resourceLabels: { team: 'web' } },
      ],
    ).getClusters();
    expect(located).toEqual([
      {
        name: 'a',
        url: 'https://1.2.3.4',
        authMetadata: { 'kubernetes.io/auth-provider': 'googleServiceAccount' },
        skipTLSVerify: false,
        skipMetricsLookup: false,
        dashboardApp: 'gke',
        dashboardParameters: {
          projectId: 'p1',
          region: 'europe-west1',
          clusterName: 'a',
        },
      },
    ]);
  });

  it('uses the DNS endpoint when asked and falls back to the public one', async () => {
    const located = await gke({ endpointType: 'dns' }, [
      {
        name: 'a',
        endpoint: '1.2.3.4',
        controlPlaneEndpointsConfig: {
          dnsEndpointConfig: { endpoint: 'gke-a.example.goog' },
        },
      },
      { name: 'b', endpoint: '5.6.7.8' },
    ]).getClusters();
    expect(located.map(c => [c.url, c.authMetadata])).toEqual([
      [
        'https://gke-a.example.goog',
        { 'kubernetes.io/auth-provider': 'google' },
      ],
      ['https://5.6.7.8', { 'kubernetes.io/auth-provider': 'google' }],
    ]);
  });
});
