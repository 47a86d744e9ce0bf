import type { AgentCard as A2aV1AgentCard } from '@a2a-js/sdk';
import { boundedFetch } from '../mcp/client';
import { withDeadline } from '../remoteDiscovery/deadline';

/**
 * An A2A agent card as the agent serves it, validated: the A2A 0.3 shape (`url`, `preferredTransport`,
 * `protocolVersion`) or the 1.0 shape (`supportedInterfaces`, the official SDK's `AgentCard`). Unknown fields are kept.
 */
export type AgentCard = Record<string, unknown> & {
  name: string;
  description: string;
  version: string;
  capabilities: Record<string, unknown>;
  defaultInputModes: string[];
  defaultOutputModes: string[];
  skills: AgentSkill[];
  url?: string;
  supportedInterfaces?: Pick<
    A2aV1AgentCard['supportedInterfaces'][number],
    'url' | 'protocolBinding'
  >[];
  securitySchemes?: Record<string, unknown>;
};

export interface AgentSkill {
  id: string;
  name: string;
  description: string;
  tags: string[];
  examples?: string[];
  [key: string]: unknown;
}

/** The well-known paths, newest first: A2A 0.3+ (`agent-card.json`), then the older `agent.json`. */
export const AGENT_CARD_PATHS = [
  '/.well-known/agent-card.json',
  '/.well-known/agent.json',
];

export interface CardLimits {
  /** the whole fetch (both paths) */
  timeoutMs: number;
  /** one answer */
  maxResponseBytes: number;
  /** skills per card; more → the card is refused */
  maxSkills: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

class CardError extends Error {}

function str(o: Obj, key: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !v.trim())
    throw new CardError(`${at}${key} must be a non-empty string`);
  return v;
}

function strings(o: Obj, key: string, at: string, optional = false) {
  const v = o[key];
  if (v === undefined && optional) return;
  if (!Array.isArray(v) || v.some(x => typeof x !== 'string'))
    throw new CardError(`${at}${key} must be an array of strings`);
}

/** Checks an agent card's fields (A2A 0.3 or 1.0); throws naming the first bad field. */
export function validateAgentCard(
  value: unknown,
  maxSkills: number,
): AgentCard {
  if (!isObj(value)) throw new CardError('the agent card is not a JSON object');
  str(value, 'name', '');
  if (typeof value.description !== 'string')
    throw new CardError('description must be a string');
  str(value, 'version', '');
  if (!isObj(value.capabilities))
    throw new CardError('capabilities must be an object');
  strings(value, 'defaultInputModes', '');
  strings(value, 'defaultOutputModes', '');
  if (value.url !== undefined) str(value, 'url', '');
  if (value.supportedInterfaces !== undefined) {
    if (!Array.isArray(value.supportedInterfaces))
      throw new CardError('supportedInterfaces must be an array');
    value.supportedInterfaces.forEach((x, i) => {
      if (!isObj(x))
        throw new CardError(`supportedInterfaces[${i}] must be an object`);
      str(x, 'url', `supportedInterfaces[${i}].`);
    });
  }
  if (value.url === undefined && !(value.supportedInterfaces as [])?.length)
    throw new CardError(
      'url (A2A 0.3) or supportedInterfaces (1.0) is missing',
    );
  if (value.securitySchemes !== undefined && !isObj(value.securitySchemes))
    throw new CardError('securitySchemes must be an object');
  if (!Array.isArray(value.skills))
    throw new CardError('skills must be an array');
  if (value.skills.length > maxSkills)
    throw new CardError(`more than ${maxSkills} skills`);
  value.skills.forEach((s, i) => {
    const at = `skills[${i}].`;
    if (!isObj(s)) throw new CardError(`skills[${i}] must be an object`);
    str(s, 'id', at);
    str(s, 'name', at);
    if (typeof s.description !== 'string')
      throw new CardError(`${at}description must be a string`);
    strings(s, 'tags', at);
    strings(s, 'examples', at, true);
  });
  return value as AgentCard;
}

/** The card's endpoint URL: `url` (0.3), else the first supported interface's (1.0). */
export function cardEndpoint(card: AgentCard): string | undefined {
  return card.url ?? card.supportedInterfaces?.[0]?.url;
}

/**
 * Fetches and validates the agent card under `baseUrl`: `/.well-known/agent-card.json`, and when that answers
 * 404 (an agent of an older A2A version) `/.well-known/agent.json`. Bounded in time (both requests) and size.
 */
export async function fetchAgentCard(
  baseUrl: string,
  headers: Record<string, string>,
  limits: CardLimits,
): Promise<{ card: AgentCard; cardUrl: string }> {
  const base = baseUrl.replace(/\/+$/, '');
  return withDeadline(limits.timeoutMs, async signal => {
    const fetchFn = boundedFetch(limits.maxResponseBytes, signal);
    let lastStatus = 0;
    for (const path of AGENT_CARD_PATHS) {
      const cardUrl = `${base}${path}`;
      const res = await fetchFn(cardUrl, {
        headers: { accept: 'application/json', ...headers },
        redirect: 'error',
      });
      lastStatus = res.status;
      if (res.status === 404) {
        await res.body?.cancel().catch(() => {});
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        throw new Error(`${cardUrl} answered HTTP ${res.status}`);
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`${cardUrl} did not answer JSON`);
      }
      try {
        return { card: validateAgentCard(json, limits.maxSkills), cardUrl };
      } catch (e) {
        throw new Error(
          `${cardUrl}: malformed agent card: ${(e as Error).message}`,
        );
      }
    }
    throw new Error(
      `no agent card at ${base}${AGENT_CARD_PATHS.join(
        ' or ',
      )} (HTTP ${lastStatus})`,
    );
  });
}
