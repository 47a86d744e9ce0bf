import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest } from '../errors/StatusError';
import { deepEqual } from '../patch/mergePatch';
import {
  KubeObject,
  ResourceType,
  apiVersionOf,
  splitApiVersion,
} from '../types';

export const timestamp = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` + 5 random characters, like the API server's SimpleNameGenerator. */
export function generateName(prefix: string): string {
  const bytes = randomBytes(5);
  let suffix = '';
  for (const b of bytes)
    suffix += GENERATE_ALPHABET[b % GENERATE_ALPHABET.length];
  return `${prefix.slice(0, 58)}${suffix}`;
}

/** The body's apiVersion/kind must be the URL's (400 otherwise); missing ones are filled in. */
export function checkTypeOf(
  type: ResourceType,
  version: string,
  obj: KubeObject,
): void {
  const expected = apiVersionOf(type.group, version);
  if (obj.apiVersion === undefined) obj.apiVersion = expected;
  if (obj.kind === undefined) obj.kind = type.kind;
  const { group, version: v } = splitApiVersion(String(obj.apiVersion));
  if (group !== type.group || !type.versions.includes(v)) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (obj.kind !== type.kind)
    throw badRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${type.kind})`,
    );
  if (
    obj.metadata !== undefined &&
    (typeof obj.metadata !== 'object' || Array.isArray(obj.metadata))
  ) {
    throw badRequest('metadata must be an object');
  }
  obj.metadata ??= {};
}

/** The URL namespace wins; a different one in the body is a 400 (like the real server). */
export function applyNamespace(
  type: ResourceType,
  obj: KubeObject,
  urlNamespace: string | undefined,
): void {
  const bodyNs = obj.metadata!.namespace;
  if (!type.namespaced) {
    delete obj.metadata!.namespace;
    return;
  }
  if (bodyNs && urlNamespace && bodyNs !== urlNamespace) {
    throw badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  obj.metadata!.namespace = urlNamespace ?? bodyNs;
}

export function checkName(obj: KubeObject, urlName: string): void {
  const bodyName = obj.metadata!.name;
  if (bodyName !== undefined && bodyName !== urlName) {
    throw badRequest(
      `the name of the object (${bodyName}) does not match the name on the URL (${urlName})`,
    );
  }
  obj.metadata!.name = urlName;
}

const withoutMeta = (o: KubeObject, dropStatus: boolean) => {
  const { metadata, status, ...rest } = o;
  return dropStatus ? rest : { ...rest, status };
};

/** Generation bumps when anything but metadata changes (and status, for kinds with a status subresource). */
export function specChanged(
  type: ResourceType,
  before: KubeObject,
  after: KubeObject,
): boolean {
  return !deepEqual(
    withoutMeta(before, type.hasStatus),
    withoutMeta(after, type.hasStatus),
  );
}

/** True when the write would store exactly what is stored (ignoring managedFields bookkeeping). */
/** Nothing changed but managedFields timestamps (a change of owners is a change, as in the real field manager). */
export function isNoop(before: KubeObject, after: KubeObject): boolean {
  const strip = (o: KubeObject) => ({
    ...o,
    metadata: {
      ...o.metadata,
      managedFields: (o.metadata?.managedFields ?? []).map(
        (e: Record<string, unknown>) => ({ ...e, time: undefined }),
      ),
      resourceVersion: undefined,
    },
  });
  return deepEqual(
    JSON.parse(JSON.stringify(strip(before))),
    JSON.parse(JSON.stringify(strip(after))),
  );
}

export function newIdentity(obj: KubeObject): void {
  const m = obj.metadata!;
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  m.uid = randomUUID();
  m.creationTimestamp = timestamp();
  m.generation = 1;
}
