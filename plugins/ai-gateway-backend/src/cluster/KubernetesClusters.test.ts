import http from 'node:http';
import { AddressInfo } from 'node:net';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubernetesClusters } from './KubernetesClusters';
import { classifyClusterError } from './errors';

const logger = mockServices.logger.mock();
const listBackends = (kc: ReturnType<KubernetesClusters['kubeConfig']>) =>
  kc.makeApiClient(CustomObjectsApi).listClusterCustomObject({
    group: 'agentgateway.dev',
    version: 'v1alpha1',
    plural: 'agentgatewaybackends',
  });

describe('KubernetesClusters through the real kubernetes config', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let echo: http.Server;
  let echoUrl: string;
  const seen: Array<string | undefined> = [];

  beforeAll(async () => {
    kube = await startKubeLocal({
      port: 0,
      users: [
        {
          name: 'robot',
          token: 'oidc-robot-token',
          rules: [
            {
              verbs: ['list', 'watch', 'get'],
              resources: ['*'],
              namespaces: ['*'],
            },
          ],
        },
      ],
    });
    // records the Authorization header each strategy produced
    echo = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.setHeader('content-type', 'application/json');
      res.end('{"kind":"List","apiVersion":"v1","metadata":{},"items":[]}');
    });
    await new Promise<void>(r => echo.listen(0, '127.0.0.1', r));
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await kube?.close();
    await new Promise(r => echo?.close(r));
  });

  const fromConfig = (data: object, entities: Entity[] = []) =>
    KubernetesClusters.fromConfig(new ConfigReader(data), {
      catalog: catalogServiceMock({ entities }),
      logger,
    });

  it('authenticates with the strategy of each auth provider (serviceAccount, oidc, google, aks, aws, localKubectlProxy)', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_REGION = 'us-east-1';
    const cluster = (name: string, extra: object) => ({
      name,
      url: echoUrl,
      ...extra,
    });
    const clusters = fromConfig({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              cluster('sa', {
                authProvider: 'serviceAccount',
                serviceAccountToken: 'sa-token',
              }),
              cluster('oidc', {
                authProvider: 'oidc',
                oidcTokenProvider: 'okta',
              }),
              cluster('google', { authProvider: 'google' }),
              cluster('aks', { authProvider: 'aks' }),
              cluster('aws', { authProvider: 'aws' }),
              cluster('proxy', { authProvider: 'localKubectlProxy' }),
            ],
          },
        ],
      },
      aiGateway: {
        clusterRequestAuth: {
          google: 'google-token',
          oidc: { okta: 'okta-token' },
        },
      },
    });
    expect(clusters.names()).toEqual([
      'sa',
      'oidc',
      'google',
      'aks',
      'aws',
      'proxy',
    ]);
    for (const name of clusters.names())
      await listBackends(clusters.kubeConfig(name));
    expect(seen.slice(0, 4)).toEqual([
      'Bearer sa-token',
      'Bearer okta-token',
      'Bearer google-token',
      undefined, // aks without a token: anonymous, as in Backstage
    ]);
    expect(seen[4]).toMatch(/^Bearer k8s-aws-v1\./); // a presigned STS GetCallerIdentity
    expect(seen[5]).toBeUndefined();
  });

  it('reads kube-local with a serviceAccount token and with an OIDC robot token; a missing token is Unauthorized', async () => {
    const clusters = fromConfig({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'sa',
                url: kube.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: kube.adminToken,
              },
              {
                name: 'oidc',
                url: kube.url,
                authProvider: 'oidc',
                oidcTokenProvider: 'okta',
              },
              {
                name: 'other-oidc',
                url: kube.url,
                authProvider: 'oidc',
                oidcTokenProvider: 'gitlab',
              },
            ],
          },
        ],
      },
      aiGateway: {
        clusters: ['sa', 'oidc', 'other-oidc'],
        clusterRequestAuth: { oidc: { okta: 'oidc-robot-token' } },
      },
    });
    await expect(listBackends(clusters.kubeConfig('sa'))).resolves.toEqual(
      expect.objectContaining({ items: [] }),
    );
    await expect(listBackends(clusters.kubeConfig('oidc'))).resolves.toEqual(
      expect.objectContaining({ items: [] }),
    );
    const err = await listBackends(clusters.kubeConfig('other-oidc')).catch(
      e => e,
    );
    expect(classifyClusterError(err)).toEqual(
      expect.objectContaining({
        reason: 'Unauthorized',
        message: expect.stringContaining('oidc.gitlab'),
      }),
    );
  });

  it('filters by aiGateway.clusters and rejects unknown names when no locator could supply them', () => {
    const kubernetes = {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            { name: 'a', url: kube.url, authProvider: 'serviceAccount' },
            { name: 'b', url: kube.url, authProvider: 'serviceAccount' },
          ],
        },
      ],
    };
    expect(
      fromConfig({ kubernetes, aiGateway: { clusters: ['b'] } }).names(),
    ).toEqual(['b']);
    expect(() =>
      fromConfig({ kubernetes, aiGateway: { clusters: ['nope'] } }),
    ).toThrow(/unknown clusters: nope/);
  });

  it('finds catalog clusters (kubernetes-cluster Resources) on refresh, with Backstage’s safety rules', async () => {
    const resource = (name: string, annotations: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'kubernetes.io/api-server-certificate-authority': '',
          ...annotations,
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
    });
    const entities = [
      resource('catalog-oidc', {
        'kubernetes.io/api-server': kube.url,
        'kubernetes.io/auth-provider': 'oidc',
        'kubernetes.io/oidc-token-provider': 'okta',
      }),
      // a token in the catalog is refused, as in Backstage
      resource('catalog-sa', {
        'kubernetes.io/api-server': kube.url,
        'kubernetes.io/auth-provider': 'serviceAccount',
      }),
      // plain http to a host that is not allowed
      resource('catalog-private', {
        'kubernetes.io/api-server': 'http://10.1.2.3:6443',
        'kubernetes.io/auth-provider': 'oidc',
        'kubernetes.io/oidc-token-provider': 'okta',
      }),
    ];
    const clusters = fromConfig(
      {
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
          ],
        },
        aiGateway: {
          clusterRequestAuth: { oidc: { okta: 'oidc-robot-token' } },
        },
      },
      entities,
    );
    expect(clusters.names()).toEqual([]);
    const changes: object[] = [];
    clusters.onChange(c => changes.push(c));
    await clusters.refresh(mockCredentials.service());
    expect(clusters.names()).toEqual(['catalog-oidc']);
    expect(changes).toEqual([{ added: ['catalog-oidc'], removed: [] }]);
    expect(clusters.get('catalog-oidc').authMetadata).toEqual({
      'kubernetes.io/api-server': kube.url,
      'kubernetes.io/api-server-certificate-authority': '',
      'kubernetes.io/auth-provider': 'oidc',
      'kubernetes.io/oidc-token-provider': 'okta',
    });
    await expect(
      listBackends(clusters.kubeConfig('catalog-oidc')),
    ).resolves.toEqual(expect.objectContaining({ items: [] }));
    // a second refresh with the same answer changes nothing
    await clusters.refresh(mockCredentials.service());
    expect(changes).toHaveLength(1);
  });
});
