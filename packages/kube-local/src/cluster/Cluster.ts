import type { CustomResourceDefinition } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import {
  ApplyConflict,
  conflictMessage,
  serverSideApply,
  trackUpdate,
} from '../apply/managedFields';
import {
  QualifiedResource,
  STALE,
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
} from '../errors/StatusError';
import { ResourceRegistry } from '../registry/ResourceRegistry';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject, ResourceType, deepClone, typeKey } from '../types';
import { ObjectValidation } from '../validation/ObjectValidation';
import { Admission } from '../admission/Admission';
import {
  applyNamespace,
  checkName,
  checkTypeOf,
  generateName,
  isNoop,
  newIdentity,
  specChanged,
  timestamp,
} from './metadata';
import {
  DeleteOptions,
  checkDeletePreconditions,
  finalizersAfterPolicy,
  markAsDeleting,
  validateDeleteOptions,
} from './deletion';
import { crdStatus } from './crdStatus';

export interface WriteOptions {
  /** Field manager recorded in managedFields. */
  manager: string;
  dryRun?: boolean;
  /** Seeding keeps `.status` on kinds with a status subresource. */
  seeding?: boolean;
  subresource?: 'status';
  /** `fieldValidation`: Strict rejects fields the CRD schema prunes (400), Warn (default) reports them in `warnings`. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Collects `Warning` header texts. */
  warnings?: string[];
  /** The requesting user (admission webhooks see it). */
  user?: string;
  /** The URL's version (named in strict decoding errors). */
  version?: string;
  /** Merge / JSON patches: the patched object, named in the 422 of fieldValidation=Strict. */
  patched?: KubeObject;
}

const NAMESPACES: QualifiedResource = { group: '', plural: 'namespaces' };
const NAMESPACE_PENDING =
  'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.';

/** NamespaceLifecycle admission: no new content in a terminating namespace (403). */
function namespaceTerminating(
  type: ResourceType,
  name: string,
  namespace: string,
): StatusError {
  const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
  return new StatusError(
    403,
    'Forbidden',
    `${resource} ${JSON.stringify(
      name,
    )} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    {
      name,
      group: type.group || undefined,
      kind: type.plural,
      causes: [
        {
          reason: 'NamespaceTerminating',
          message: `namespace ${namespace} is being terminated`,
          field: 'metadata.namespace',
        },
      ],
    },
  );
}

/** The API server's object semantics (create, update, patch, apply, delete) over the store. Every method is synchronous. */
export class Cluster {
  constructor(
    readonly registry: ResourceRegistry,
    readonly store: ObjectStore,
    readonly validation: ObjectValidation,
    readonly admission: Admission = new Admission(),
  ) {}

  get(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const o = this.store.get(
      typeKey(type.group, type.plural),
      namespace ?? '',
      name,
    );
    if (!o) throw notFound(type, name);
    return o;
  }

  find(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.store.get(
      typeKey(type.group, type.plural),
      namespace ?? '',
      name,
    );
  }

  requireNamespace(
    type: ResourceType,
    namespace: string | undefined,
    name?: string,
  ): void {
    if (!type.namespaced) return;
    const ns = namespace
      ? this.store.get('namespaces', '', namespace)
      : undefined;
    if (!ns) throw notFound(NAMESPACES, namespace ?? '');
    if (ns.metadata?.deletionTimestamp && name !== undefined)
      throw namespaceTerminating(type, name, namespace!);
  }

  /** The namespace controller's last step: content gone, drop the `kubernetes` finalizer and delete the namespace. */
  finalizeNamespace(name: string): void {
    const type = this.registry.byKind('', 'v1', 'Namespace')!;
    const ns = this.get(type, undefined, name);
    ns.spec = {
      ...ns.spec,
      finalizers: (ns.spec?.finalizers ?? []).filter(
        (f: string) => f !== 'kubernetes',
      ),
    };
    this.store.commit('namespaces', ns);
    this.delete(type, undefined, name, {});
  }

  create(
    type: ResourceType,
    version: string,
    namespace: string | undefined,
    body: KubeObject,
    opts: WriteOptions & { keepManagedFields?: boolean },
  ): KubeObject {
    const obj = deepClone(body);
    checkTypeOf(type, version, obj);
    applyNamespace(type, obj, namespace);
    const m = obj.metadata!;
    if (!m.name && m.generateName)
      m.name = generateName(String(m.generateName));
    if (!m.name) {
      throw invalid(type.kind, type.group, '', [
        {
          field: 'metadata.name',
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
        },
      ]);
    }
    this.requireNamespace(type, m.namespace, opts.seeding ? undefined : m.name);
    if (this.find(type, m.namespace, m.name)) throw alreadyExists(type, m.name);
    newIdentity(obj);
    if (type.hasStatus && !opts.seeding) delete obj.status;
    if (type.kind === 'CustomResourceDefinition') obj.status = crdStatus(obj);
    const v = this.validation.validate(type, obj);
    if (v.causes.length > 0)
      throw invalid(type.kind, type.group, m.name, v.causes);
    checkUnknownFields(type, v.unknownFields, opts);
    const result = v.object;
    if (!opts.keepManagedFields)
      result.metadata!.managedFields = trackUpdate({
        live: undefined,
        updated: result,
        manager: opts.manager,
      });
    if (!opts.seeding)
      this.admission.review({
        operation: 'CREATE',
        type,
        object: result,
        user: opts.user,
        dryRun: opts.dryRun,
        warnings: opts.warnings,
      });
    return this.commit(type, result, opts);
  }

  /** PUT: resourceVersion in the body is a precondition (custom resources require it, like the real server). */
  update(
    type: ResourceType,
    version: string,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    opts: WriteOptions,
  ): KubeObject {
    const existing = this.get(type, namespace, name);
    const obj = deepClone(body);
    checkTypeOf(type, version, obj);
    checkName(obj, name);
    applyNamespace(type, obj, namespace);
    const uid = obj.metadata!.uid;
    if (uid && uid !== existing.metadata!.uid) {
      throw conflict(
        type,
        name,
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${
          existing.metadata!.uid
        }`,
      );
    }
    const rv = obj.metadata!.resourceVersion;
    if (rv === undefined || rv === '') {
      if (type.custom) {
        // the store names the resource where the kind goes (registry/store.go: GroupKind{group, resource})
        throw invalid(type.plural, type.group, name, [
          {
            field: 'metadata.resourceVersion',
            reason: 'FieldValueInvalid',
            message: 'Invalid value: 0x0: must be specified for an update',
          },
        ]);
      }
    } else if (String(rv) !== existing.metadata!.resourceVersion)
      throw conflict(type, name, STALE);
    return this.replace(type, existing, obj, opts);
  }

  /** A patched object (merge / JSON patch result): its resourceVersion must still be the stored one. */
  patched(
    type: ResourceType,
    existing: KubeObject,
    patched: KubeObject,
    version: string,
    opts: WriteOptions,
  ): KubeObject {
    checkTypeOf(type, version, patched);
    const name = existing.metadata!.name;
    checkName(patched, name);
    applyNamespace(type, patched, existing.metadata!.namespace);
    if (
      String(patched.metadata!.resourceVersion ?? '') !==
      existing.metadata!.resourceVersion
    )
      throw conflict(type, name, STALE);
    return this.replace(type, existing, patched, opts);
  }

  /** Server-side apply (creates when missing). */
  apply(
    type: ResourceType,
    version: string,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    opts: WriteOptions & { force: boolean },
  ): KubeObject {
    const config = deepClone(body);
    checkTypeOf(type, version, config);
    checkName(config, name);
    applyNamespace(type, config, namespace);
    const existing = this.find(type, namespace, name);
    const rv = config.metadata!.resourceVersion;
    if (existing && rv && String(rv) !== existing.metadata!.resourceVersion)
      throw conflict(type, name, STALE);
    if (!existing && opts.subresource) throw notFound(type, name);
    const skipStatus = type.hasStatus && opts.subresource !== 'status';
    const r = serverSideApply({
      live: existing,
      config,
      manager: opts.manager,
      force: opts.force,
      skipStatus,
    });
    if (r.conflicts.length > 0) throw applyConflict(type, name, r.conflicts);
    if (!existing)
      return this.create(type, version, namespace, r.object, {
        ...opts,
        keepManagedFields: true,
      });
    return this.replace(type, existing, r.object, {
      ...opts,
      keepManagedFields: true,
    });
  }

  /** The common end of update / patch / apply: keep identity, separate status, validate, bump generation, commit. */
  private replace(
    type: ResourceType,
    existing: KubeObject,
    obj: KubeObject,
    opts: WriteOptions & { keepManagedFields?: boolean },
  ): KubeObject {
    let next: KubeObject;
    if (opts.subresource === 'status') {
      next = deepClone(existing);
      if (obj.status === undefined) delete next.status;
      else next.status = obj.status;
      if (opts.keepManagedFields)
        next.metadata!.managedFields = obj.metadata?.managedFields;
    } else {
      next = obj;
      const m = next.metadata!;
      const uid = m.uid;
      // an update can never set, remove or change the deletion timestamp and grace period (rest.BeforeUpdate)
      for (const k of [
        'name',
        'namespace',
        'creationTimestamp',
        'generation',
        'resourceVersion',
        'deletionTimestamp',
        'deletionGracePeriodSeconds',
      ]) {
        if (existing.metadata![k] === undefined) delete m[k];
        else m[k] = existing.metadata![k];
      }
      m.uid = uid || existing.metadata!.uid;
      if (type.hasStatus && !opts.seeding) {
        if (existing.status === undefined) delete next.status;
        else next.status = existing.status;
      }
      if (type.kind === 'CustomResourceDefinition')
        next.status = crdStatus(next);
    }
    const v = this.validation.validate(type, next, existing);
    if (v.causes.length > 0)
      throw invalid(type.kind, type.group, existing.metadata!.name, v.causes);
    if (opts.subresource !== 'status')
      checkUnknownFields(type, v.unknownFields, opts);
    const result = v.object;
    if (specChanged(type, existing, result))
      result.metadata!.generation = (existing.metadata!.generation ?? 1) + 1;
    if (!opts.keepManagedFields) {
      result.metadata!.managedFields = trackUpdate({
        live: existing,
        updated: result,
        manager: opts.manager,
        subresource: opts.subresource,
      });
    }
    if (isNoop(existing, result)) return existing;
    this.admission.review({
      operation: 'UPDATE',
      type,
      object: result,
      oldObject: existing,
      user: opts.user,
      dryRun: opts.dryRun,
      subresource: opts.subresource,
      warnings: opts.warnings,
    });
    // ShouldDeleteDuringUpdate: the last finalizer of a deleting object is gone, so the object is deleted now;
    // the answer is the updated object (what the request made of it).
    if (
      existing.metadata!.deletionTimestamp &&
      (existing.metadata!.finalizers ?? []).length > 0 &&
      (result.metadata!.finalizers ?? []).length === 0
    ) {
      if (!opts.dryRun) this.remove(type, existing);
      return result;
    }
    return this.commit(type, result, opts);
  }

  /**
   * DELETE: an object with finalizers (its own, or `orphan` / `foregroundDeletion` added by the propagation policy)
   * is only marked as deleting and stays until they are removed; otherwise it is removed. `deleted` tells which.
   */
  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions & { user?: string },
  ): { object: KubeObject; deleted: boolean } {
    const existing = this.get(type, namespace, name);
    validateDeleteOptions(opts);
    checkDeletePreconditions(type, existing, opts.preconditions);
    const dryRun = (opts.dryRun ?? []).includes('All');
    this.admission.review({
      operation: 'DELETE',
      type,
      oldObject: existing,
      user: opts.user,
      dryRun,
    });
    if (
      type.kind === 'Namespace' &&
      (existing.spec?.finalizers ?? []).length > 0
    ) {
      // the namespace registry: the first DELETE starts termination, the content is removed by the namespace
      // controller (./garbageCollector.ts), which then drops the `kubernetes` finalizer and deletes the namespace
      if (existing.metadata!.deletionTimestamp)
        throw conflict(NAMESPACES, name, NAMESPACE_PENDING);
      const marked = deepClone(existing);
      marked.metadata!.finalizers = finalizersAfterPolicy(existing, opts);
      if (marked.metadata!.finalizers.length === 0)
        delete marked.metadata!.finalizers;
      marked.metadata!.deletionTimestamp = timestamp();
      marked.status = { ...marked.status, phase: 'Terminating' };
      if (dryRun) return { object: marked, deleted: false };
      return {
        object: this.store.commit('namespaces', marked),
        deleted: false,
      };
    }
    const finalizers = finalizersAfterPolicy(existing, opts);
    if (finalizers.length > 0) {
      const marked = deepClone(existing);
      marked.metadata!.finalizers = finalizers;
      markAsDeleting(marked);
      if (dryRun || isNoop(existing, marked))
        return { object: marked, deleted: false };
      return {
        object: this.store.commit(typeKey(type.group, type.plural), marked),
        deleted: false,
      };
    }
    if (dryRun) return { object: existing, deleted: true };
    return { object: this.remove(type, existing), deleted: true };
  }

  /** A controller's metadata write (garbage collector): through the update path, so emptied finalizers delete. */
  updateMetadata(
    type: ResourceType,
    current: KubeObject,
    mutate: (metadata: Record<string, any>) => void,
  ): KubeObject {
    const next = deepClone(current);
    mutate(next.metadata!);
    return this.replace(
      type,
      this.get(type, current.metadata!.namespace, current.metadata!.name),
      next,
      { manager: 'garbage-collector' },
    );
  }

  /** Remove a stored object now (its finalizers are done), with the cascades the real control plane performs. */
  remove(type: ResourceType, existing: KubeObject): KubeObject {
    const m = existing.metadata!;
    const removed = this.store.remove(
      typeKey(type.group, type.plural),
      m.namespace ?? '',
      m.name,
    )!;
    if (type.kind === 'Namespace') this.purgeNamespace(m.name);
    if (type.kind === 'CustomResourceDefinition') this.dropCrd(removed);
    return removed;
  }

  private commit(
    type: ResourceType,
    obj: KubeObject,
    opts: WriteOptions,
  ): KubeObject {
    if (opts.dryRun) return obj;
    const stored = this.store.commit(typeKey(type.group, type.plural), obj);
    if (type.kind === 'CustomResourceDefinition') {
      this.registry.registerCrd(stored as CustomResourceDefinition);
      this.validation.setCrd(stored as CustomResourceDefinition);
    }
    return stored;
  }

  /** Namespace deletion is immediate here: everything in it is deleted too. */
  private purgeNamespace(ns: string): void {
    for (const t of this.registry.all()) {
      if (!t.namespaced) continue;
      const key = typeKey(t.group, t.plural);
      for (const o of this.store.list(key, ns))
        this.store.remove(key, ns, o.metadata!.name);
    }
  }

  private dropCrd(crd: KubeObject): void {
    const { group, names } = crd.spec ?? {};
    const key = typeKey(group, names?.plural);
    for (const o of this.store.list(key))
      this.store.remove(key, o.metadata?.namespace ?? '', o.metadata!.name);
    this.registry.unregister(group, names?.plural);
    this.validation.removeCrd(crd.metadata!.name);
  }
}

/**
 * Unknown fields (pruned by the CRD schema, or unknown top-level fields of a built-in kind): under
 * fieldValidation=Strict a 400 for create / update / apply (the strict decoding error of the body) or a 422 on
 * `patch` for merge / JSON patches; `Warning` headers under Warn (the default); nothing under Ignore.
 */
function checkUnknownFields(
  type: ResourceType,
  unknown: string[],
  opts: WriteOptions,
): void {
  if (opts.fieldValidation === 'Ignore' || opts.seeding || unknown.length === 0)
    return;
  const strict = `strict decoding error: ${unknown
    .map(f => `unknown field "${f}"`)
    .join(', ')}`;
  if (opts.fieldValidation === 'Strict') {
    if (opts.patched) {
      const value = JSON.stringify(JSON.stringify(opts.patched));
      throw invalid('', '', '', [
        {
          field: 'patch',
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${value}: ${strict}`,
        },
      ]);
    }
    const version = opts.version ?? type.versions[0];
    throw badRequest(
      `${type.kind} in version "${version}" cannot be handled as a ${type.kind}: ${strict}`,
    );
  }
  opts.warnings?.push(...unknown.map(f => `unknown field "${f}"`));
}

function applyConflict(
  type: ResourceType,
  name: string,
  conflicts: ApplyConflict[],
): StatusError {
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), {
    name,
    group: type.group || undefined,
    kind: type.plural,
    causes: conflicts.map(c => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${c.manager}"`,
      field: c.field,
    })),
  });
}
