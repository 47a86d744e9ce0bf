import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_SKIP_METRICS_LOOKUP,
  ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY,
} from '@backstage/plugin-kubernetes-common';
import {
  AuthMetadata,
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';

/** Addresses that are not public unicast (what Backstage's locator refuses without `dangerouslyAllowClusterUrls`). */
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');

function isNonPublic(address: string): boolean {
  const family = isIP(address);
  if (!family) return true;
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function hostAllowed(hostname: string, patterns: string[] = []): boolean {
  return patterns.some(p => {
    const pattern = p.toLowerCase();
    if (pattern.startsWith('*.'))
      return (
        hostname.endsWith(pattern.slice(1)) || hostname === pattern.slice(2)
      );
    return hostname === pattern;
  });
}

/**
 * The API server URL of a catalog-declared cluster must be https and public unless its host is listed in
 * `dangerouslyAllowClusterUrls` (as in Backstage: a catalog author must not aim the backend at internal hosts).
 */
export async function validateClusterApiServerUrl(
  apiServerUrl: string | undefined,
  allow: string[] = [],
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(apiServerUrl ?? '');
  } catch {
    throw new Error('Kubernetes cluster API server URL is not a valid URL');
  }
  if (url.username || url.password)
    throw new Error(
      'Kubernetes cluster API server URL must not contain credentials',
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(
      'Kubernetes cluster API server URL must use the HTTP or HTTPS scheme',
    );
  const hostname = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (hostAllowed(hostname, allow)) return url;
  if (url.protocol !== 'https:')
    throw new Error(
      'Kubernetes cluster API server URL must use the HTTPS scheme',
    );
  const addresses = isIP(hostname)
    ? [hostname]
    : (await lookup(hostname, { all: true })).map(a => a.address);
  if (addresses.some(isNonPublic))
    throw new Error(
      `Kubernetes cluster API server URL hostname "${hostname}" resolves to a non-public address`,
    );
  return url;
}

function parameters(value: string | undefined) {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as ClusterDetails['dashboardParameters'])
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `type: catalog`: clusters are `Resource` entities of `spec.type: kubernetes-cluster` annotated with
 * `kubernetes.io/api-server`, `-certificate-authority` and `auth-provider` (as Backstage's CatalogClusterLocator).
 * `serviceAccount` is refused there (a token would sit in the catalog); only `kubernetes.io/*` annotations become
 * auth metadata; skip-tls-verify only with `dangerouslyAllowSkipTLSVerify`.
 */
export class CatalogClusterLocator implements KubernetesClustersSupplier {
  constructor(
    private readonly catalog: CatalogService,
    private readonly logger: LoggerService,
    private readonly options: {
      dangerouslyAllowClusterUrls?: string[];
      dangerouslyAllowSkipTLSVerify?: boolean;
    },
  ) {}

  static fromConfig(
    method: Config,
    catalog: CatalogService,
    logger: LoggerService,
  ): CatalogClusterLocator {
    return new CatalogClusterLocator(catalog, logger, {
      dangerouslyAllowClusterUrls: method.getOptionalStringArray(
        'dangerouslyAllowClusterUrls',
      ),
      dangerouslyAllowSkipTLSVerify: method.getOptionalBoolean(
        'dangerouslyAllowSkipTLSVerify',
      ),
    });
  }

  async getClusters(options: {
    credentials: BackstageCredentials;
  }): Promise<ClusterDetails[]> {
    const annotation = (a: string) => `metadata.annotations.${a}`;
    const { items } = await this.catalog.getEntities(
      {
        filter: [
          {
            kind: 'Resource',
            'spec.type': 'kubernetes-cluster',
            [annotation(ANNOTATION_KUBERNETES_API_SERVER)]:
              CATALOG_FILTER_EXISTS,
            [annotation(ANNOTATION_KUBERNETES_API_SERVER_CA)]:
              CATALOG_FILTER_EXISTS,
            [annotation(ANNOTATION_KUBERNETES_AUTH_PROVIDER)]:
              CATALOG_FILTER_EXISTS,
          },
        ],
      },
      { credentials: options.credentials },
    );
    const out: ClusterDetails[] = [];
    for (const entity of items) {
      const details = await this.toClusterDetails(entity);
      if (details) out.push(details);
    }
    return out;
  }

  private async toClusterDetails(
    entity: Entity,
  ): Promise<ClusterDetails | undefined> {
    const name = entity.metadata.name;
    const annotations = entity.metadata.annotations ?? {};
    if (annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER] === 'serviceAccount') {
      this.logger.warn(
        `Ignoring kubernetes-cluster Resource "${name}": catalog cluster locator does not support the serviceAccount auth provider`,
      );
      return undefined;
    }
    const url = annotations[ANNOTATION_KUBERNETES_API_SERVER];
    try {
      await validateClusterApiServerUrl(
        url,
        this.options.dangerouslyAllowClusterUrls,
      );
    } catch (e) {
      this.logger.warn(
        `Ignoring kubernetes-cluster Resource "${name}": ${
          (e as Error).message
        }`,
      );
      return undefined;
    }
    const authMetadata: AuthMetadata = {};
    for (const [k, v] of Object.entries(annotations))
      if (k.startsWith('kubernetes.io/') && k !== 'serviceAccountToken')
        authMetadata[k] = v;
    return {
      name,
      title: entity.metadata.title,
      url,
      authMetadata,
      caData: annotations[ANNOTATION_KUBERNETES_API_SERVER_CA],
      skipMetricsLookup:
        annotations[ANNOTATION_KUBERNETES_SKIP_METRICS_LOOKUP] === 'true',
      skipTLSVerify:
        (this.options.dangerouslyAllowSkipTLSVerify ?? false) &&
        annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] === 'true',
      dashboardParameters: parameters(
        annotations['kubernetes.io/dashboard-parameters'],
      ),
    };
  }
}
