import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  CreateResourceRequest,
  CreateResourceResponse,
  KubeObject,
  ResourceItem,
  aiGatewayCreatePermission,
  aiGatewayDeletePermission,
  aiGatewayUpdatePermission,
  getKind,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { CrdValidator } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { ResourceReader } from '../cache/ResourceCaches';
import { EntityResolver } from '../entities/EntityResolver';
import { AccessControl } from '../permissions/AccessControl';
import { toResourceItem } from '../service/items';
import { MutationAuditMeta } from './audit';
import { StaleObjectError, fromKubeError } from './errors';
import { KubeWriteClient } from './kubeClient';
import { claimForEntity } from './ownership';
import { OwnershipIndex } from './OwnershipIndex';
import {
  assertSoleOwner,
  cleanForWrite,
  kindForWrite,
  schemaCauses,
  secretCauses,
  throwIfCauses,
} from './pipeline';
import { Placement } from './placement';
import { checkReferences } from './references';
import { EntityScope } from './EntityScope';

export interface MutationServiceOptions {
  reader: ResourceReader;
  entities: EntityResolver;
  access: AccessControl;
  validator: CrdValidator;
  ownership: OwnershipIndex;
  placement: Placement;
  clientFor(cluster: string): KubeWriteClient;
}

/**
 * Create / update / delete of an entity's objects, one code path for every entity-scoped kind of the
 * registry. Each write goes: permission → shared validator (schema + CEL) → ownership and reference rules →
 * API server dry run → write. Nothing is half-written; Kubernetes errors are mapped (see `fromKubeError`).
 */
export class MutationService {
  /** Entity resolution, owned-object lookup and reference context, shared with the other services. */
  readonly scope: EntityScope;

  constructor(private readonly o: MutationServiceOptions) {
    this.scope = new EntityScope(o);
  }

  async create(
    entityRef: string,
    body: CreateResourceRequest,
    credentials: BackstageCredentials,
    meta: MutationAuditMeta,
  ): Promise<CreateResourceResponse> {
    const resolved = await this.scope.resolve(
      entityRef,
      credentials,
      aiGatewayCreatePermission,
    );
    const kind = kindForWrite(body.object, ['entity']);
    meta.kind = kind.kind;
    meta.name = body.object?.metadata?.name;
    const cluster = this.o.placement.writeClusterFor(resolved);
    const namespace = this.o.placement.namespaceFor(
      cluster,
      resolved,
      body.object.metadata?.namespace,
    );
    Object.assign(meta, { cluster, namespace });
    const object = claimForEntity(
      resolved,
      cleanForWrite(kind, body.object, false),
      namespace,
    );
    const secretKind = getKind('Secret');
    const secrets = (body.secrets ?? []).map(s => ({
      input: s,
      object: claimForEntity(
        resolved,
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: s.name },
          type: s.type ?? 'Opaque',
          stringData: s.stringData,
        },
        namespace,
      ),
    }));
    const values = secretValues(body.secrets);

    throwIfCauses(
      [
        ...schemaCauses(this.o.validator, object),
        ...secrets.flatMap((s, i) => secretCauses(s.input, `secrets[${i}].`)),
      ],
      `${kind.kind} ${object.metadata.name}`,
    );
    await assertSoleOwner(
      this.o.ownership,
      resolved.selection.entityRef,
      object,
    );
    for (const s of secrets)
      await assertSoleOwner(
        this.o.ownership,
        resolved.selection.entityRef,
        s.object,
      );
    throwIfCauses(
      await checkReferences(kind, object, this.scope.refContext(cluster)),
      `${kind.kind} ${object.metadata.name}`,
    );

    const client = this.o.clientFor(cluster);
    const kube = async <T>(fn: () => Promise<T>) => {
      try {
        return await fn();
      } catch (e) {
        throw fromKubeError(e, cluster, values);
      }
    };
    // dry-run both before writing either
    for (const s of secrets)
      await kube(() => client.create(secretKind, s.object, true));
    await kube(() => client.create(kind, object, true));

    const created: KubeObject[] = [];
    try {
      for (const s of secrets)
        created.push(
          await kube(() => client.create(secretKind, s.object, false)),
        );
      const result = await kube(() => client.create(kind, object, false));
      return {
        item: toResourceItem(cluster, kind, result, 'owned'),
        secrets: created.map(c =>
          toResourceItem(cluster, secretKind, c, 'owned'),
        ),
      };
    } catch (e) {
      // secret + object atomicity: remove the Secrets this request created
      for (const c of created) {
        await client
          .delete(secretKind, namespace, c.metadata.name, {
            dryRun: false,
            resourceVersion: c.metadata.resourceVersion,
          })
          .catch(() => undefined);
      }
      throw e;
    }
  }

  async update(
    entityRef: string,
    kindName: string,
    name: string,
    body: { object: KubeObject },
    credentials: BackstageCredentials,
    meta: MutationAuditMeta,
  ): Promise<ResourceItem> {
    const resolved = await this.scope.resolve(
      entityRef,
      credentials,
      aiGatewayUpdatePermission,
    );
    const kind = kindForWrite(body.object, ['entity'], kindName);
    if (body.object.metadata?.name !== name)
      throw new InputError(
        `metadata.name: the body names '${body.object.metadata?.name}', the URL '${name}'`,
      );
    const resourceVersion = body.object.metadata.resourceVersion;
    if (!resourceVersion)
      throw new InputError(
        'metadata.resourceVersion: required (the version the edit is based on)',
      );
    const { cluster, current } = await this.scope.owned(
      resolved,
      kind,
      name,
      meta,
      body.object.metadata.namespace,
    );
    if (current.metadata.resourceVersion !== resourceVersion) {
      throw new StaleObjectError(
        `${kind.kind} ${name} was changed (resourceVersion ${current.metadata.resourceVersion}, edit based on ${resourceVersion})`,
        toResourceItem(cluster, kind, current, 'owned'),
      );
    }
    const object = claimForEntity(
      resolved,
      cleanForWrite(kind, body.object, true),
      current.metadata.namespace!,
    );
    throwIfCauses(
      schemaCauses(this.o.validator, object, current),
      `${kind.kind} ${name}`,
    );
    // the edited labels must not make another entity select the object too
    await assertSoleOwner(
      this.o.ownership,
      resolved.selection.entityRef,
      object,
    );
    throwIfCauses(
      await checkReferences(kind, object, this.scope.refContext(cluster)),
      `${kind.kind} ${name}`,
    );
    const client = this.o.clientFor(cluster);
    try {
      await client.replace(kind, object, true);
      return toResourceItem(
        cluster,
        kind,
        await client.replace(kind, object, false),
        'owned',
      );
    } catch (e) {
      const mapped = fromKubeError(e, cluster);
      if (mapped.name === 'ConflictError') {
        // lost the race between our check and the write: answer with the object as it is now
        const now = await client
          .get(kind, current.metadata.namespace!, name)
          .catch(() => undefined);
        throw new StaleObjectError(
          mapped.message,
          now ? toResourceItem(cluster, kind, now, 'owned') : undefined,
        );
      }
      throw mapped;
    }
  }

  async delete(
    entityRef: string,
    kindName: string,
    name: string,
    resourceVersion: string | undefined,
    credentials: BackstageCredentials,
    meta: MutationAuditMeta,
  ): Promise<void> {
    const resolved = await this.scope.resolve(
      entityRef,
      credentials,
      aiGatewayDeletePermission,
    );
    const kind = kindForWrite(undefined, ['entity'], kindName);
    const { cluster, current } = await this.scope.owned(
      resolved,
      kind,
      name,
      meta,
    );
    if (
      resourceVersion &&
      current.metadata.resourceVersion !== resourceVersion
    ) {
      throw new StaleObjectError(
        `${kind.kind} ${name} was changed (resourceVersion ${current.metadata.resourceVersion})`,
        toResourceItem(cluster, kind, current, 'owned'),
      );
    }
    const client = this.o.clientFor(cluster);
    const options = {
      resourceVersion: resourceVersion ?? current.metadata.resourceVersion,
    };
    try {
      await client.delete(kind, current.metadata.namespace!, name, {
        ...options,
        dryRun: true,
      });
      await client.delete(kind, current.metadata.namespace!, name, {
        ...options,
        dryRun: false,
      });
    } catch (e) {
      throw fromKubeError(e, cluster);
    }
  }
}

/** Every secret value of a request (to keep them out of error messages). */
export function secretValues(
  secrets?: Array<{ stringData?: Record<string, string> }>,
): string[] {
  return (secrets ?? []).flatMap(s =>
    Object.values(s.stringData ?? {}).filter(
      v => typeof v === 'string' && v.length > 0,
    ),
  );
}
