import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  KubeObject,
  PatchSecretRequest,
  PutSecretRequest,
  ResourceItem,
  aiGatewaySecretWritePermission,
  getKind,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { toResourceItem } from '../service/items';
import { MutationAuditMeta } from './audit';
import { kubeCall } from './errors';
import { MutationService, secretValues } from './MutationService';
import { claimForEntity, isSelected } from './ownership';
import { assertSoleOwner, secretCauses, throwIfCauses } from './pipeline';

/**
 * Secrets of an entity: write-only. Values go to the API server in `stringData` and nowhere else — not in
 * answers (the client strips every Secret it reads back), logs, audit events or error messages.
 */
export class SecretService {
  constructor(
    private readonly mutations: MutationService,
    private readonly o: ConstructorParameters<typeof MutationService>[0],
  ) {}

  /** Creates the Secret, or rotates it (replaces every key) when the entity already owns one of that name. */
  async put(
    entityRef: string,
    name: string,
    body: PutSecretRequest,
    credentials: BackstageCredentials,
    meta: MutationAuditMeta,
  ): Promise<ResourceItem> {
    const resolved = await this.mutations.scope.resolve(
      entityRef,
      credentials,
      aiGatewaySecretWritePermission,
    );
    const kind = getKind('Secret');
    Object.assign(meta, { kind: 'Secret', name });
    const values = secretValues([body]);
    throwIfCauses(secretCauses({ name, ...body }), `Secret ${name}`);
    const cluster = this.o.placement.clusterOf(
      'Secret',
      name,
      resolved,
      resolved.selection.namespace,
    );
    const namespace = this.o.placement.namespaceFor(cluster, resolved);
    Object.assign(meta, { cluster, namespace });
    const client = this.o.clientFor(cluster);
    const k = <T>(fn: () => Promise<T>) => kubeCall(cluster, values, fn);
    const existing = await k(() => client.get(kind, namespace, name));
    if (existing && !isSelected(resolved, existing)) {
      throw new ConflictError(
        `A Secret named ${name} already exists in ${namespace} and does not belong to ${entityRef}`,
      );
    }
    meta.action = existing ? 'update' : 'create';
    const secret: KubeObject = claimForEntity(
      resolved,
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name,
          ...(existing?.metadata.labels
            ? { labels: existing.metadata.labels }
            : {}),
          ...(existing?.metadata.annotations
            ? { annotations: existing.metadata.annotations }
            : {}),
          ...(existing
            ? { resourceVersion: existing.metadata.resourceVersion }
            : {}),
        },
        type: body.type ?? existing?.type ?? 'Opaque',
        stringData: body.stringData,
      },
      namespace,
    );
    await assertSoleOwner(
      this.o.ownership,
      resolved.selection.entityRef,
      secret,
    );
    const write = (dryRun: boolean) =>
      existing
        ? client.replace(kind, secret, dryRun)
        : client.create(kind, secret, dryRun);
    await k(() => write(true));
    return toResourceItem(cluster, kind, await k(() => write(false)), 'owned');
  }

  /**
   * Rotates only the keys sent: a JSON merge patch of `stringData` onto the entity's existing Secret (404 when
   * it does not exist or is not the entity's), based on the `resourceVersion` just read (409 when it changed
   * in between). Keys not sent keep their values — the backend never reads them.
   */
  async patch(
    entityRef: string,
    name: string,
    body: PatchSecretRequest,
    credentials: BackstageCredentials,
    meta: MutationAuditMeta,
  ): Promise<ResourceItem> {
    const resolved = await this.mutations.scope.resolve(
      entityRef,
      credentials,
      aiGatewaySecretWritePermission,
    );
    const kind = getKind('Secret');
    Object.assign(meta, { kind: 'Secret', name, action: 'update' });
    const values = secretValues([body]);
    throwIfCauses(
      secretCauses({ name, stringData: body.stringData }),
      `Secret ${name}`,
    );
    const { cluster, current } = await this.mutations.scope.owned(
      resolved,
      kind,
      name,
      meta,
    );
    const client = this.o.clientFor(cluster);
    const namespace = current.metadata.namespace!;
    const patch = {
      metadata: { resourceVersion: current.metadata.resourceVersion },
      stringData: body.stringData,
    };
    const write = (dryRun: boolean) =>
      kubeCall(cluster, values, () =>
        client.mergePatch(kind, namespace, name, patch, dryRun),
      );
    await write(true);
    return toResourceItem(cluster, kind, await write(false), 'owned');
  }

  async delete(
    entityRef: string,
    name: string,
    credentials: BackstageCredentials,
    meta: MutationAuditMeta,
  ): Promise<void> {
    const resolved = await this.mutations.scope.resolve(
      entityRef,
      credentials,
      aiGatewaySecretWritePermission,
    );
    const kind = getKind('Secret');
    const { cluster, current } = await this.mutations.scope.owned(
      resolved,
      kind,
      name,
      meta,
    );
    const client = this.o.clientFor(cluster);
    const options = { resourceVersion: current.metadata.resourceVersion };
    await kubeCall(cluster, [], () =>
      client.delete(kind, current.metadata.namespace!, name, {
        ...options,
        dryRun: true,
      }),
    );
    await kubeCall(cluster, [], () =>
      client.delete(kind, current.metadata.namespace!, name, {
        ...options,
        dryRun: false,
      }),
    );
  }
}
