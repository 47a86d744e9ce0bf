import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { matchesLabels } from '../entities/labelSelector';
import { ResolvedSelection } from '../entities/selection';
import { AmbiguousOwnershipError, FieldInputError } from './errors';

/** Whether the entity's annotations select the object (namespace restriction and every label requirement). */
export function isSelected(
  resolved: ResolvedSelection,
  obj: KubeObject,
): boolean {
  const namespaces = resolved.query.namespaces;
  if (namespaces && !namespaces.includes(obj.metadata.namespace ?? ''))
    return false;
  return matchesLabels(obj.metadata.labels, resolved.query.requirements);
}

/**
 * The labels the backend stamps on an object so the entity selects it: `backstage.io/kubernetes-id=<id>`
 * for an id annotation, or every equality term (`k=v`, `k in (v)`) of the label selector. A selector with
 * no equality term (only `in (a,b)`, `notin`, `!k`, `k`) cannot be stamped: 400.
 */
export function stampLabels(
  resolved: ResolvedSelection,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const r of resolved.query.requirements) {
    if (r.op === 'in' && r.values.length === 1) labels[r.key] = r.values[0];
  }
  if (Object.keys(labels).length === 0) {
    throw new InputError(
      `The label selector '${resolved.selection.labelSelector}' of ${resolved.selection.entityRef} has no ` +
        `equality term (k=v), so new objects cannot be labelled to belong to it`,
    );
  }
  return labels;
}

/**
 * The object with the entity's namespace and labels. A body naming another namespace is refused (400 naming
 * `metadata.namespace`); after stamping, the entity must select the object (else the selector has terms
 * stamping cannot satisfy, e.g. `!legacy` on an object that carries `legacy`: 400).
 */
export function claimForEntity(
  resolved: ResolvedSelection,
  object: KubeObject,
  namespace: string,
): KubeObject {
  const given = object.metadata?.namespace;
  if (given !== undefined && given !== '' && given !== namespace) {
    throw new FieldInputError(
      'metadata.namespace',
      `'${given}' is not the namespace of ${resolved.selection.entityRef} ('${namespace}'); ` +
        `leave it empty, the backend sets it`,
    );
  }
  const claimed: KubeObject = {
    ...object,
    metadata: {
      ...object.metadata,
      namespace,
      labels: { ...(object.metadata?.labels ?? {}), ...stampLabels(resolved) },
    },
  };
  if (!isSelected(resolved, claimed)) {
    throw new FieldInputError(
      'metadata.labels',
      `the object would not be selected by ${resolved.selection.entityRef} ` +
        `(label selector '${resolved.selection.labelSelector ?? ''}')`,
    );
  }
  return claimed;
}

/** 409 `AmbiguousOwnership` when more than one annotated entity selects the object. */
export async function assertSoleOwner(
  claimants: (obj: KubeObject) => Promise<string[]>,
  entityRef: string,
  object: KubeObject,
): Promise<void> {
  const all = await claimants(object);
  if (all.filter(c => c !== entityRef).length > 0 && all.length > 1) {
    throw new AmbiguousOwnershipError(
      `${object.kind} ${object.metadata.namespace}/${
        object.metadata.name
      } is selected by ${all.join(', ')}; ` +
        'it is read-only until only one catalog entity selects it',
      all,
    );
  }
}

/** The entity's `spec.owner` as a normalized ref (a bare name is a group in the entity's namespace). */
export function ownersOf(entity: Entity | undefined): string[] {
  const owner = (entity?.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity?.metadata.namespace ?? 'default',
        }),
      ),
    ];
  } catch {
    return [];
  }
}
