import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  KubeObject,
  ValidateResponse,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { toResourceItem } from '../service/items';
import {
  AmbiguousOwnershipError,
  StaleObjectError,
  ValidationFailedError,
  withWarnings,
} from './errors';
import { KubeWriteClient } from './kubeClient';
import { mappedClient } from './mappedClient';
import { WritePlan, WriteRequest, WriteResult, WriteStep } from './plan';
import { PlannerDeps, planWrite } from './planner';
import { WriteScope } from './scopes';
import { invalid } from './validation';

export interface ObjectWriterOptions extends Omit<PlannerDeps, 'client'> {
  /** the raw client of a cluster (errors are mapped here, once) */
  clientFor(cluster: string): KubeWriteClient;
  logger?: LoggerService;
}

const unique = (list: string[]) => [...new Set(list)];

interface Done {
  step: WriteStep;
  result?: KubeObject;
  /** the Secret as it was (with its values), kept in memory only to put it back */
  previous?: KubeObject;
}

/**
 * THE write path of the plugin, for every scope and kind: `plan()` turns a request into causes and steps
 * (and answers `/validate`), `apply()` dry-runs every step, then runs them in order and, when a later step
 * fails, compensates the earlier ones (created objects deleted, rotated Secrets restored) so nothing is
 * half-written. Kubernetes errors are mapped once, by the mapped client.
 */
export class ObjectWriter {
  constructor(private readonly o: ObjectWriterOptions) {}

  private client(cluster: string): KubeWriteClient {
    return mappedClient(this.o.clientFor(cluster), cluster);
  }

  plan(scope: WriteScope, request: WriteRequest): Promise<WritePlan> {
    return planWrite(
      { ...this.o, client: c => this.client(c) },
      scope,
      request,
    );
  }

  /** `/validate`: the plan's causes, then (when there are none) the API server's dry run, as causes. */
  async validate(
    scope: WriteScope,
    object: KubeObject,
  ): Promise<ValidateResponse> {
    await scope.authorize('read');
    let causes: ValidationCause[];
    try {
      const plan = await this.plan(scope, { action: 'validate', object });
      causes = plan.causes;
      if (causes.length === 0) await this.dryRun(plan, []);
    } catch (e) {
      causes = causesOf(e);
    }
    return { valid: causes.length === 0, causes };
  }

  async apply(plan: WritePlan): Promise<WriteResult> {
    if (plan.causes.length > 0) throw invalid(plan.causes, plan.what);
    const warnings: string[] = [];
    if (plan.terminating)
      return { item: plan.terminating, secrets: [], pending: true, warnings };
    const client = this.client(plan.cluster);
    try {
      await this.dryRun(plan, warnings);
    } catch (e) {
      throw withWarnings(e as Error, unique(warnings));
    }
    const done: Done[] = [];
    let failed: WriteStep | undefined;
    try {
      for (const step of plan.steps) {
        failed = step;
        const previous = step.restore
          ? await client.getForRestore(step.kind, step.namespace, step.name)
          : undefined;
        done.push({
          step,
          previous,
          result: await run(client, step, false, warnings),
        });
      }
    } catch (e) {
      await this.compensate(client, done.reverse());
      throw withWarnings(
        await this.staleIfRaced(plan, failed, e as Error),
        unique(warnings),
      );
    }
    const main = done.find(d => d.step.role === 'object');
    return {
      item: main?.result,
      secrets: done
        .filter(d => d.step.role === 'secret')
        .flatMap(d => (d.result ? [d.result] : [])),
      pending: !!main?.result?.metadata.deletionTimestamp,
      warnings: unique(warnings),
    };
  }

  private async dryRun(plan: WritePlan, warnings: string[]) {
    const client = this.client(plan.cluster);
    for (const step of plan.steps) await run(client, step, true, warnings);
  }

  /** Undo in reverse order; a failure here is logged (names only) and the original error answered. */
  private async compensate(client: KubeWriteClient, done: Done[]) {
    for (const { step, result, previous } of done) {
      try {
        if (step.write === 'create' && result)
          await client.delete(step.kind, step.namespace, step.name, {
            dryRun: false,
            resourceVersion: result.metadata.resourceVersion,
          });
        else if (previous && result) {
          const { managedFields: _m, ...metadata } = previous.metadata;
          await client.replace(
            step.kind,
            {
              ...previous,
              metadata: {
                ...metadata,
                resourceVersion: result.metadata.resourceVersion,
              },
            },
            false,
          );
        }
      } catch (e) {
        this.o.logger?.error(
          `ai-gateway: could not undo the ${step.write} of ${step.kind.kind} ${
            step.namespace
          }/${step.name} after a failed write: ${(e as Error).name}`,
        );
      }
    }
  }

  /** A lost race on the object's replace answers 409 with the object as it is now. */
  private async staleIfRaced(
    plan: WritePlan,
    step: WriteStep | undefined,
    e: Error,
  ): Promise<Error> {
    if (
      !(e instanceof ConflictError) ||
      e instanceof StaleObjectError ||
      !plan.current ||
      step?.role !== 'object' ||
      step.write !== 'replace'
    )
      return e;
    const now = await this.client(plan.cluster)
      .get(step.kind, step.namespace, step.name)
      .catch(() => undefined);
    return new StaleObjectError(
      e.message,
      now ? toResourceItem(plan.cluster, step.kind, now, 'owned') : undefined,
    );
  }
}

function run(
  client: KubeWriteClient,
  step: WriteStep,
  dryRun: boolean,
  warnings: string[],
): Promise<KubeObject | undefined> {
  switch (step.write) {
    case 'create':
      return client.create(step.kind, step.object!, dryRun, warnings);
    case 'replace':
      return client.replace(step.kind, step.object!, dryRun, warnings);
    case 'merge':
      return client.mergePatch(
        step.kind,
        step.namespace,
        step.name,
        step.patch!,
        dryRun,
        warnings,
      );
    default:
      return client.delete(
        step.kind,
        step.namespace,
        step.name,
        { dryRun, resourceVersion: step.resourceVersion },
        warnings,
      );
  }
}

/** An error of a planned write as `/validate` causes (the error's own causes, or one cause naming its field). */
export function causesOf(e: unknown): ValidationCause[] {
  if (e instanceof ValidationFailedError)
    return e.causes.length ? e.causes : [{ field: '', message: e.message }];
  if (e instanceof AmbiguousOwnershipError)
    return [
      {
        field: 'metadata.labels',
        reason: 'FieldValueInvalid',
        message: e.message,
      },
    ];
  if (e instanceof ConflictError)
    return [
      {
        field: 'metadata.resourceVersion',
        reason: 'Conflict',
        message: e.message,
      },
    ];
  if (e instanceof InputError || e instanceof NotFoundError) {
    const own = (e as { causes?: ValidationCause[] }).causes;
    return own?.length
      ? own
      : [{ field: '', reason: 'BadRequest', message: e.message }];
  }
  throw e;
}
