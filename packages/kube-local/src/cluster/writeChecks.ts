import { ApplyConflict, conflictMessage } from '../apply/managedFields';
import {
  STALE,
  StatusError,
  badRequest,
  conflict,
  invalid,
} from '../errors/StatusError';
import { KubeObject, ResourceType } from '../types';

/** What the unknown-field check needs of the write options. */
export interface UnknownFieldOptions {
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  seeding?: boolean;
  warnings?: string[];
  version?: string;
  patched?: KubeObject;
}

/**
 * Unknown fields (pruned by the CRD schema, or unknown top-level fields of a built-in kind): under
 * fieldValidation=Strict a 400 for create / update / apply (the strict decoding error of the body) or a 422 on
 * `patch` for merge / JSON patches; `Warning` headers under Warn (the default); nothing under Ignore.
 */
export function checkUnknownFields(
  type: ResourceType,
  unknown: string[],
  opts: UnknownFieldOptions,
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

/** 409 Conflict of a server-side apply, one `FieldManagerConflict` cause per conflicting field and manager. */
export function applyConflict(
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
      message: `conflict with ${c.manager}`,
      field: c.field,
    })),
  });
}

/** PUT: a `metadata.uid` must be the stored one, `metadata.resourceVersion` is a precondition (required for custom resources). */
export function checkUpdatePreconditions(
  type: ResourceType,
  existing: KubeObject,
  obj: KubeObject,
): void {
  const name = existing.metadata!.name;
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
}
