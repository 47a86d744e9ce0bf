import { KubeObject, deepClone } from '../types';
import { deepEqual } from '../patch/mergePatch';
import { Schema, mergeApplied } from './listTypes';
import {
  FieldPath,
  decodeFieldsV1,
  deleteAt,
  encodeFieldsV1,
  getAt,
  leafPaths,
  overlaps,
  pathKey,
  pathString,
} from './fieldSet';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, any>;
  subresource?: string;
}

interface Owner {
  entry: ManagedFieldsEntry;
  paths: FieldPath[];
}

export interface ApplyConflict {
  /** How the conflict names the manager (printManager): `"m"`, `"m" using v1 at <time>` for Update managers. */
  manager: string;
  field: string;
}

/** fieldmanager's printManager. */
function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update')
    s += e.time
      ? ` using ${e.apiVersion} at ${e.time}`
      : ` using ${e.apiVersion}`;
  return s;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function owners(obj: KubeObject | undefined): Owner[] {
  const entries: ManagedFieldsEntry[] = obj?.metadata?.managedFields ?? [];
  return entries.map(entry => ({
    entry,
    paths: decodeFieldsV1(entry.fieldsV1),
  }));
}

function entriesOf(list: Owner[]): ManagedFieldsEntry[] {
  return list
    .filter(o => o.paths.length > 0)
    .map(o => ({ ...o.entry, fieldsV1: encodeFieldsV1(o.paths) }));
}

/**
 * Server-side apply of `config` by `manager` onto `live` (undefined on create). Returns the merged object with its
 * managedFields, or the conflicts (another manager owns a field whose value would change) when `force` is false.
 */
export function serverSideApply(args: {
  live: KubeObject | undefined;
  config: KubeObject;
  manager: string;
  force: boolean;
  skipStatus: boolean;
  /** The kind's structural schema (list-map keys, sets); atomic lists without one. */
  schema?: Schema;
}): { object: KubeObject; conflicts: ApplyConflict[] } {
  const { live, config, manager, force, skipStatus, schema } = args;
  const configPaths = leafPaths(config, { skipStatus, schema });
  const all = owners(live);
  const mine = all.find(
    o => o.entry.manager === manager && o.entry.operation === 'Apply',
  );
  const others = all.filter(o => o !== mine);

  const result: KubeObject = deepClone(live ?? {});
  // Fields this manager applied before but no longer applies, and nobody else owns, are removed.
  const configKeys = new Set(configPaths.map(pathKey));
  const otherKeys = new Set(others.flatMap(o => o.paths.map(pathKey)));
  for (const p of mine?.paths ?? [])
    if (!configKeys.has(pathKey(p)) && !otherKeys.has(pathKey(p)))
      deleteAt(result, p);
  const cfg = deepClone(config);
  if (skipStatus) delete cfg.status;
  const merged = mergeApplied(result, cfg, schema) as KubeObject;

  const conflicts: ApplyConflict[] = [];
  for (const o of others) {
    const lost: string[] = [];
    for (const q of o.paths) {
      if (!configPaths.some(p => overlaps(p, q))) continue;
      if (deepEqual(getAt(live, q), getAt(merged, q))) continue;
      conflicts.push({ manager: printManager(o.entry), field: pathString(q) });
      lost.push(pathKey(q));
    }
    if (force) o.paths = o.paths.filter(q => !lost.includes(pathKey(q)));
  }
  if (conflicts.length > 0 && !force) return { object: live ?? {}, conflicts };

  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion: config.apiVersion ?? '',
    time: now(),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
  };
  merged.metadata = {
    ...(merged.metadata ?? {}),
    managedFields: entriesOf([...others, { entry, paths: configPaths }]),
  };
  return { object: merged, conflicts: force ? [] : conflicts };
}

/**
 * Ownership after a non-apply write (create / update / patch): `manager` takes every leaf whose value changed,
 * other managers lose it; leaves that no longer exist are dropped from every manager.
 */
export function trackUpdate(args: {
  live: KubeObject | undefined;
  updated: KubeObject;
  manager: string;
  subresource?: string;
  schema?: Schema;
}): ManagedFieldsEntry[] {
  const { live, updated, manager, subresource, schema } = args;
  const present = leafPaths(updated, { schema });
  const presentKeys = new Set(present.map(pathKey));
  const changed = present.filter(
    p => !deepEqual(getAt(live, p), getAt(updated, p)),
  );
  const changedKeys = new Set(changed.map(pathKey));
  const list = owners(live);
  for (const o of list)
    o.paths = o.paths.filter(
      p => presentKeys.has(pathKey(p)) && !changedKeys.has(pathKey(p)),
    );
  let mine = list.find(
    o =>
      o.entry.manager === manager &&
      o.entry.operation === 'Update' &&
      o.entry.subresource === subresource,
  );
  if (!mine && changed.length > 0) {
    const entry: ManagedFieldsEntry = {
      manager,
      operation: 'Update',
      apiVersion: updated.apiVersion ?? '',
      time: now(),
      fieldsType: 'FieldsV1',
      fieldsV1: {},
    };
    if (subresource) entry.subresource = subresource;
    mine = { entry, paths: [] };
    list.push(mine);
  }
  if (mine && changed.length > 0) {
    mine.paths.push(...changed);
    mine.entry = { ...mine.entry, time: now() };
  }
  return entriesOf(list);
}

/** The apply conflict message kube-apiserver returns (fieldmanager getConflictMessage). */
export function conflictMessage(conflicts: ApplyConflict[]): string {
  if (conflicts.length === 1)
    return `Apply failed with 1 conflict: conflict with ${conflicts[0].manager}: ${conflicts[0].field}`;
  const byManager = new Map<string, string[]>();
  for (const c of conflicts)
    byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
  const lines = [...byManager.keys()]
    .sort()
    .flatMap(m => [
      `conflicts with ${m}:`,
      ...byManager.get(m)!.map(f => `- ${f}`),
    ]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
