import type { CustomResourceDefinition } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { serverSideApply, trackUpdate } from '../apply/managedFields';
import { schemaFor } from '../apply/schemaFor';
import {
  STALE,
  alreadyExists,
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
} from './metadata';
import type { DeleteOptions } from './deletion';
import type { WriteOptions } from './writeOptions';
import { replacement } from './replacement';
import { deleteObject, lastFinalizerRemoved } from './deleteObject';
import { crdStatus } from './crdStatus';
import { requireNamespace } from './namespaceLifecycle';
import { removeObject } from './removal';
import {
  applyConflict,
  checkUnknownFields,
  checkUpdatePreconditions,
} from './writeChecks';

export type { WriteOptions } from './writeOptions';

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
    const o = this.find(type, namespace, name);
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
    requireNamespace(
      this.store,
      type,
      m.namespace,
      opts.seeding ? undefined : m.name,
    );
    if (this.find(type, m.namespace, m.name)) throw alreadyExists(type, m.name);
    newIdentity(obj);
    if (type.hasStatus && !opts.seeding) delete obj.status;
    if (type.kind === 'CustomResourceDefinition') obj.status = crdStatus(obj);
    const v = this.validation.validate(type, obj, undefined, {
      seeding: opts.seeding,
    });
    if (v.causes.length > 0)
      throw invalid(type.kind, type.group, m.name, v.causes);
    checkUnknownFields(type, v.unknownFields, opts);
    const result = v.object;
    if (!opts.keepManagedFields)
      result.metadata!.managedFields = trackUpdate({
        live: undefined,
        updated: result,
        manager: opts.manager,
        schema: schemaFor(this.store, type, opts.version),
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
    checkUpdatePreconditions(type, existing, obj);
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
      schema: schemaFor(this.store, type, version),
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
    const next = replacement(type, existing, obj, opts);
    const v = this.validation.validate(type, next, existing);
    if (v.causes.length > 0)
      throw invalid(type.kind, type.group, existing.metadata!.name, v.causes);
    if (opts.subresource !== 'status')
      checkUnknownFields(type, v.unknownFields, opts);
    // validation ratcheting: rules that failed at values the update left unchanged (schema/cel/validation.go)
    if (v.warnings) opts.warnings?.push(...v.warnings);
    const result = v.object;
    if (specChanged(type, existing, result))
      result.metadata!.generation = (existing.metadata!.generation ?? 1) + 1;
    if (!opts.keepManagedFields) {
      result.metadata!.managedFields = trackUpdate({
        live: existing,
        updated: result,
        manager: opts.manager,
        subresource: opts.subresource,
        schema: schemaFor(this.store, type, opts.version),
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
    if (lastFinalizerRemoved(existing, result)) {
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
    return deleteObject(this, type, this.get(type, namespace, name), opts);
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
    return removeObject(this, type, existing);
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
}
