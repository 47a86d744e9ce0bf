import { InputError } from '@backstage/errors';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  KubeObject,
  ResourceKindDescriptor,
  SecretInput,
  ValidationCause,
  apiVersionOf,
  findKind,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { CrdValidator } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { EntityResolver } from '../entities/EntityResolver';
import { ResolvedSelection, resolveSelection } from '../entities/selection';
import { AccessControl } from '../permissions/AccessControl';
import { AmbiguousOwnershipError, ValidationFailedError } from './errors';
import { OwnershipIndex } from './OwnershipIndex';

/** Loads the entity (404), checks `permission` on it (403) and derives its selection (400). */
export async function resolveEntityFor(
  entities: EntityResolver,
  access: AccessControl,
  entityRef: string,
  credentials: BackstageCredentials,
  permission: ResourcePermission<'catalog-entity'>,
): Promise<ResolvedSelection> {
  const entity = await entities.get(entityRef, credentials);
  await access.authorizeEntity(credentials, permission, entityRef);
  return resolveSelection(entity);
}

/**
 * The registry kind of a request: by name from the URL, or from the body's apiVersion + kind. The body's
 * group must match the registry; its version is set to the registry's (Gateway API v1beta1 and v1 share a
 * schema). `scopes` lists what this route may write (entity kinds here, platform kinds on /platform).
 */
export function kindForWrite(
  object: KubeObject | undefined,
  scopes: Array<ResourceKindDescriptor['scope']>,
  urlKind?: string,
): ResourceKindDescriptor {
  const name = urlKind ?? object?.kind;
  const kind = name ? findKind(name) : undefined;
  if (!kind)
    throw new InputError(
      `kind: '${name ?? ''}' is not a kind this plugin manages`,
    );
  if (object) {
    if (object.kind !== kind.kind)
      throw new InputError(
        `kind: the body is a ${object.kind}, the URL names ${kind.kind}`,
      );
    const group =
      typeof object.apiVersion === 'string' && object.apiVersion.includes('/')
        ? object.apiVersion.split('/')[0]
        : '';
    if (group !== kind.group)
      throw new InputError(
        `apiVersion: ${kind.kind} belongs to API group '${kind.group}', not '${group}'`,
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
    throw new InputError('metadata: an object with metadata.name is required');
  const {
    uid: _uid,
    creationTimestamp: _c,
    managedFields: _m,
    generation: _g,
    selfLink: _s,
    deletionTimestamp: _d,
    resourceVersion,
    ...metadata
  } = object.metadata as KubeObject['metadata'];
  const { status: _status, ...rest } = object;
  return {
    ...rest,
    apiVersion: apiVersionOf(kind),
    kind: kind.kind,
    metadata: {
      ...metadata,
      ...(keepResourceVersion && resourceVersion ? { resourceVersion } : {}),
    } as KubeObject['metadata'],
  };
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** Field problems of a Secret write (the values themselves are never echoed). */
export function secretCauses(
  input: Pick<SecretInput, 'name' | 'type' | 'stringData'>,
  at = '',
): ValidationCause[] {
  const causes: ValidationCause[] = [];
  if (
    typeof input.name !== 'string' ||
    !NAME.test(input.name) ||
    input.name.length > 253
  )
    causes.push({
      field: `${at}metadata.name`,
      reason: 'FieldValueInvalid',
      message: 'a lowercase RFC 1123 subdomain is required',
    });
  const data = input.stringData;
  if (!data || typeof data !== 'object' || Object.keys(data).length === 0)
    causes.push({
      field: `${at}stringData`,
      reason: 'FieldValueRequired',
      message: 'at least one key is required',
    });
  for (const [key, value] of Object.entries(data ?? {})) {
    if (!SECRET_KEY.test(key) || key.length > 253)
      causes.push({
        field: `${at}stringData[${key}]`,
        reason: 'FieldValueInvalid',
        message:
          "a valid key must consist of alphanumeric characters, '-', '_' or '.'",
      });
    if (typeof value !== 'string')
      causes.push({
        field: `${at}stringData[${key}]`,
        reason: 'FieldValueTypeInvalid',
        message: 'the value must be a string',
      });
  }
  return causes;
}

/** Schema + CEL causes from the shared validator (the same one the local API server uses). */
export function schemaCauses(
  validator: CrdValidator,
  object: KubeObject,
  oldObject?: KubeObject,
): ValidationCause[] {
  if (!validator.knows(object.apiVersion, object.kind)) return [];
  return validator
    .validate(object, oldObject ? { oldObject } : undefined)
    .causes.map(c => ({
      field: c.field,
      message: c.message,
      reason: c.reason,
    }));
}

export function throwIfCauses(causes: ValidationCause[], what: string): void {
  if (causes.length > 0) {
    throw new ValidationFailedError(
      `${what} is invalid: ${causes
        .map(c => `${c.field}: ${c.message}`)
        .join('; ')}`,
      causes,
    );
  }
}

/** 409 `AmbiguousOwnership` when more than one annotated entity selects the object. */
export async function assertSoleOwner(
  ownership: OwnershipIndex,
  entityRef: string,
  object: KubeObject,
): Promise<void> {
  const claimants = await ownership.claimants(object);
  if (
    claimants.filter(c => c !== entityRef).length > 0 &&
    claimants.length > 1
  ) {
    throw new AmbiguousOwnershipError(
      `${object.kind} ${object.metadata.namespace}/${
        object.metadata.name
      } is selected by ${claimants.join(', ')}; ` +
        'it is read-only until only one catalog entity selects it',
      claimants,
    );
  }
}
