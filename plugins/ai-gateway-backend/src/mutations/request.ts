import { InputError } from '@backstage/errors';
import {
  KubeObject,
  ResourceKindDescriptor,
  apiVersionOf,
  findKind,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { FieldInputError, PayloadTooLargeError } from './errors';

/** How deep a request body may nest (checked before anything walks it recursively). */
export const MAX_JSON_DEPTH = 64;
/** The largest object this plugin stores (its JSON), so no tab answer can be inflated by one object. */
export const MAX_OBJECT_BYTES = 256 * 1024;

/** Whether `value` nests deeper than `max` objects / arrays, found without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** 400 when `value` nests deeper than {@link MAX_JSON_DEPTH}; 413 when its JSON exceeds {@link MAX_OBJECT_BYTES}. */
export function assertWithinLimits(value: unknown, field: string): void {
  if (nestsDeeperThan(value, MAX_JSON_DEPTH))
    throw new FieldInputError(
      field,
      `nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
  const size = Buffer.byteLength(JSON.stringify(value ?? null));
  if (size > MAX_OBJECT_BYTES)
    throw new PayloadTooLargeError(
      `${field}: ${size} bytes, more than the ${MAX_OBJECT_BYTES} this plugin stores`,
    );
}

/**
 * The registry kind of a request: by name from the URL, or from the body's apiVersion + kind. The body's
 * group must match the registry; its version is set to the registry's (Gateway API v1beta1 and v1 share a
 * schema). `scopes` lists what this route may write (entity kinds here, platform kinds on /platform).
 */
export function kindForWrite(
  object: KubeObject | undefined,
  scopes: ReadonlyArray<ResourceKindDescriptor['scope']>,
  urlKind?: string,
): ResourceKindDescriptor {
  const name = urlKind ?? object?.kind;
  const kind = name ? findKind(name) : undefined;
  if (!kind)
    throw new FieldInputError(
      'kind',
      `'${name ?? ''}' is not a kind this plugin manages`,
    );
  if (object) {
    if (object.kind !== kind.kind)
      throw new FieldInputError(
        'kind',
        `the body is a ${object.kind}, the URL names ${kind.kind}`,
      );
    const group =
      typeof object.apiVersion === 'string' && object.apiVersion.includes('/')
        ? object.apiVersion.split('/')[0]
        : '';
    if (group !== kind.group)
      throw new FieldInputError(
        'apiVersion',
        `${kind.kind} belongs to API group '${kind.group}', not '${group}'`,
      );
  }
  if (kind.readOnly)
    throw new InputError(`${kind.kind} is read-only through this plugin`);
  if (!scopes.includes(kind.scope)) {
    const where = {
      platform: 'the /platform/resources routes',
      secret: 'the /secrets routes',
      entity: 'the entity routes',
    }[kind.scope];
    throw new InputError(`${kind.kind} is written through ${where}`);
  }
  return kind;
}

/** The body as this plugin writes it: registry apiVersion, no server-managed metadata, no status. */
export function cleanForWrite(
  kind: ResourceKindDescriptor,
  object: KubeObject,
  keepResourceVersion: boolean,
): KubeObject {
  if (
    !object ||
    typeof object !== 'object' ||
    !object.metadata ||
    typeof object.metadata !== 'object'
  )
    throw new FieldInputError(
      'metadata',
      'an object with metadata.name is required',
      'FieldValueRequired',
    );
  const {
    uid: _uid,
    creationTimestamp: _c,
    managedFields: _m,
    generation: _g,
    selfLink: _s,
    deletionTimestamp: _d,
    resourceVersion,
    ...metadata
  } = object.metadata;
  const { status: _status, ...rest } = object;
  return {
    ...rest,
    apiVersion: apiVersionOf(kind),
    kind: kind.kind,
    metadata: {
      ...metadata,
      name: object.metadata.name,
      ...(keepResourceVersion && resourceVersion ? { resourceVersion } : {}),
    },
  };
}
