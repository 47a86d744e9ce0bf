// The browser tests against a real cluster (`AI_GATEWAY_TEST_KUBECONFIG`): the demo seed in namespaces with a unique
// prefix (the backend integration tests' helper, plugins/ai-gateway-backend/src/__testUtils__/realCluster.ts), and
// what the backend needs to read them: an extra config file with the kubeconfig's cluster, the namespaced settings of
// app-config.yaml (gateways, MCP endpoints) mapped to the prefixed namespaces, and the demo catalog (examples/catalog)
// with its `backstage.io/kubernetes-namespace` annotations mapped the same way.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import {
  TEST_KUBECONFIG_ENV,
  seedRealCluster,
  type RealCluster,
} from '../plugins/ai-gateway-backend/src/__testUtils__/realCluster';

export { TEST_KUBECONFIG_ENV };

export interface RealClusterSetup {
  cluster: RealCluster;
  /** the extra `--config` file of the backend */
  configFile: string;
  /** environment of processes that read the cluster with plain `fetch` (the traffic simulator): its CA */
  fetchEnv: Record<string, string>;
}

/** `<namespace>/<name>` with the namespace mapped. */
const mapRef = (ref: string, ns: (n: string) => string) => {
  const [namespace, name] = ref.split('/');
  return name === undefined ? ref : `${ns(namespace)}/${name}`;
};

/** The demo catalog's files (examples/catalog) with the namespace annotations mapped, written to `dir`. */
function writeCatalog(root: string, dir: string, cluster: RealCluster) {
  mkdirSync(dir, { recursive: true });
  const source = join(root, 'examples', 'catalog');
  for (const f of readdirSync(source).filter(n => /\.ya?ml$/.test(n))) {
    const docs = parseAllDocuments(readFileSync(join(source, f), 'utf8'))
      .map(d => d.toJS())
      .filter(Boolean) as Entity[];
    writeFileSync(
      join(dir, f),
      cluster
        .mapEntities(docs)
        .map(d => `---\n${stringify(d)}`)
        .join(''),
    );
  }
}

/**
 * Seeds the real cluster of `kubeconfig` with `seed` and writes, into `dir`, the backend's extra config file (the
 * cluster `local` at the kubeconfig's server with its token and CA; gateways, MCP endpoints and catalog locations of
 * app-config.yaml mapped to the prefixed namespaces) and the CA for plain-`fetch` readers.
 */
export async function setUpRealCluster(options: {
  root: string;
  kubeconfig: string;
  seed: object[];
  dir: string;
}): Promise<RealClusterSetup> {
  const { root, dir } = options;
  const cluster = await seedRealCluster(options.kubeconfig, options.seed);
  try {
    const app = parse(readFileSync(join(root, 'app-config.yaml'), 'utf8'));
    const catalogDir = join(dir, 'catalog');
    writeCatalog(root, catalogDir, cluster);
    const plainHttp = cluster.url.startsWith('http:');
    const config = {
      catalog: {
        locations: (app.catalog.locations as Array<{ target: string }>).map(l =>
          l.target.includes('examples/catalog/')
            ? { ...l, target: join(catalogDir, '*.yaml') }
            : { ...l, target: join(root, 'packages', 'backend', l.target) },
        ),
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'local',
                title: `Test cluster (${TEST_KUBECONFIG_ENV})`,
                url: cluster.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: cluster.token,
                ...(cluster.caData ? { caData: cluster.caData } : {}),
                ...(cluster.caFile ? { caFile: cluster.caFile } : {}),
                skipTLSVerify: Boolean(cluster.skipTLSVerify) || plainHttp,
              },
            ],
          },
        ],
      },
      aiGateway: {
        gateways: (app.aiGateway.gateways as Array<{ gateway: string }>).map(
          g => ({ ...g, gateway: mapRef(g.gateway, cluster.ns) }),
        ),
        mcp: {
          endpoints: (
            app.aiGateway.mcp.endpoints as Array<{ backend: string }>
          ).map(e => ({ ...e, backend: mapRef(e.backend, cluster.ns) })),
        },
      },
    };
    const configFile = join(dir, 'app-config.cluster.yaml');
    writeFileSync(
      configFile,
      `# written by e2e/cluster.ts for ${TEST_KUBECONFIG_ENV} (prefix ${
        cluster.prefix
      })\n${stringify(config)}`,
      { mode: 0o600 },
    );
    const fetchEnv: Record<string, string> = {};
    if (cluster.caData) {
      const caFile = join(dir, 'ca.pem');
      writeFileSync(caFile, Buffer.from(cluster.caData, 'base64'));
      fetchEnv.NODE_EXTRA_CA_CERTS = caFile;
    } else if (cluster.caFile) fetchEnv.NODE_EXTRA_CA_CERTS = cluster.caFile;
    if (cluster.skipTLSVerify) fetchEnv.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    return { cluster, configFile, fetchEnv };
  } catch (e) {
    await cluster.close();
    throw e;
  }
}
