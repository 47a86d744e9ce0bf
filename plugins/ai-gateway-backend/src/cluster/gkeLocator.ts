import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import {
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';

/** The one call of `@google-cloud/container`'s ClusterManagerClient the locator makes. */
export interface GkeClient {
  listClusters(request: { parent: string }): Promise<
    [
      {
        clusters?: Array<{
          name?: string | null;
          endpoint?: string | null;
          resourceLabels?: Record<string, string> | null;
          controlPlaneEndpointsConfig?: {
            dnsEndpointConfig?: { endpoint?: string | null } | null;
          } | null;
        }> | null;
      },
      ...unknown[],
    ]
  >;
}

export interface GkeLocatorOptions {
  projectId: string;
  region: string;
  authProvider: 'google' | 'googleServiceAccount';
  skipTLSVerify: boolean;
  skipMetricsLookup: boolean;
  exposeDashboard: boolean;
  matchingResourceLabels: Array<{ key: string; value: string }>;
  endpointType: 'public' | 'dns';
}

export function readGkeOptions(method: Config): GkeLocatorOptions {
  const endpointType = method.getOptionalString('endpointType') ?? 'public';
  if (endpointType !== 'public' && endpointType !== 'dns')
    throw new Error(
      `Invalid endpointType '${endpointType}', must be one of: public, dns`,
    );
  return {
    projectId: method.getString('projectId'),
    region: method.getOptionalString('region') ?? '-',
    authProvider:
      method.getOptionalString('authProvider') === 'googleServiceAccount'
        ? 'googleServiceAccount'
        : 'google',
    skipTLSVerify: method.getOptionalBoolean('skipTLSVerify') ?? false,
    skipMetricsLookup: method.getOptionalBoolean('skipMetricsLookup') ?? false,
    exposeDashboard: method.getOptionalBoolean('exposeDashboard') ?? false,
    matchingResourceLabels: (
      method.getOptionalConfigArray('matchingResourceLabels') ?? []
    ).map(m => ({ key: m.getString('key'), value: m.getString('value') })),
    endpointType,
  };
}

/**
 * `type: gke`: the clusters of a Google Cloud project (and region) through the GKE API, with the same keys and the
 * same results as Backstage's GkeClusterLocator (which its package does not export). The Google client is loaded
 * only when a `gke` locator is configured.
 */
export class GkeClusterLocator implements KubernetesClustersSupplier {
  private client?: GkeClient;

  constructor(
    private readonly options: GkeLocatorOptions,
    private readonly logger: LoggerService,
    client?: GkeClient,
  ) {
    this.client = client;
  }

  static fromConfig(
    method: Config,
    logger: LoggerService,
    client?: GkeClient,
  ): GkeClusterLocator {
    return new GkeClusterLocator(readGkeOptions(method), logger, client);
  }

  private async gke(): Promise<GkeClient> {
    if (!this.client) {
      const container = await import('@google-cloud/container');
      this.client = new container.v1.ClusterManagerClient();
    }
    return this.client;
  }

  async getClusters(): Promise<ClusterDetails[]> {
    const o = this.options;
    let response;
    try {
      [response] = await (
        await this.gke()
      ).listClusters({
        parent: `projects/${o.projectId}/locations/${o.region}`,
      });
    } catch (e) {
      throw new Error(
        `There was an error retrieving clusters from GKE for projectId=${o.projectId} region=${o.region}: ${e}`,
      );
    }
    return (response.clusters ?? [])
      .filter(c =>
        o.matchingResourceLabels.every(
          l => c.resourceLabels?.[l.key] === l.value,
        ),
      )
      .map(c => {
        const dns = c.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
        if (o.endpointType === 'dns' && !dns)
          this.logger.info(
            `Cluster '${
              c.name ?? 'unknown'
            }' has endpointType 'dns' configured but no DNS endpoint available, falling back to public IP`,
          );
        return {
          name: c.name ?? 'unknown',
          url: `https://${
            o.endpointType === 'dns' && dns ? dns : c.endpoint ?? ''
          }`,
          authMetadata: {
            [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: o.authProvider,
          },
          skipTLSVerify: o.skipTLSVerify,
          skipMetricsLookup: o.skipMetricsLookup,
          ...(o.exposeDashboard
            ? {
                dashboardApp: 'gke',
                dashboardParameters: {
                  projectId: o.projectId,
                  region: o.region,
                  clusterName: c.name ?? '',
                },
              }
            : {}),
        };
      });
  }
}
