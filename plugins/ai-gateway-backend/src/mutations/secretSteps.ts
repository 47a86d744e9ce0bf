import { ConflictError } from '@backstage/errors';
import {
  KubeObject,
  SecretInput,
  ValidationCause,
  getKind,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { KubeWriteClient } from './kubeClient';
import { WritePlan, WriteRequest, WriteStep } from './plan';
import type { PlannerDeps, existing as findExisting } from './planner';
import { WriteScope } from './scopes';
import { secretCauses } from './validation';

export interface SecretSteps {
  steps: WriteStep[];
  causes: ValidationCause[];
  /** the Secrets' names, comma-separated (for the audit record) */
  names?: string;
}

/**
 * The steps that write Secrets of a scope (values only ever in `stringData` of the request to the API server):
 * - `existing: false` (create with the object): each Secret is created;
 * - `either` (update with the object, PATCH): an existing Secret of the scope gets only the keys sent
 *   rotated (merge patch, precondition on the version just read), a missing one is created;
 * - `replace` (PUT of one Secret): an existing Secret of the scope has every key replaced, else it is created.
 * An existing Secret that is not the scope's is a 409; its `type` cannot change; a type's keys are required.
 */
export async function planSecrets(
  client: KubeWriteClient,
  scope: WriteScope,
  inputs: SecretInput[] | undefined,
  options: {
    namespace: string;
    existing: false | 'either' | 'replace';
    /** field prefix of causes (`secrets[0].`) */
    at?: string;
  },
): Promise<SecretSteps> {
  const kind = getKind('Secret');
  const { namespace } = options;
  const steps: WriteStep[] = [];
  const causes: ValidationCause[] = [];
  const seen = new Set<string>();
  for (const [i, input] of (inputs ?? []).entries()) {
    const at = options.at ?? `secrets[${i}].`;
    if (seen.has(input.name))
      causes.push({
        field: `${at}name`,
        reason: 'FieldValueDuplicate',
        message: `Secret ${input.name} is listed twice`,
      });
    seen.add(input.name);
    const existing =
      options.existing && typeof input.name === 'string' && input.name
        ? await client.get(kind, namespace, input.name)
        : undefined;
    if (existing && !scope.owns(existing))
      throw notTheScopes(input.name, namespace, scope.entityRef);
    const merge = !!existing && options.existing === 'either';
    causes.push(
      ...secretCauses(input, at, existing, merge ? 'merge' : 'replace'),
    );
    if (existing) await scope.assertSoleOwner(existing);
    if (merge) {
      steps.push({
        role: 'secret',
        kind,
        write: 'merge',
        namespace,
        name: input.name,
        patch: {
          metadata: { resourceVersion: existing.metadata.resourceVersion },
          stringData: input.stringData,
        },
        restore: true,
      });
      continue;
    }
    const object = scope.claim(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: input.name,
          ...(existing?.metadata.labels
            ? { labels: existing.metadata.labels }
            : {}),
          ...(existing?.metadata.annotations
            ? { annotations: existing.metadata.annotations }
            : {}),
          ...(existing
            ? { resourceVersion: existing.metadata.resourceVersion }
            : {}),
        },
        type: input.type ?? existing?.type ?? 'Opaque',
        stringData: input.stringData,
      },
      namespace,
    );
    if (!existing) await scope.assertSoleOwner(object);
    steps.push({
      role: 'secret',
      kind,
      write: existing ? 'replace' : 'create',
      namespace,
      name: input.name,
      object,
      restore: !!existing,
    });
  }
  return {
    steps,
    causes,
    ...(steps.length ? { names: steps.map(s => s.name).join(',') } : {}),
  };
}

/** A name taken by an object the scope does not own (PUT of a Secret). */
export function notTheScopes(
  name: string,
  namespace: string,
  entityRef?: string,
): ConflictError {
  return new ConflictError(
    `A Secret named ${name} already exists in ${namespace} and does not belong to ${
      entityRef ?? 'this scope'
    }`,
  );
}

/** `PUT` / `PATCH {ref}/secrets/{name}`: one Secret of the entity, through the same steps. */
export async function planSecretRoute(
  deps: PlannerDeps,
  scope: WriteScope,
  request: Extract<WriteRequest, { action: 'putSecret' | 'patchSecret' }>,
  existing: typeof findExisting,
): Promise<WritePlan> {
  await scope.authorize('update');
  const kind = getKind('Secret');
  const merge = request.action === 'patchSecret';
  const {
    remove = [],
    labels,
    ...secret
  } = request.action === 'patchSecret' ? request.secret : { ...request.secret };
  const input: SecretInput = { name: request.name, ...secret };
  const found = merge
    ? await existing(deps, scope, kind, request.name)
    : undefined;
  const at = found ?? scope.place(kind, request.name, 'either');
  const secrets = await planSecrets(deps.client(at.cluster), scope, [input], {
    namespace: at.namespace,
    existing: merge ? 'either' : 'replace',
    at: '',
  });
  const creates = secrets.steps.some(s => s.write === 'create');
  if (merge && creates)
    throw scope.notFound('Secret', request.name, at.namespace);
  if (remove.length || labels)
    patchMore(secrets, remove, labels, found?.current);
  return {
    target: {
      action: creates ? 'create' : 'update',
      kind: 'Secret',
      name: request.name,
      cluster: at.cluster,
      namespace: at.namespace,
    },
    what: `Secret ${request.name}`,
    cluster: at.cluster,
    causes: secrets.causes,
    steps: secrets.steps.map(s => ({ ...s, role: 'object', restore: false })),
  };
}

/** A PATCH that also removes data keys (each must exist) or sets labels: nothing sent to add is then fine. */
function patchMore(
  secrets: SecretSteps,
  remove: string[],
  labels: Record<string, string> | undefined,
  current: KubeObject | undefined,
) {
  const step = secrets.steps[0];
  const data = (current?.data ?? {}) as Record<string, string>;
  const sent = (step.patch?.stringData ?? {}) as Record<string, string>;
  if (!Object.keys(sent).length)
    secrets.causes = secrets.causes.filter(c => c.field !== 'stringData');
  for (const key of remove.filter(k => !(k in data)))
    secrets.causes.push({
      field: `data[${key}]`,
      reason: 'FieldValueNotFound',
      message: `the Secret has no key ${key}`,
    });
  const metadata = (step.patch?.metadata ?? {}) as Record<string, unknown>;
  step.patch = {
    ...step.patch,
    ...(labels ? { metadata: { ...metadata, labels } } : {}),
    ...(remove.length
      ? { data: Object.fromEntries(remove.map(k => [k, null])) }
      : {}),
  };
}
