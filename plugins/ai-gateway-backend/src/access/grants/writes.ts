import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  GRANT_LABELS,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../../cache/ResourceCaches';
import { AuditEventId, MutationAuditSession } from '../../mutations/audit';
import { ObjectWriter } from '../../mutations/ObjectWriter';
import { WritePlan, WriteRequest, WriteResult } from '../../mutations/plan';
import {
  AccessDecision,
  AccessDecisionWriteScope,
  ScopeAction,
  WriteScope,
} from '../../mutations/scopes';
import { labelValue, sharedPolicyName } from './names';
import { GrantActor, GrantTarget } from './types';

export interface GrantWriterOptions {
  reader: ResourceReader;
  writer: ObjectWriter;
  auditor: AuditorService;
  logger: LoggerService;
  /** `WriteScopes.access` of the mutation services (adds the ownership index); default: without it */
  scope?: (decision: AccessDecision) => WriteScope;
}

/** One audited write of an access decision: its plans, applied as one (dry run of all, then all or nothing). */
export interface DecisionWrite {
  decision: string;
  grantId: string;
  actor: GrantActor;
  eventId: AuditEventId;
}

/** The object of one plan: which scope writes it and what it asks the writer. */
export interface PlannedObject {
  scope: WriteScope;
  request: WriteRequest;
  /** an object (or, for a Secret patch, a data key to remove) that is already gone is nothing to do */
  skipIfMissing?: boolean;
}

/** Plans merged into one: the writer dry-runs every step, then runs them and compensates a failure halfway. */
function merged(plans: WritePlan[]): WritePlan {
  const last = plans[plans.length - 1];
  return {
    target: {
      ...last.target,
      kind: [...new Set(plans.map(p => p.target.kind))].join(','),
      name: plans.map(p => p.target.name).join(','),
    },
    what: plans.map(p => p.what).join(', '),
    cluster: last.cluster,
    causes: plans.flatMap(p => p.causes),
    steps: plans.flatMap(p => p.steps),
  };
}

/** Writes a grant's objects through the one object writer, audited with the acting user and the decision. */
export class GrantWriter {
  constructor(private readonly o: GrantWriterOptions) {}

  /** The scope of a grant's objects (named `names`), or of the route's shared api-key policy. */
  scope(
    d: Pick<DecisionWrite, 'decision' | 'grantId'>,
    target: GrantTarget,
    what:
      | { grantObject: string; labels: Record<string, string> }
      | { shared: true; labels: Record<string, string> },
    actions: ScopeAction[],
  ): WriteScope {
    const route = target.route.name;
    const names =
      'shared' in what ? [sharedPolicyName(route)] : [what.grantObject];
    const owns =
      'shared' in what
        ? (o: KubeObject) =>
            o.metadata.labels?.[GRANT_LABELS.apiKeysFor] ===
              labelValue(route) && !o.metadata.labels?.[GRANT_LABELS.grant]
        : // a grant object is the grant's by its name (aigw-grant-<id>), so a hand edit of its labels can be re-applied
          () => true;
    const decision: AccessDecision = {
      decision: d.decision,
      grantId: d.grantId,
      cluster: target.cluster,
      namespace: target.namespace,
      actions,
      names,
      labels: what.labels,
      owns,
      ...(target.ownerEntityRef
        ? { ownerEntityRef: target.ownerEntityRef }
        : {}),
    };
    return this.o.scope?.(decision) ?? new AccessDecisionWriteScope(decision);
  }

  /** A create, or an update of the live object (cache) of that name, of `object`. */
  upsert(scope: WriteScope, target: GrantTarget, object: KubeObject) {
    const live = this.o.reader.get(
      target.cluster,
      object.kind,
      target.namespace,
      object.metadata.name,
    );
    const request: WriteRequest = live
      ? {
          action: 'update',
          kind: object.kind,
          name: object.metadata.name,
          object: {
            ...object,
            metadata: {
              ...object.metadata,
              resourceVersion: live.metadata.resourceVersion,
            },
          },
        }
      : { action: 'create', object };
    return { scope, request };
  }

  /** Create or update `object`: the grant's policy, or (`shared`) the route's shared api-key policy. */
  put(
    decision: string,
    grantId: string,
    target: GrantTarget,
    object: KubeObject,
    shared = false,
  ): PlannedObject {
    const labels = object.metadata.labels ?? {};
    const what = shared
      ? { shared: true as const, labels }
      : { grantObject: object.metadata.name, labels };
    const scope = this.scope({ decision, grantId }, target, what, [
      'create',
      'update',
    ]);
    return this.upsert(scope, target, object);
  }

  /** Plans and applies the objects as one write, audited (also when planning refuses). Nothing to do: undefined. */
  async write(
    d: DecisionWrite,
    objects: PlannedObject[],
  ): Promise<WriteResult | undefined> {
    if (!objects.length) return undefined;
    const audit = await MutationAuditSession.start(this.o.auditor, {
      eventId: d.eventId,
      meta: {
        action: 'update',
        grantId: d.grantId,
        decision: d.decision,
        actor: d.actor,
      },
      logger: this.o.logger,
    });
    try {
      const plans: WritePlan[] = [];
      for (const { scope, request, skipIfMissing } of objects) {
        try {
          const plan = await this.o.writer.plan(scope, request);
          const gone =
            plan.causes.length > 0 &&
            plan.causes.every(c => c.reason === 'FieldValueNotFound');
          if (!(skipIfMissing && gone)) plans.push(plan);
        } catch (e: unknown) {
          if (!(skipIfMissing && e instanceof NotFoundError)) throw e;
        }
      }
      if (!plans.length) {
        await audit.finalize();
        return undefined;
      }
      const plan = merged(plans);
      audit.setTarget(plan.target);
      const result = await this.o.writer.apply(plan);
      await audit.finalize();
      return result;
    } catch (e: unknown) {
      await audit.finalize(e as Error);
      throw e;
    }
  }

  /**
   * Whether the Secret has the data key now (asked of the API server by planning, not applying, the key's removal:
   * the plan names a missing key). 404 when the Secret is not there.
   */
  async hasKey(scope: WriteScope, name: string, keyId: string) {
    const plan = await this.o.writer.plan(scope, {
      action: 'patchSecret',
      name,
      secret: { stringData: {}, remove: [keyId] },
    });
    return !plan.causes.some(c => c.field === `data[${keyId}]`);
  }
}
