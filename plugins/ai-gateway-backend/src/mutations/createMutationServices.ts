import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
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
import { MutationService } from './MutationService';
import { OwnershipIndex } from './OwnershipIndex';
import { Placement } from './placement';
import { PlatformService } from './PlatformService';
import { SecretService } from './SecretService';

/**
 * Wires the write side: one validator (the bundled CRDs), one KubeWriteClient per cluster, the ownership
 * index (`aiGateway.ownership.refreshSeconds`, default 60) and the write cluster (`aiGateway.writeCluster`).
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
  // the bundled CRDs take a moment to parse: loaded on the first write, not at startup
  let loaded: CrdValidator | undefined;
  const get = () => (loaded ??= createCrdValidator(loadBundledCrds()));
  const validator: CrdValidator = {
    knows: (apiVersion, kind) => get().knows(apiVersion, kind),
    validate: (object, opts) => get().validate(object, opts),
  };
  const refreshSeconds =
    options.config.getOptionalNumber('aiGateway.ownership.refreshSeconds') ??
    60;
  const o = {
    reader: options.reader,
    entities: options.entities,
    access: options.access,
    validator,
    ownership: new OwnershipIndex({
      catalog: options.catalog,
      auth: options.auth,
      logger: options.logger,
      refreshMs: refreshSeconds * 1000,
    }),
    placement: new Placement(
      options.reader,
      options.config.getOptionalString('aiGateway.writeCluster'),
    ),
    clientFor,
  };
  const mutations = new MutationService(o);
  return {
    auditor: options.auditor,
    mutations,
    secrets: new SecretService(mutations, o),
    platform: new PlatformService(o),
    inspect: new InspectService(mutations, o),
  };
}
