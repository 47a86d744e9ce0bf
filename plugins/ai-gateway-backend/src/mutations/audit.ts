import { Request } from 'express';
import {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { WriteTarget } from './plan';

export type AuditEventId =
  | 'ai-gateway-resource-mutate'
  | 'ai-gateway-secret-write';

/** What an audit event says about a mutation (never a secret value). */
export interface MutationAuditMeta extends Partial<WriteTarget> {
  action: WriteTarget['action'];
  actor?: string;
  entityRef?: string;
  /** writes of an access decision: the grant and the decision (approve, claim, rotate, revoke...) */
  grantId?: string;
  decision?: string;
}

export function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as
    | { type?: string; userEntityRef?: string; subject?: string }
    | undefined;
  if (p?.type === 'user') return String(p.userEntityRef);
  if (p?.type === 'service') return `service:${p.subject}`;
  return String(p?.type ?? 'unknown');
}

const json = (meta: MutationAuditMeta) =>
  Object.fromEntries(
    Object.entries(meta).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;

/**
 * The audit record of one mutation request, opened by the route before anything else (so unauthenticated
 * and refused attempts are recorded too) and closed by the route once, with success or the error
 * (`severityLevel: 'medium'`), in the manner of the Kubernetes plugin's `ProxyAuditSession`. The route
 * tells it the actor and the plan's target; nothing else writes to it.
 */
export class MutationAuditSession {
  private finalized = false;

  private constructor(
    private readonly event: AuditorServiceEvent,
    private meta: MutationAuditMeta,
    private readonly logger?: LoggerService,
  ) {}

  static async start(
    auditor: AuditorService,
    options: {
      /** absent for writes not made by a request (e.g. a scheduled expiry) */
      req?: Request;
      eventId: AuditEventId;
      meta: MutationAuditMeta;
      logger?: LoggerService;
    },
  ): Promise<MutationAuditSession> {
    const event = await auditor.createEvent({
      eventId: options.eventId,
      severityLevel: 'medium',
      request: options.req,
      meta: json(options.meta),
    });
    return new MutationAuditSession(event, { ...options.meta }, options.logger);
  }

  setActor(credentials: BackstageCredentials): void {
    this.meta = { ...this.meta, actor: actorOf(credentials) };
  }

  /** What the write turned out to touch (cluster, namespace, kind, name, Secrets). */
  setTarget(target: WriteTarget): void {
    this.meta = { ...this.meta, ...target };
  }

  async finalize(error?: Error): Promise<void> {
    if (this.finalized) return;
    this.finalized = true;
    try {
      if (error) await this.event.fail({ meta: json(this.meta), error });
      else await this.event.success({ meta: json(this.meta) });
    } catch (e) {
      this.logger?.error(`ai-gateway: could not emit an audit event: ${e}`);
    }
  }
}
