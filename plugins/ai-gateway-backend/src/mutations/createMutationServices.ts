import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import {
  PartitionResolver,
  readConfiguredPartitions,
} from '../partitions/PartitionResolver';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CrdValidator,
  createCrdValidator,
  loadBundledCrds,
} from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { ResourceReader } from '../cache/ResourceCaches';
import { EntityResolver } from '../entities/EntityResolver';
import { AccessControl } from '../permissions/AccessControl';
import { InspectService } from './InspectService';
import { KubeWriteClient, createKubeWriteClient } from './kubeClient';
import { ObjectWriter } from './ObjectWriter';
import { OwnershipIndex } from './OwnershipIndex';
import { Placement } from './placement';
import {
  AccessDecision,
  AccessDecisionWriteScope,
  EntityWriteScope,
  PlatformWriteScope,
} from './scopes';

/** Makes the write scope of a request (the strategy the object writer asks: authorize / place / claim). */
export interface WriteScopes {
  placement: Placement;
  entity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): EntityWriteScope;
  /** the entity's Secrets (`ai-gateway.secret.write`) */
  secrets(
    entityRef: string,
    credentials: BackstageCredentials,
  ): EntityWriteScope;
  platform(credentials: BackstageCredentials): PlatformWriteScope;
  /** a grant's objects under an access decision (sole ownership checked by the ownership index) */
  access(decision: AccessDecision): AccessDecisionWriteScope;
}

/**
 * Wires the write side: one validator (the bundled CRDs, loaded on the first write), one KubeWriteClient
 * per cluster, the ownership index (`aiGateway.ownership.refreshSeconds`, default 60), the write cluster
 * (`aiGateway.writeCluster`), the scopes and the one object writer.
 */
export function createMutationServices(options: {
  config: Config;
  logger: LoggerService;
  reader: ResourceReader;
  entities: EntityResolver;
  access: AccessControl;
  catalog: CatalogService;
  auth: AuthService;
  auditor: AuditorService;
  kubeConfig(cluster: string): KubeConfig;
}) {
  const clients = new Map<string, KubeWriteClient>();
  const clientFor = (cluster: string) => {
    let c = clients.get(cluster);
    if (!c) {
      c = createKubeWriteClient(options.kubeConfig(cluster));
      clients.set(cluster, c);
    }
    return c;
  };
  let loaded: CrdValidator | undefined;
  const get = () => (loaded ??= createCrdValidator(loadBundledCrds()));
  const validator: CrdValidator = {
    knows: (apiVersion, kind) => get().knows(apiVersion, kind),
    validate: (object, opts) => get().validate(object, opts),
  };
  const refreshSeconds =
    options.config.getOptionalNumber('aiGateway.ownership.refreshSeconds') ??
    60;
  const deps = {
    entities: options.entities,
    access: options.access,
    placement: new Placement(
      options.reader,
      options.config.getOptionalString('aiGateway.writeCluster'),
    ),
    ownership: new OwnershipIndex({
      catalog: options.catalog,
      auth: options.auth,
      logger: options.logger,
      refreshMs: refreshSeconds * 1000,
    }),
  };
  const partitions = new PartitionResolver({
    configured: readConfiguredPartitions(options.config),
    gateway: (cluster, namespace, name) =>
      options.reader.get(cluster, 'Gateway', namespace, name),
    gateways: cluster => options.reader.query(cluster, 'Gateway'),
    listenerSet: (cluster, namespace, name) =>
      options.reader.get(cluster, 'ListenerSet', namespace, name),
  });
  const scopes: WriteScopes = {
    placement: deps.placement,
    entity: (ref, credentials) => new EntityWriteScope(deps, ref, credentials),
    secrets: (ref, credentials) =>
      new EntityWriteScope(deps, ref, credentials, ['secret']),
    platform: credentials => new PlatformWriteScope(deps, credentials),
    access: decision =>
      new AccessDecisionWriteScope({
        claimants: o => deps.ownership.claimants(o),
        ...decision,
      }),
  };
  return {
    auditor: options.auditor,
    logger: options.logger,
    scopes,
    writer: new ObjectWriter({
      validator,
      partitions,
      reader: options.reader,
      clientFor,
      logger: options.logger,
    }),
    inspect: new InspectService({
      reader: options.reader,
      scopes,
      partitions,
      routeOwners: route => deps.ownership.subjects(route),
    }),
    partitions,
  };
}
