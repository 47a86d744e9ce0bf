import { Request } from 'express';
import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

export type AuditEventId =
  | 'ai-gateway-resource-mutate'
  | 'ai-gateway-secret-write';

/** What an audit event says about a mutation; filled in as the pipeline learns it (cluster, namespace...). */
export interface MutationAuditMeta {
  action: 'create' | 'update' | 'delete';
  actor?: string;
  entityRef?: string;
  cluster?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  [key: string]: string | undefined;
}

export function actorOf(credentials: BackstageCredentials): string {
  const p: any = credentials.principal;
  if (p?.type === 'user') return p.userEntityRef;
  if (p?.type === 'service') return `service:${p.subject}`;
  return String(p?.type ?? 'unknown');
}

const json = (meta: MutationAuditMeta) =>
  Object.fromEntries(
    Object.entries(meta).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;

/**
 * Runs one mutation attempt inside an audit event (`severityLevel: 'medium'`): success, failure and denial
 * alike end in `.success()` / `.fail({ error })` with the meta known by then. Never put secret values in `meta`.
 */
export async function audited<T>(
  auditor: AuditorService,
  request: Request,
  eventId: AuditEventId,
  meta: MutationAuditMeta,
  run: (meta: MutationAuditMeta) => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    request,
    meta: json(meta),
  });
  try {
    const result = await run(meta);
    await event.success({ meta: json(meta) });
    return result;
  } catch (error) {
    await event.fail({ meta: json(meta), error: error as Error });
    throw error;
  }
}
