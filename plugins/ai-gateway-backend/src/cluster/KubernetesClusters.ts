import { KubeConfig } from '@kubernetes/client-node';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { KubernetesRequestAuth } from '@backstage/plugin-kubernetes-common';
import {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import {
  createAuthStrategy,
  readRequestAuth,
  serviceAccountStrategy,
} from './auth';
import { kubeConfigForCluster } from './kubeConfig';
import { readClusterLocators } from './locators';

export interface KubernetesClustersOptions {
  /** Clusters known without I/O (`config`, `localKubectlProxy`). */
  fixed: ClusterDetails[];
  /** Locators asked on {@link KubernetesClusters.refresh} (`catalog`, `gke`). */
  suppliers?: KubernetesClustersSupplier[];
  authStrategy: AuthenticationStrategy;
  requestAuth?: KubernetesRequestAuth;
  /** `aiGateway.clusters`: only these names (default: all). */
  only?: string[];
  /** How long a credential from a strategy is reused (default 60 s). */
  credentialTtlMs?: number;
  logger?: LoggerService;
}

export type ClustersListener = (change: {
  added: string[];
  removed: string[];
}) => void;

/**
 * The clusters this plugin manages, in Backstage's `ClusterDetails` shape, each with a KubeConfig that authenticates
 * through Backstage's strategy for its auth provider. `config` / `localKubectlProxy` clusters exist from the start;
 * `catalog` / `gke` clusters appear on {@link refresh} (run on plugin start and periodically), and listeners hear
 * about clusters that appear or disappear.
 */
export class KubernetesClusters {
  private readonly clusters = new Map<string, ClusterDetails>();
  private readonly kubeConfigs = new Map<string, KubeConfig>();
  private readonly listeners = new Set<ClustersListener>();
  private readonly fixedNames: Set<string>;

  constructor(private readonly options: KubernetesClustersOptions) {
    const names = new Set<string>();
    for (const c of options.fixed) {
      if (names.has(c.name))
        throw new Error(
          `Duplicate cluster name '${c.name}' in kubernetes.clusterLocatorMethods`,
        );
      names.add(c.name);
    }
    const unknown = (options.only ?? []).filter(n => !names.has(n));
    if (unknown.length && !options.suppliers?.length) {
      throw new Error(
        `aiGateway.clusters names unknown clusters: ${unknown.join(', ')}`,
      );
    }
    for (const c of options.fixed) if (this.wanted(c.name)) this.add(c);
    this.fixedNames = new Set(this.clusters.keys());
  }

  /** From `kubernetes.clusterLocatorMethods`, `aiGateway.clusters` and `aiGateway.clusterRequestAuth`. */
  static fromConfig(
    config: Config,
    deps: { catalog: CatalogService; logger: LoggerService },
  ): KubernetesClusters {
    const authStrategy = createAuthStrategy(config, deps.logger);
    const locators = readClusterLocators(config, { ...deps, authStrategy });
    return new KubernetesClusters({
      ...locators,
      authStrategy,
      requestAuth: readRequestAuth(config),
      only: config.getOptionalStringArray('aiGateway.clusters'),
      logger: deps.logger,
    });
  }

  private wanted(name: string): boolean {
    return !this.options.only || this.options.only.includes(name);
  }

  private add(details: ClusterDetails) {
    this.clusters.set(details.name, details);
    this.kubeConfigs.set(
      details.name,
      kubeConfigForCluster(
        details,
        this.options.authStrategy,
        this.options.requestAuth,
        this.options.credentialTtlMs,
      ),
    );
  }

  names(): string[] {
    return [...this.clusters.keys()];
  }

  list(): ClusterDetails[] {
    return [...this.clusters.values()];
  }

  get(name: string): ClusterDetails {
    const c = this.clusters.get(name);
    if (!c) throw new NotFoundError(`No cluster named '${name}'`);
    return c;
  }

  kubeConfig(name: string): KubeConfig {
    const kc = this.kubeConfigs.get(name);
    if (!kc) throw new NotFoundError(`No cluster named '${name}'`);
    return kc;
  }

  /** Called with the names that appeared / disappeared after a refresh; returns an unsubscribe function. */
  onChange(listener: ClustersListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks the `catalog` / `gke` locators again. A locator that fails keeps its previous clusters (logged); a cluster
   * whose details changed (URL, CA, auth) is replaced. Fixed clusters win over located ones of the same name.
   */
  async refresh(credentials: BackstageCredentials): Promise<void> {
    const suppliers = this.options.suppliers ?? [];
    if (!suppliers.length) return;
    const located = new Map<string, ClusterDetails>();
    let failed = false;
    for (const supplier of suppliers) {
      try {
        for (const c of await supplier.getClusters({ credentials })) {
          if (this.fixedNames.has(c.name) || located.has(c.name)) {
            this.options.logger?.warn(`Duplicate cluster name '${c.name}'`);
            continue;
          }
          if (this.wanted(c.name)) located.set(c.name, c);
        }
      } catch (e) {
        failed = true;
        this.options.logger?.error(
          `ai-gateway: a cluster locator failed: ${
            e instanceof Error ? e.message : e
          }`,
        );
      }
    }
    const added: string[] = [];
    const removed: string[] = [];
    for (const name of this.names()) {
      if (this.fixedNames.has(name)) continue;
      const next = located.get(name);
      if (!next && failed) continue;
      if (
        !next ||
        JSON.stringify(next) !== JSON.stringify(this.clusters.get(name))
      ) {
        this.clusters.delete(name);
        this.kubeConfigs.delete(name);
        removed.push(name);
      }
    }
    for (const [name, details] of located) {
      if (this.clusters.has(name)) continue;
      this.add(details);
      added.push(name);
    }
    if (added.length || removed.length)
      for (const l of this.listeners) l({ added, removed });
  }
}

/**
 * A KubeConfig for a cluster reached with a fixed service-account token (tests, tools): the `serviceAccount`
 * strategy of Backstage behind the same authenticator as configured clusters.
 */
export function kubeConfigFor(cluster: {
  name: string;
  url: string;
  serviceAccountToken?: string;
  caData?: string;
  skipTLSVerify?: boolean;
}): KubeConfig {
  return kubeConfigForCluster(
    {
      name: cluster.name,
      url: cluster.url,
      caData: cluster.caData,
      skipTLSVerify: cluster.skipTLSVerify,
      authMetadata: {
        'kubernetes.io/auth-provider': 'serviceAccount',
        ...(cluster.serviceAccountToken
          ? { serviceAccountToken: cluster.serviceAccountToken }
          : {}),
      },
    },
    serviceAccountStrategy(),
  );
}
