import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  KubeObject,
  ResourceKindDescriptor,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResolvedSelection } from '../entities/selection';
import { MutationAuditMeta } from './audit';
import { fromKubeError } from './errors';
import type { MutationServiceOptions } from './MutationService';
import { isSelected } from './ownership';
import { assertSoleOwner, resolveEntityFor } from './pipeline';
import { ReferenceContext } from './references';

/** What every entity-scoped route needs: the entity (with a permission), its existing objects, reference lookups. */
export class EntityScope {
  constructor(private readonly o: MutationServiceOptions) {}

  /**
   * The entity's existing object, read fresh from the API server: 404 when it does not exist or the
   * entity does not select it (so names of others' objects do not leak), 409 when several entities select it.
   */
  async owned(
    resolved: ResolvedSelection,
    kind: ResourceKindDescriptor,
    name: string,
    meta: MutationAuditMeta,
    namespaceHint?: string,
  ): Promise<{ cluster: string; current: KubeObject }> {
    meta.kind = kind.kind;
    meta.name = name;
    const cluster = this.o.placement.clusterOf(
      kind.kind,
      name,
      resolved,
      resolved.selection.namespace,
    );
    const namespace = this.o.placement.locate(
      cluster,
      resolved,
      kind.kind,
      name,
      namespaceHint,
    );
    Object.assign(meta, { cluster, namespace });
    let current: KubeObject | undefined;
    try {
      current = await this.o.clientFor(cluster).get(kind, namespace, name);
    } catch (e) {
      throw fromKubeError(e, cluster);
    }
    if (!current || !isSelected(resolved, current))
      throw new NotFoundError(
        `${kind.kind} ${name} not found for ${resolved.selection.entityRef}`,
      );
    await assertSoleOwner(
      this.o.ownership,
      resolved.selection.entityRef,
      current,
    );
    return { cluster, current };
  }

  resolve(
    entityRef: string,
    credentials: BackstageCredentials,
    permission: Parameters<typeof resolveEntityFor>[4],
  ) {
    return resolveEntityFor(
      this.o.entities,
      this.o.access,
      entityRef,
      credentials,
      permission,
    );
  }

  refContext(cluster: string): ReferenceContext {
    const client = this.o.clientFor(cluster);
    return {
      cluster,
      reader: this.o.reader,
      namespaceLabels: async (ns: string) => {
        try {
          return await client.namespaceLabels(ns);
        } catch (e) {
          throw fromKubeError(e, cluster);
        }
      },
    };
  }
}
