import { Config } from '@backstage/config';
import {
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
  ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER,
} from '@backstage/plugin-kubernetes-common';
import {
  AuthenticationStrategy,
  AuthMetadata,
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogClusterLocator } from './catalogLocator';
import { GkeClusterLocator } from './gkeLocator';

/*
 * `kubernetes.clusterLocatorMethods`, read exactly as @backstage/plugin-kubernetes-backend reads them. That package
 * exports its authentication strategies but not its cluster locators (ConfigClusterLocator, CatalogClusterLocator,
 * GkeClusterLocator, LocalKubectlProxyClusterLocator live in its private `dist/cluster-locator`), so the four are
 * implemented here from the same config keys and with the same results (`ClusterDetails`).
 */

/** The locators of the configuration: clusters known at once, and suppliers asked on start and on refresh. */
export interface ClusterLocators {
  /** `config` and `localKubectlProxy` clusters (known without I/O). */
  fixed: ClusterDetails[];
  /** `catalog` and `gke` locators (asked asynchronously). */
  suppliers: KubernetesClustersSupplier[];
}

function parseAuthMetadata(c: Config): AuthMetadata {
  const out: AuthMetadata = {};
  const token = c.getOptionalString('serviceAccountToken');
  const assumeRole = c.getOptionalString('assumeRole');
  const externalId = c.getOptionalString('externalId');
  const oidc = c.getOptionalString('oidcTokenProvider');
  if (token) out.serviceAccountToken = token;
  if (assumeRole) out[ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE] = assumeRole;
  if (externalId) out[ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID] = externalId;
  if (oidc) out[ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER] = oidc;
  return out;
}

function stringRecord(value: unknown): AuthMetadata {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/** `type: config`: as Backstage's ConfigClusterLocator (authProvider required, authMetadata block, validation). */
export function readConfigClusters(
  method: Config,
  authStrategy: AuthenticationStrategy,
): ClusterDetails[] {
  const names = new Set<string>();
  return method.getConfigArray('clusters').map(c => {
    const name = c.getString('name');
    if (names.has(name)) throw new Error(`Duplicate cluster name '${name}'`);
    names.add(name);
    const block = stringRecord(c.getOptional('authMetadata'));
    const authProvider =
      block[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
      c.getOptionalString('authProvider');
    if (!authProvider) {
      throw new Error(
        `cluster '${name}' has no auth provider configured; this must be specified via the 'authProvider' or ` +
          `'authMetadata.${ANNOTATION_KUBERNETES_AUTH_PROVIDER}' parameter`,
      );
    }
    const title = c.getOptionalString('title');
    const details: ClusterDetails = {
      name,
      ...(title ? { title } : {}),
      url: c.getString('url'),
      skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
      skipMetricsLookup: c.getOptionalBoolean('skipMetricsLookup') ?? false,
      caData: c.getOptionalString('caData'),
      caFile: c.getOptionalString('caFile'),
      authMetadata: {
        [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: authProvider,
        ...parseAuthMetadata(c),
        ...block,
      },
    };
    const errors = authStrategy.validateCluster(details.authMetadata);
    if (errors.length) {
      throw new Error(
        `Invalid cluster '${name}': ${errors.map(e => e.message).join(', ')}`,
      );
    }
    return details;
  });
}

/** `type: localKubectlProxy`: one cluster `local` at `kubectl proxy`'s default address, no credentials. */
export function localKubectlProxyCluster(): ClusterDetails {
  // Backstage resolves `localhost` preferring IPv4, as kubectl proxy listens on 127.0.0.1 by default
  return {
    name: 'local',
    url: 'http://127.0.0.1:8001',
    authMetadata: {
      [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'localKubectlProxy',
    },
    skipMetricsLookup: true,
  };
}

export interface LocatorDeps {
  authStrategy: AuthenticationStrategy;
  catalog: CatalogService;
  logger: LoggerService;
}

/** Every method of `kubernetes.clusterLocatorMethods`; an unknown type is an error, as in Backstage. */
export function readClusterLocators(
  config: Config,
  deps: LocatorDeps,
): ClusterLocators {
  const out: ClusterLocators = { fixed: [], suppliers: [] };
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    const type = method.getString('type');
    switch (type) {
      case 'config':
        out.fixed.push(...readConfigClusters(method, deps.authStrategy));
        break;
      case 'localKubectlProxy':
        out.fixed.push(localKubectlProxyCluster());
        break;
      case 'catalog':
        out.suppliers.push(
          CatalogClusterLocator.fromConfig(method, deps.catalog, deps.logger),
        );
        break;
      case 'gke':
        out.suppliers.push(GkeClusterLocator.fromConfig(method, deps.logger));
        break;
      default:
        throw new Error(
          `Unsupported kubernetes.clusterLocatorMethods: "${type}"`,
        );
    }
  }
  return out;
}
