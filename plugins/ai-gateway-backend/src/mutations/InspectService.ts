import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Capabilities,
  PlatformCapabilities,
  KubeObject,
  ObjectReference,
  ProblemsResponse,
  RESOURCE_KINDS,
  ReferrersResponse,
  ResourceItem,
  ValidateResponse,
  ValidationCause,
  aiGatewayReadPermission,
  findKind,
  findProblems,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { toResourceItem } from '../service/items';
import { fromKubeError, ValidationFailedError } from './errors';
import { MutationService, MutationServiceOptions } from './MutationService';
import { claimForEntity, isSelected } from './ownership';
import {
  assertSoleOwner,
  cleanForWrite,
  kindForWrite,
  schemaCauses,
} from './pipeline';
import { checkReferences } from './references';

/** Everything in `cluster` that references the object (from the registry's `references()`), from the caches. */
export function referrersOf(
  reader: MutationServiceOptions['reader'],
  cluster: string,
  target: { group: string; kind: string; namespace?: string; name: string },
): ResourceItem[] {
  const out: ResourceItem[] = [];
  const hits = (r: ObjectReference) =>
    r.group === target.group &&
    r.kind === target.kind &&
    r.name === target.name &&
    r.namespace === (target.namespace ?? '');
  for (const kind of RESOURCE_KINDS) {
    for (const obj of reader.query(cluster, kind.kind)) {
      if (kind.references(obj).some(hits))
        out.push(toResourceItem(cluster, kind, obj, 'owned'));
    }
  }
  return out;
}

/** Read-only questions about an entity's objects: live validation, referrers, completeness, capabilities. */
export class InspectService {
  constructor(
    private readonly mutations: MutationService,
    private readonly o: MutationServiceOptions,
  ) {}

  /**
   * What a create or update of `object` would answer, without writing: shared validator (schema + CEL),
   * then the ownership and reference rules, then an API server dry run (only when everything before passed).
   * Needs `ai-gateway.resource.read` on the entity. Problems are causes, not errors.
   */
  async validate(
    entityRef: string,
    object: KubeObject,
    credentials: BackstageCredentials,
  ): Promise<ValidateResponse> {
    const resolved = await this.mutations.scope.resolve(
      entityRef,
      credentials,
      aiGatewayReadPermission,
    );
    const causes: ValidationCause[] = [];
    const asCause = (e: any, field: string) => {
      if (e instanceof ValidationFailedError) causes.push(...e.causes);
      else if (
        e?.name === 'InputError' ||
        e?.name === 'AmbiguousOwnership' ||
        e?.name === 'NotFoundError'
      ) {
        const m = /^([a-zA-Z.\[\]0-9]+): (.*)$/s.exec(e.message);
        causes.push({
          field: m ? m[1] : field,
          message: m ? m[2] : e.message,
          reason: 'FieldValueInvalid',
        });
      } else throw e;
    };
    try {
      const kind = kindForWrite(object, ['entity']);
      const cluster = this.o.placement.writeClusterFor(resolved);
      const namespace = this.o.placement.namespaceFor(
        cluster,
        resolved,
        object.metadata?.namespace,
      );
      const claimed = claimForEntity(
        resolved,
        cleanForWrite(kind, object, true),
        namespace,
      );
      const client = this.o.clientFor(cluster);
      const current = claimed.metadata.name
        ? await client.get(kind, namespace, claimed.metadata.name).catch(e => {
            throw fromKubeError(e, cluster);
          })
        : undefined;
      if (current && !isSelected(resolved, current))
        causes.push({
          field: 'metadata.name',
          reason: 'FieldValueDuplicate',
          message: `a ${kind.kind} of this name already exists in ${namespace}`,
        });
      causes.push(...schemaCauses(this.o.validator, claimed, current));
      await assertSoleOwner(
        this.o.ownership,
        resolved.selection.entityRef,
        claimed,
      ).catch(e => asCause(e, 'metadata.labels'));
      causes.push(
        ...(await checkReferences(
          kind,
          claimed,
          this.mutations.scope.refContext(cluster),
        )),
      );
      if (causes.length === 0) {
        const body = current
          ? {
              ...claimed,
              metadata: {
                ...claimed.metadata,
                resourceVersion:
                  claimed.metadata.resourceVersion ??
                  current.metadata.resourceVersion,
              },
            }
          : claimed;
        try {
          await (current
            ? client.replace(kind, body, true)
            : client.create(kind, body, true));
        } catch (e) {
          const mapped = fromKubeError(e, cluster);
          if (mapped instanceof ValidationFailedError)
            causes.push(
              ...(mapped.causes.length
                ? mapped.causes
                : [{ field: '', message: mapped.message }]),
            );
          else if (mapped.name === 'ConflictError')
            causes.push({
              field: 'metadata.resourceVersion',
              reason: 'Conflict',
              message: mapped.message,
            });
          else if (mapped.name === 'InputError')
            causes.push({
              field: '',
              reason: 'BadRequest',
              message: mapped.message,
            });
          else throw mapped;
        }
      }
    } catch (e) {
      asCause(e, '');
    }
    return { valid: causes.length === 0, causes };
  }

  /** Objects that reference one of the entity's objects: the entity's own in full, others only counted. */
  async referrers(
    entityRef: string,
    kindName: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<ReferrersResponse & { others: number }> {
    const resolved = await this.mutations.scope.resolve(
      entityRef,
      credentials,
      aiGatewayReadPermission,
    );
    const kind = findKind(kindName);
    if (!kind) return this.notFound(kindName, name, entityRef);
    const cluster = this.o.placement.clusterOf(
      kind.kind,
      name,
      resolved,
      resolved.selection.namespace,
    );
    const target = this.o.reader
      .query(cluster, kind.kind, resolved.query)
      .find(o => o.metadata.name === name);
    if (!target) return this.notFound(kindName, name, entityRef);
    const all = referrersOf(this.o.reader, cluster, {
      group: kind.group,
      kind: kind.kind,
      namespace: target.metadata.namespace,
      name,
    });
    const own = all.filter(i => isSelected(resolved, i.object));
    return { items: own, others: all.length - own.length };
  }

  /** Completeness problems of the entity's objects in every cluster (see `findProblems`). */
  async problems(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ProblemsResponse> {
    const resolved = await this.mutations.scope.resolve(
      entityRef,
      credentials,
      aiGatewayReadPermission,
    );
    const { reader } = this.o;
    const kinds = RESOURCE_KINDS.filter(
      k => k.scope !== 'platform' || k.kind === 'Gateway',
    );
    await reader.waitUntilSettled(
      RESOURCE_KINDS.map(k => k.kind),
      5000,
    );
    const items = reader
      .clusterNames()
      .flatMap(cluster =>
        kinds.flatMap(kind =>
          reader
            .query(cluster, kind.kind, resolved.query)
            .map(o => toResourceItem(cluster, kind, o, 'owned')),
        ),
      );
    return {
      problems: findProblems(items, {
        exists: (cluster, ref) => {
          const kind = findKind(ref.kind);
          if (!kind || kind.group !== ref.group) return undefined;
          return (
            reader.get(
              cluster,
              kind.kind,
              kind.namespaced ? ref.namespace : undefined,
              ref.name,
            ) !== undefined
          );
        },
        referrerCount: (cluster, kind, namespace, name) =>
          referrersOf(reader, cluster, {
            group: findKind(kind)?.group ?? '',
            kind,
            namespace,
            name,
          }).filter(i =>
            i.references.some(
              r => r.role === 'backend' && r.kind === kind && r.name === name,
            ),
          ).length,
      }),
    };
  }

  async capabilities(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Capabilities> {
    await this.o.entities.get(entityRef, credentials);
    return this.o.access.capabilities(credentials, entityRef);
  }

  platformCapabilities(
    credentials: BackstageCredentials,
  ): Promise<PlatformCapabilities> {
    return this.o.access.platformCapabilities(credentials);
  }

  private notFound(kind: string, name: string, entityRef: string): never {
    throw new NotFoundError(`${kind} ${name} not found for ${entityRef}`);
  }
}
