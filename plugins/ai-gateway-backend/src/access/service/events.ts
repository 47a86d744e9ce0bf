import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { actorOf } from '../../mutations/audit';

/** Topic of every access notification. */
export const ACCESS_NOTIFICATION_TOPIC = 'ai-gateway-access';

export type AccessAuditStep =
  | 'request'
  | 'approve'
  | 'deny'
  | 'cancel'
  | 'claim'
  | 'rotate'
  | 'revoke'
  | 'reapply'
  | 'expire'
  | 'close'
  | 'drift';

/** What an audit event of an access step carries: ids and refs, never a key. */
export interface AccessAuditMeta {
  requestId?: string;
  grantId?: string;
  apiRef?: string;
  consumerRef?: string;
  keyId?: string;
  keyPrefix?: string;
  note?: string;
}

/**
 * One auditor event per access step (`ai-gateway-access-<step>`), opened before the permission checks so refused
 * attempts are recorded too, closed with success or the error. Callers pass ids and refs only.
 */
export class AccessAudit {
  constructor(private readonly auditor: AuditorService) {}

  async run<T>(
    step: AccessAuditStep,
    c: BackstageCredentials | undefined,
    meta: AccessAuditMeta,
    fn: (add: (more: AccessAuditMeta) => void) => Promise<T>,
  ): Promise<T> {
    const extra: AccessAuditMeta = {};
    const clean = () =>
      Object.fromEntries(
        Object.entries({
          actor: c ? actorOf(c) : 'ai-gateway-scheduler',
          ...meta,
          ...extra,
        }).filter(([, v]) => v !== undefined),
      );
    const event = await this.auditor.createEvent({
      eventId: `ai-gateway-access-${step}`,
      severityLevel: 'medium',
      meta: clean(),
    });
    try {
      const out = await fn(more => Object.assign(extra, more));
      await event.success({ meta: clean() });
      return out;
    } catch (e: unknown) {
      await event.fail({
        error: e instanceof Error ? e : new Error(String(e)),
        meta: clean(),
      });
      throw e;
    }
  }
}

/** Best effort: a notification that cannot be delivered is logged, never fails the step. */
export class AccessNotifier {
  constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
    private readonly appBaseUrl = '',
  ) {}

  async send(
    to: string | string[] | undefined,
    title: string,
    description: string,
    link?: string,
    exclude?: string,
  ): Promise<void> {
    const refs = (Array.isArray(to) ? to : [to]).filter(
      (r): r is string => !!r,
    );
    if (!this.notifications || !refs.length) return;
    try {
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: refs,
          ...(exclude ? { excludeEntityRef: exclude } : {}),
        },
        payload: {
          title,
          description,
          topic: ACCESS_NOTIFICATION_TOPIC,
          severity: 'normal',
          ...(link ? { link: `${this.appBaseUrl}${link}` } : {}),
        },
      });
    } catch (e: unknown) {
      this.logger.warn(
        `ai-gateway access: notification "${title}" not sent: ${e}`,
      );
    }
  }
}

/** `/catalog/<ns>/<kind>/<name>` of an entity ref (the app's entity page). */
export function entityLink(ref: string, tab?: string): string {
  const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!m) return '/catalog';
  return `/catalog/${m[2]}/${m[1]}/${m[3]}${tab ? `/${tab}` : ''}`;
}
