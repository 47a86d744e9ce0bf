import { InputError } from '@backstage/errors';
import {
  KubeObject,
  ResourceKindDescriptor,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { CrdValidator } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { ResourceReader } from '../cache/ResourceCaches';
import { StaleObjectError } from './errors';
import { KubeWriteClient } from './kubeClient';
import { WritePlan, WriteRequest, WriteStep, isTerminating } from './plan';
import { checkReferences } from './references';
import { PartitionCheck, partitionCauses } from './partitions';
import { assertWithinLimits, cleanForWrite, kindForWrite } from './request';
import { Location, WriteScope } from './scopes';
import { planSecretRoute, planSecrets } from './secretSteps';
import { schemaCauses } from './validation';
import { toResourceItem } from '../service/items';

export interface PlannerDeps {
  validator: CrdValidator;
  reader: ResourceReader;
  /** the cluster's client with errors mapped (see `mappedClient`) */
  client(cluster: string): KubeWriteClient;
  /** the shared Gateways' URL-space partitions (Gateway annotation, `aiGateway.gateways[].partitions`) */
  partitions?: PartitionCheck;
}

const what = (kind: ResourceKindDescriptor, name: string) =>
  `${kind.kind} ${name}`;

/**
 * Whether a name can be put in a URL at all (a lone surrogate cannot): a name that cannot has no current object
 * to read; validation reports it as a cause of `metadata.name`.
 */
function addressable(name: string): boolean {
  try {
    encodeURIComponent(name);
    return true;
  } catch {
    return false;
  }
}

/** The object's checks after it is claimed: schema + CEL, then (when valid) sole ownership and references. */
async function objectCauses(
  deps: PlannerDeps,
  scope: WriteScope,
  kind: ResourceKindDescriptor,
  object: KubeObject,
  cluster: string,
  previous: ValidationCause[],
  old?: KubeObject,
): Promise<ValidationCause[]> {
  const causes = [
    ...schemaCauses(deps.validator, object, old),
    ...previous,
    ...(await partitionCauses(deps.partitions, scope, cluster, object)),
  ];
  if (causes.length > 0) return causes;
  await scope.assertSoleOwner(object);
  const client = deps.client(cluster);
  return checkReferences(kind, object, {
    cluster,
    reader: deps.reader,
    namespaceLabels: ns => client.namespaceLabels(ns),
  });
}

/** The scope's existing object (fresh from the API server): 404 when absent or not the scope's; 409 when shared. */
export async function existing(
  deps: PlannerDeps,
  scope: WriteScope,
  kind: ResourceKindDescriptor,
  name: string,
  hint?: string,
): Promise<Location & { current: KubeObject }> {
  const at = scope.place(kind, name, 'existing', hint);
  const current = await deps.client(at.cluster).get(kind, at.namespace, name);
  if (!current || !scope.owns(current))
    throw scope.notFound(kind.kind, name, at.namespace);
  await scope.assertSoleOwner(current);
  return { ...at, current };
}

function stale(
  kind: ResourceKindDescriptor,
  cluster: string,
  current: KubeObject,
): StaleObjectError {
  return new StaleObjectError(
    `${kind.kind} ${current.metadata.namespace}/${current.metadata.name} was changed (resourceVersion ${current.metadata.resourceVersion})`,
    toResourceItem(cluster, kind, current, 'owned'),
  );
}

/**
 * Plans one request of any scope: authorize → kind → limits → place → (existing object: read fresh, owned,
 * not stale) → claim → Secrets → schema + CEL → sole ownership → references. Throws what is not a field
 * cause (404, 403, 400, 409); answers field causes in the plan so `/validate` and the writes share one path.
 */
export async function planWrite(
  deps: PlannerDeps,
  scope: WriteScope,
  request: WriteRequest,
): Promise<WritePlan> {
  switch (request.action) {
    case 'create':
    case 'validate': {
      const validating = request.action === 'validate';
      // `/validate` is authorized (read) by the writer before planning
      if (!validating)
        await scope.authorize('create', !!request.secrets?.length);
      const kind = kindForWrite(request.object, scope.kinds);
      assertWithinLimits(request.object, 'object');
      const name = request.object.metadata?.name;
      const { cluster, namespace } = scope.place(
        kind,
        name,
        'new',
        request.object.metadata?.namespace,
      );
      const object = scope.claim(
        cleanForWrite(kind, request.object, validating),
        namespace,
      );
      const target = {
        action: 'create' as const,
        kind: kind.kind,
        name,
        cluster,
        namespace,
      };
      const current =
        validating && name && addressable(name)
          ? await deps.client(cluster).get(kind, namespace, name)
          : undefined;
      const secrets =
        request.action === 'create'
          ? await planSecrets(deps.client(cluster), scope, request.secrets, {
              namespace,
              existing: false,
            })
          : { steps: [], causes: [] };
      const taken: ValidationCause[] =
        current && !scope.owns(current)
          ? [
              {
                field: 'metadata.name',
                reason: 'FieldValueDuplicate',
                message: `a ${kind.kind} of this name already exists in ${namespace}`,
              },
            ]
          : [];
      const causes = await objectCauses(
        deps,
        scope,
        kind,
        object,
        cluster,
        [...taken, ...secrets.causes],
        current,
      );
      const upsert = current && !taken.length;
      const body: KubeObject = upsert
        ? {
            ...object,
            metadata: {
              ...object.metadata,
              resourceVersion:
                object.metadata.resourceVersion ??
                current.metadata.resourceVersion,
            },
          }
        : object;
      const step: WriteStep = {
        role: 'object',
        kind,
        write: upsert ? 'replace' : 'create',
        namespace,
        name,
        object: body,
      };
      return {
        target: {
          ...target,
          ...(secrets.names ? { secrets: secrets.names } : {}),
        },
        what: what(kind, name),
        cluster,
        causes,
        steps: [...secrets.steps, step],
      };
    }
    case 'update': {
      await scope.authorize('update', !!request.secrets?.length);
      const { object: body, name } = request;
      const kind = kindForWrite(body, scope.kinds, request.kind);
      const hint = request.namespace ?? body.metadata?.namespace;
      if (
        body.metadata?.name !== name ||
        (request.namespace &&
          (body.metadata.namespace ?? request.namespace) !== request.namespace)
      )
        throw new InputError(
          `metadata.name: the body names '${body.metadata?.name}', the URL '${
            request.namespace ? `${request.namespace}/` : ''
          }${name}'`,
        );
      const resourceVersion = body.metadata.resourceVersion;
      if (!resourceVersion)
        throw new InputError(
          'metadata.resourceVersion: required (the version the edit is based on)',
        );
      assertWithinLimits(body, 'object');
      const { cluster, namespace, current } = await existing(
        deps,
        scope,
        kind,
        name,
        hint,
      );
      if (current.metadata.resourceVersion !== resourceVersion)
        throw stale(kind, cluster, current);
      const object = scope.claim(cleanForWrite(kind, body, true), namespace);
      const secrets = await planSecrets(
        deps.client(cluster),
        scope,
        request.secrets,
        { namespace, existing: 'either' },
      );
      const causes = await objectCauses(
        deps,
        scope,
        kind,
        object,
        cluster,
        secrets.causes,
        current,
      );
      return {
        target: {
          action: 'update',
          kind: kind.kind,
          name,
          cluster,
          namespace,
          ...(secrets.names ? { secrets: secrets.names } : {}),
        },
        what: what(kind, name),
        cluster,
        causes,
        current,
        steps: [
          ...secrets.steps,
          { role: 'object', kind, write: 'replace', namespace, name, object },
        ],
      };
    }
    case 'delete': {
      await scope.authorize('delete');
      const kind = kindForWrite(undefined, scope.kinds, request.kind);
      const { name, resourceVersion } = request;
      const { cluster, namespace, current } = await existing(
        deps,
        scope,
        kind,
        name,
        request.namespace,
      );
      if (
        resourceVersion &&
        current.metadata.resourceVersion !== resourceVersion
      )
        throw stale(kind, cluster, current);
      return {
        target: { action: 'delete', kind: kind.kind, name, cluster, namespace },
        what: what(kind, name),
        cluster,
        causes: [],
        ...(isTerminating(current) ? { terminating: current } : {}),
        steps: [
          {
            role: 'object',
            kind,
            write: 'delete',
            namespace,
            name,
            resourceVersion:
              resourceVersion ?? current.metadata.resourceVersion,
          },
        ],
      };
    }
    default:
      return planSecretRoute(deps, scope, request, existing);
  }
}
