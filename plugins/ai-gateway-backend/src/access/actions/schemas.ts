import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type {
  AccessGrant,
  AccessRequest,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * The zod (v3 API) the actions registry hands to every schema function. Taken from the registry's own types so
 * the schemas are built with the same zod instance the registry validates with (this package's own zod may be
 * another copy).
 */
export type Zod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

export const API_TYPES = ['llm', 'mcp-server', 'a2a'] as const;

export const limitsSchema = (z: Zod) =>
  z.object({
    requestsPerMinute: z.number().int().positive().optional(),
    tokensPerMinute: z.number().int().positive().optional(),
  });

export const offersSchema = (z: Zod) =>
  z.object({
    models: z
      .array(z.string())
      .describe('model names a client may send (llm APIs)'),
    tools: z.array(z.string()).describe('MCP tool names (mcp-server APIs)'),
    limits: limitsSchema(z)
      .optional()
      .describe("the API's own per-minute limits; a grant stays within them"),
  });

export const scopeSchema = (z: Zod) =>
  z.object({
    models: z.array(z.string()).optional(),
    tools: z.array(z.string()).optional(),
    limits: limitsSchema(z).optional(),
  });

/** An access request as agents see it (no internal fields beyond the wire type). */
export const requestSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    apiRef: z.string(),
    consumerRef: z.string(),
    requestedBy: z.string(),
    state: z.enum(['pending', 'approved', 'denied', 'cancelled', 'closed']),
    scope: scopeSchema(z),
    reason: z.string(),
    expiresAt: z.string(),
    createdAt: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    decisionNote: z.string().optional(),
    autoApproved: z.boolean().optional(),
    grantId: z.string().optional(),
  });

/** A grant as agents see it: what it allows and until when; never a key, only its recognisable prefix. */
export const grantSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    apiRef: z.string(),
    consumerRef: z.string(),
    state: z.enum(['awaiting-key', 'active', 'revoked', 'expired']),
    scope: scopeSchema(z),
    expiresAt: z.string(),
    approvedBy: z.string(),
    keyPrefix: z.string().optional(),
    keyIssuedAt: z.string().optional(),
    previousKeyExpiresAt: z.string().optional(),
    drifted: z
      .boolean()
      .describe(
        "true when the grant's objects in the cluster differ from what they should be",
      ),
    unenforcedLimits: z.string().optional(),
  });

export function toRequestOutput(r: AccessRequest) {
  return {
    id: r.id,
    apiRef: r.apiRef,
    consumerRef: r.consumerRef,
    requestedBy: r.requestedBy,
    state: r.state,
    scope: r.scope,
    reason: r.reason,
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
    ...(r.decidedBy ? { decidedBy: r.decidedBy } : {}),
    ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
    ...(r.decisionNote ? { decisionNote: r.decisionNote } : {}),
    ...(r.autoApproved !== undefined ? { autoApproved: r.autoApproved } : {}),
    ...(r.grantId ? { grantId: r.grantId } : {}),
  };
}

export function toGrantOutput(g: AccessGrant) {
  return {
    id: g.id,
    apiRef: g.apiRef,
    consumerRef: g.consumerRef,
    state: g.state,
    scope: g.scope,
    expiresAt: g.expiresAt,
    approvedBy: g.approvedBy,
    ...(g.keyPrefix ? { keyPrefix: g.keyPrefix } : {}),
    ...(g.keyIssuedAt ? { keyIssuedAt: g.keyIssuedAt } : {}),
    ...(g.previousKeyExpiresAt
      ? { previousKeyExpiresAt: g.previousKeyExpiresAt }
      : {}),
    drifted: Boolean(g.drift?.differences.length),
    ...(g.unenforcedLimits ? { unenforcedLimits: g.unenforcedLimits } : {}),
  };
}
