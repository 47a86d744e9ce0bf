// The browser tests' real-cluster setup (e2e/cluster.ts) without a browser or a backend (a few seconds, so it runs in
// every `npm test`): a kube-local over HTTPS with no CRDs, reached only through the kubeconfig it writes, stands in
// for the cluster of AI_GATEWAY_TEST_KUBECONFIG. The full browser suites against such a stand-in:
// `npm run test:e2e -- --stand-in-cluster`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { startKubeLocal } from '../packages/kube-local/src';
import { setUpRealCluster } from './cluster';
import { expectedRows, loadSeed } from './seed';

const ROOT = join(__dirname, '..');

test('a real cluster: the demo seed in prefixed namespaces with its status, the backend config and catalog mapped, removed afterwards', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ai-gateway-e2e-cluster-test-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const kube = await startKubeLocal({
    port: 0,
    crds: [],
    tls: true,
    kubeconfigPath: kubeconfig,
  });
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const aigwNamespaces = async () =>
    (await kc.makeApiClient(CoreV1Api).listNamespace()).items.filter(n =>
      n.metadata?.name?.startsWith('aigw-'),
    );
  try {
    const seed = loadSeed(join(ROOT, 'examples', 'cluster'));
    const setup = await setUpRealCluster({
      root: ROOT,
      kubeconfig,
      seed,
      dir: join(dir, 'stack'),
    });
    const { cluster } = setup;
    const team = cluster.ns('team-support');
    const platform = cluster.ns('agentgateway-system');
    assert.match(team, /^aigw-[0-9a-f]{6}-team-support$/);
    assert.equal(cluster.url, kube.url);

    // the CRDs were installed; the seed's .status survived creation (written through the status subresource)
    const route: any = await custom.getNamespacedCustomObject({
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      namespace: team,
      plural: 'httproutes',
      name: 'support-legacy-gpt',
    });
    const resolved = route.status.parents[0].conditions.find(
      (c: any) => c.type === 'ResolvedRefs',
    );
    assert.equal(resolved?.status, 'False');
    const gatewayRows = expectedRows(
      cluster.mapObjects(seed),
      'support-assistant',
      'gateways',
    );
    assert.ok(gatewayRows.some(r => r.namespace === platform));

    // the backend's extra config: the kubeconfig's cluster, the namespaced settings mapped
    const config = parse(readFileSync(setup.configFile, 'utf8'));
    const [local] = config.kubernetes.clusterLocatorMethods[0].clusters;
    assert.equal(local.name, 'local');
    assert.equal(local.url, kube.url);
    assert.equal(local.serviceAccountToken, kube.adminToken);
    assert.equal(local.caData, kc.getCurrentCluster()?.caData);
    assert.equal(local.skipTLSVerify, false);
    assert.deepEqual(
      config.aiGateway.gateways.map((g: any) => g.gateway),
      [`${platform}/ai-gateway`],
    );
    assert.ok(
      config.aiGateway.mcp.endpoints.length > 0 &&
        config.aiGateway.mcp.endpoints.every((e: any) =>
          e.backend.startsWith(cluster.prefix),
        ),
    );
    assert.match(
      config.aiGateway.mcp.endpoints[0].url,
      /\$\{MCP_DEMO_PORT:-7010\}/,
    );
    assert.match(
      readFileSync(setup.fetchEnv.NODE_EXTRA_CA_CERTS, 'utf8'),
      /BEGIN CERTIFICATE/,
    );

    // the catalog it points at: the demo entities with their namespace annotations mapped
    const catalog = config.catalog.locations.find((l: any) =>
      l.target.startsWith(dir),
    );
    const components = parseAllDocuments(
      readFileSync(join(dir, 'stack', 'catalog', 'components.yaml'), 'utf8'),
    ).map(d => d.toJS());
    assert.ok(catalog, JSON.stringify(config.catalog.locations));
    assert.equal(
      components.find(c => c.metadata.name === 'support-assistant').metadata
        .annotations['backstage.io/kubernetes-namespace'],
      team,
    );

    const seeded = (await aigwNamespaces()).map(n => n.metadata!.name!).sort();
    assert.deepEqual(
      seeded,
      ['agentgateway-system', 'team-payments', 'team-search', 'team-support']
        .map(cluster.ns)
        .sort(),
    );
    await cluster.close();
    const left = (await aigwNamespaces()).filter(
      n => n.status?.phase !== 'Terminating',
    );
    assert.deepEqual(left, []);
  } finally {
    await kube.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
