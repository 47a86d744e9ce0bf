import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CreateResourceResponse,
  KubeObject,
  ResourceItem,
  aiGatewayPlatformManagePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { toResourceItem } from '../service/items';
import { MutationAuditMeta } from './audit';
import { StaleObjectError, kubeCall } from './errors';
import { MutationServiceOptions } from './MutationService';
import {
  cleanForWrite,
  kindForWrite,
  schemaCauses,
  throwIfCauses,
} from './pipeline';
import { checkReferences } from './references';

/**
 * Platform kinds (Gateway, AgentgatewayParameters; GatewayClass is read-only) in any namespace, gated by
 * `ai-gateway.platform.manage`. Same pipeline as entity writes minus ownership: validator → reference rules →
 * dry run → write; updates carry the resourceVersion they were based on (409 with `current` when stale).
 */
export class PlatformService {
  constructor(private readonly o: MutationServiceOptions) {}

  async create(
    object: KubeObject,
    credentials: BackstageCredentials,
    meta: MutationAuditMeta,
  ): Promise<CreateResourceResponse> {
    await this.o.access.authorize(
      credentials,
      aiGatewayPlatformManagePermission,
    );
    const kind = kindForWrite(object, ['platform']);
    const clean = cleanForWrite(kind, object, false);
    const namespace = clean.metadata.namespace;
    Object.assign(meta, {
      kind: kind.kind,
      name: clean.metadata.name,
      namespace,
    });
    if (!namespace)
      throw new InputError('metadata.namespace: required for platform objects');
    const cluster = this.o.placement.writeClusterFor();
    meta.cluster = cluster;
    await this.check(kind, clean, cluster);
    const client = this.o.clientFor(cluster);
    await kubeCall(cluster, [], () => client.create(kind, clean, true));
    const result = await kubeCall(cluster, [], () =>
      client.create(kind, clean, false),
    );
    return {
      item: toResourceItem(cluster, kind, result, 'owned'),
      secrets: [],
    };
  }

  async update(
    kindName: string,
    namespace: string,
    name: string,
    object: KubeObject,
    credentials: BackstageCredentials,
    meta: MutationAuditMeta,
  ): Promise<ResourceItem> {
    await this.o.access.authorize(
      credentials,
      aiGatewayPlatformManagePermission,
    );
    const kind = kindForWrite(object, ['platform'], kindName);
    Object.assign(meta, { kind: kind.kind, name, namespace });
    if (
      object.metadata?.name !== name ||
      (object.metadata.namespace ?? namespace) !== namespace
    )
      throw new InputError(
        `metadata.name / metadata.namespace: the body must name ${namespace}/${name} like the URL`,
      );
    const resourceVersion = object.metadata.resourceVersion;
    if (!resourceVersion)
      throw new InputError(
        'metadata.resourceVersion: required (the version the edit is based on)',
      );
    const { cluster, current } = await this.current(
      kind.kind,
      namespace,
      name,
      meta,
    );
    const client = this.o.clientFor(cluster);
    if (current.metadata.resourceVersion !== resourceVersion)
      throw new StaleObjectError(
        `${kind.kind} ${namespace}/${name} was changed`,
        toResourceItem(cluster, kind, current, 'owned'),
      );
    const clean = { ...cleanForWrite(kind, object, true) };
    clean.metadata = { ...clean.metadata, namespace };
    await this.check(kind, clean, cluster, current);
    try {
      await kubeCall(cluster, [], () => client.replace(kind, clean, true));
      return toResourceItem(
        cluster,
        kind,
        await kubeCall(cluster, [], () => client.replace(kind, clean, false)),
        'owned',
      );
    } catch (e: any) {
      if (e?.name !== 'ConflictError') throw e;
      const now = await client
        .get(kind, namespace, name)
        .catch(() => undefined);
      throw new StaleObjectError(
        e.message,
        now ? toResourceItem(cluster, kind, now, 'owned') : undefined,
      );
    }
  }

  async delete(
    kindName: string,
    namespace: string,
    name: string,
    resourceVersion: string | undefined,
    credentials: BackstageCredentials,
    meta: MutationAuditMeta,
  ): Promise<void> {
    await this.o.access.authorize(
      credentials,
      aiGatewayPlatformManagePermission,
    );
    const kind = kindForWrite(undefined, ['platform'], kindName);
    Object.assign(meta, { kind: kind.kind, name, namespace });
    const { cluster } = await this.current(kind.kind, namespace, name, meta);
    const client = this.o.clientFor(cluster);
    const options = { resourceVersion };
    await kubeCall(cluster, [], () =>
      client.delete(kind, namespace, name, { ...options, dryRun: true }),
    );
    await kubeCall(cluster, [], () =>
      client.delete(kind, namespace, name, { ...options, dryRun: false }),
    );
  }

  private async current(
    kindName: string,
    namespace: string,
    name: string,
    meta: MutationAuditMeta,
  ) {
    const kind = kindForWrite(undefined, ['platform'], kindName);
    const cluster = this.o.placement.clusterOf(
      kind.kind,
      name,
      undefined,
      namespace,
    );
    meta.cluster = cluster;
    const current = await kubeCall(cluster, [], () =>
      this.o.clientFor(cluster).get(kind, namespace, name),
    );
    if (!current)
      throw new NotFoundError(`${kind.kind} ${namespace}/${name} not found`);
    return { cluster, current };
  }

  private async check(
    kind: ReturnType<typeof kindForWrite>,
    object: KubeObject,
    cluster: string,
    old?: KubeObject,
  ) {
    throwIfCauses(
      schemaCauses(this.o.validator, object, old),
      `${kind.kind} ${object.metadata.name}`,
    );
    const client = this.o.clientFor(cluster);
    throwIfCauses(
      await checkReferences(kind, object, {
        cluster,
        reader: this.o.reader,
        namespaceLabels: ns =>
          kubeCall(cluster, [], () => client.namespaceLabels(ns)),
      }),
      `${kind.kind} ${object.metadata.name}`,
    );
  }
}
