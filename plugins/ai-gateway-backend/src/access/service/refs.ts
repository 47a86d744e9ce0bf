import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** Kinds a consumer (the entity that holds a key) may be. */
export const CONSUMER_KINDS = ['component', 'system', 'group'] as const;

const REF =
  /^[A-Za-z0-9]+:([A-Za-z0-9][A-Za-z0-9._-]{0,62}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * A strictly parsed, normalized entity ref (`kind:namespace/name`, namespace `default` when left out) of one of the
 * allowed kinds; anything else is a 400 naming the field.
 */
export function parseRef(
  value: unknown,
  field: string,
  kinds: readonly string[],
): string {
  if (typeof value !== 'string' || !REF.test(value))
    throw new InputError(
      `${field}: must be an entity ref like ${kinds[0]}:default/name`,
    );
  const ref = parseEntityRef(value);
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (!kinds.includes(kind))
    throw new InputError(
      `${field}: must be an entity ref of kind ${kinds.join(' / ')}, not ${
        ref.kind
      }`,
    );
  return stringifyEntityRef({
    kind,
    namespace: ref.namespace.toLocaleLowerCase('en-US'),
    name: ref.name.toLocaleLowerCase('en-US'),
  });
}

export const parseApiRef = (value: unknown, field = 'apiRef') =>
  parseRef(value, field, ['api']);
export const parseConsumerRef = (value: unknown, field = 'consumerRef') =>
  parseRef(value, field, CONSUMER_KINDS);
