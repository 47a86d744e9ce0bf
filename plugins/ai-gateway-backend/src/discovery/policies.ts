import {
  AiApiAuth,
  AiApiPolicySummary,
  KubeObject,
  KubeObjectOf,
  policyTargetRefs,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { isRecord, listOf } from './json';

type Policy = KubeObjectOf<'AgentgatewayPolicy'>;
type Traffic = NonNullable<NonNullable<Policy['spec']>['traffic']>;
type RateLimit = NonNullable<Traffic['rateLimit']>;
/** What a prompt guard says, wherever it is configured (policy, AI backend, model). */
interface PromptGuard {
  request?: unknown[];
  response?: unknown[];
}
interface Guardrail {
  identifier?: string;
  version?: string;
}
/** The fields of an AI backend / model that carry guardrails of their own. */
export interface GuardedSpec {
  ai?: { provider?: { bedrock?: { guardrail?: Guardrail } } };
  bedrock?: { guardrail?: Guardrail };
  policies?: { promptGuard?: PromptGuard; ai?: { promptGuard?: PromptGuard } };
}

/** What a policy may target (an HTTPRoute, a Gateway, an AgentgatewayBackend...). */
export interface PolicyTarget {
  kind: string;
  namespace: string;
  name: string;
  labels?: Record<string, string>;
}

const key = (kind: string, namespace: string, name: string) =>
  `${kind}|${namespace}|${name}`;

/** AgentgatewayPolicies of one cluster indexed by what they target (targetRefs and targetSelectors). */
export class PolicyIndex {
  private readonly byTarget = new Map<string, Policy[]>();
  private readonly selectors: Array<{
    policy: Policy;
    namespace: string;
    kind: string;
    matchLabels: Record<string, string>;
  }> = [];

  constructor(policies: Policy[]) {
    for (const policy of policies) {
      for (const ref of policyTargetRefs(policy)) {
        const k = key(ref.kind, ref.namespace, ref.name);
        const list = this.byTarget.get(k) ?? [];
        list.push(policy);
        this.byTarget.set(k, list);
      }
      for (const s of listOf(policy.spec?.targetSelectors)) {
        if (isRecord(s) && typeof s.kind === 'string' && s.matchLabels) {
          this.selectors.push({
            policy,
            namespace: policy.metadata.namespace ?? '',
            kind: s.kind,
            matchLabels: s.matchLabels,
          });
        }
      }
    }
  }

  /** Policies attached to any of the targets, in the targets' order (most specific first), without repeats. */
  attachedTo(targets: PolicyTarget[]): Policy[] {
    const seen = new Set<Policy>();
    const out: Policy[] = [];
    const add = (p: Policy) => {
      if (!seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    };
    for (const t of targets) {
      this.byTarget.get(key(t.kind, t.namespace, t.name))?.forEach(add);
      for (const s of this.selectors) {
        if (
          s.kind === t.kind &&
          s.namespace === t.namespace &&
          Object.entries(s.matchLabels).every(([k, v]) => t.labels?.[k] === v)
        )
          add(s.policy);
      }
    }
    return out;
  }
}

const NONE: AiApiAuth = { kind: 'none', header: '', scheme: '' };

function location(
  cfg: AuthConfig,
  fallback: { header: string; scheme: string },
): { header: string; scheme: string } {
  const header = 'location' in cfg ? cfg.location?.header : undefined;
  if (isRecord(header) && typeof header.name === 'string') {
    return { header: header.name, scheme: header.prefix ?? '' };
  }
  return fallback;
}

const BEARER = { header: 'Authorization', scheme: 'Bearer ' };

const AUTH_SECTIONS = {
  apiKeyAuthentication: 'api-key',
  jwtAuthentication: 'jwt',
  basicAuthentication: 'basic',
  extAuth: 'ext-auth',
} as const;
const AUTH_SECTION_NAMES = Object.keys(AUTH_SECTIONS) as Array<
  keyof typeof AUTH_SECTIONS
>;
type AuthSection = keyof typeof AUTH_SECTIONS;
type AuthConfig = NonNullable<Traffic[AuthSection]>;

const modeOf = (cfg: AuthConfig): string | undefined =>
  'mode' in cfg && typeof cfg.mode === 'string' ? cfg.mode : undefined;

function authOf(section: AuthSection, cfg: AuthConfig): AiApiAuth {
  const kind = AUTH_SECTIONS[section];
  const where =
    kind === 'basic'
      ? location(cfg, { header: 'Authorization', scheme: 'Basic ' })
      : location(cfg, BEARER);
  return {
    kind,
    ...where,
    ...(modeOf(cfg) ? { mode: modeOf(cfg) } : {}),
  };
}

/** How a client authenticates: the first authentication section among the policies (most specific first). */
export function clientAuth(policies: Policy[]): AiApiAuth {
  for (const p of policies) {
    const traffic = p.spec?.traffic;
    if (!isRecord(traffic)) continue;
    for (const section of AUTH_SECTION_NAMES) {
      const cfg = traffic[section];
      if (isRecord(cfg)) return authOf(section, cfg);
    }
  }
  return NONE;
}

const UNIT: Record<string, string> = {
  Seconds: 'second',
  Minutes: 'minute',
  Hours: 'hour',
  Days: 'day',
};
const num = (n: unknown) =>
  typeof n === 'number' ? n.toLocaleString('en-US') : String(n);
const plural = (n: unknown, word: string) => (n === 1 ? word : `${word}s`);

function authText(kind: AuthSection, cfg: AuthConfig, auth: AiApiAuth): string {
  const where = auth.header
    ? ` in the ${auth.header} header${
        auth.scheme.trim() ? ` (${auth.scheme.trim()})` : ''
      }`
    : '';
  const mode = modeOf(cfg);
  const optional = mode && mode !== 'Strict' ? ` (${mode}: optional)` : '';
  switch (kind) {
    case 'apiKeyAuthentication':
      return `API key required${where}${optional}`;
    case 'jwtAuthentication': {
      const providers = 'providers' in cfg ? listOf(cfg.providers) : [];
      const issuers = providers
        .map(p => (isRecord(p) ? p.issuer : undefined))
        .filter(Boolean);
      return `JWT required${where}${
        issuers.length ? `, issued by ${issuers.join(', ')}` : ''
      }${optional}`;
    }
    case 'basicAuthentication':
      return `HTTP basic authentication${where}${optional}`;
    default:
      return 'Requests are checked by an external authorization service';
  }
}

function rateLimitTexts(rateLimit: RateLimit | undefined): string[] {
  const out: string[] = [];
  for (const l of listOf(rateLimit?.local)) {
    if (!isRecord(l)) continue;
    const unit = UNIT[l.unit] ?? String(l.unit ?? 'period').toLowerCase();
    if (l.tokens !== undefined) {
      out.push(`${num(l.tokens)} LLM tokens per ${unit}`);
    } else if (l.requests !== undefined) {
      out.push(
        `${num(l.requests)} ${plural(l.requests, 'request')} per ${unit}${
          l.burst ? ` (burst ${num(l.burst)})` : ''
        }`,
      );
    }
  }
  if (rateLimit?.global)
    out.push('global rate limit (shared rate-limit service)');
  return out;
}

function promptGuardText(guard: PromptGuard): string {
  const req = listOf(guard.request);
  const res = listOf(guard.response);
  const kinds = [...req, ...res]
    .map(g => Object.keys(isRecord(g) ? g : {}).find(k => k !== 'response'))
    .filter(Boolean);
  const parts = [];
  if (req.length)
    parts.push(`${req.length} ${plural(req.length, 'rule')} on prompts`);
  if (res.length)
    parts.push(`${res.length} ${plural(res.length, 'rule')} on responses`);
  return `Prompt guard: ${parts.join(', ') || 'configured'}${
    kinds.length ? ` (${[...new Set(kinds)].join(', ')})` : ''
  }`;
}

/** Every section of the policy a developer should know about, in plain words. */
export function describePolicy(policy: Policy): AiApiPolicySummary[] {
  const ref = `${policy.metadata.namespace ?? ''}/${policy.metadata.name}`;
  const out: AiApiPolicySummary[] = [];
  const add = (kind: string, text: string) =>
    out.push({ kind, text, policy: ref });
  const traffic: Traffic = isRecord(policy.spec?.traffic)
    ? policy.spec.traffic
    : {};
  const backend = isRecord(policy.spec?.backend) ? policy.spec.backend : {};
  for (const section of AUTH_SECTION_NAMES) {
    const cfg = traffic[section];
    if (isRecord(cfg))
      add('auth', authText(section, cfg, authOf(section, cfg)));
  }
  for (const text of rateLimitTexts(traffic.rateLimit)) {
    add(text.includes('token') ? 'token-limit' : 'rate-limit', text);
  }
  const guard = backend.ai?.promptGuard;
  if (isRecord(guard)) add('prompt-guard', promptGuardText(guard));
  if (isRecord(traffic.authorization)) {
    const n = listOf(traffic.authorization.policy?.matchExpressions).length;
    add(
      'authorization',
      `Access rules: ${n} CEL ${plural(n, 'condition')} (${
        traffic.authorization.action ?? 'Allow'
      })`,
    );
  }
  if (isRecord(backend.mcp?.authorization)) {
    const n = listOf(backend.mcp.authorization.policy?.matchExpressions).length;
    add(
      'authorization',
      `MCP tool access rules: ${n} CEL ${plural(
        n,
        'condition',
      )} decide which tools a caller may use`,
    );
  }
  if (isRecord(traffic.cors)) {
    const origins = listOf(traffic.cors.allowOrigins);
    add(
      'cors',
      `Browser access (CORS) from ${
        origins.join(', ') || 'configured origins'
      }`,
    );
  }
  if (traffic.timeouts?.request)
    add('timeout', `Requests time out after ${traffic.timeouts.request}`);
  if (isRecord(traffic.retry)) {
    const codes = listOf(traffic.retry.codes);
    add(
      'retry',
      `Retried up to ${traffic.retry.attempts ?? 1} ${plural(
        traffic.retry.attempts ?? 1,
        'time',
      )}${codes.length ? ` on ${codes.join(', ')}` : ''}`,
    );
  }
  return out;
}

/** Guardrails carried by an AI backend or model itself (Bedrock guardrail, model prompt guard). */
export function describeBackendGuards(
  obj: KubeObject<GuardedSpec>,
): AiApiPolicySummary[] {
  const ref = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
  const out: AiApiPolicySummary[] = [];
  const bedrock =
    obj.spec?.ai?.provider?.bedrock?.guardrail ?? obj.spec?.bedrock?.guardrail;
  if (bedrock?.identifier) {
    out.push({
      kind: 'prompt-guard',
      text: `Amazon Bedrock guardrail ${bedrock.identifier}${
        bedrock.version ? ` (version ${bedrock.version})` : ''
      }`,
      policy: ref,
    });
  }
  const guard =
    obj.spec?.policies?.promptGuard ?? obj.spec?.policies?.ai?.promptGuard;
  if (isRecord(guard))
    out.push({
      kind: 'prompt-guard',
      text: promptGuardText(guard),
      policy: ref,
    });
  return out;
}
