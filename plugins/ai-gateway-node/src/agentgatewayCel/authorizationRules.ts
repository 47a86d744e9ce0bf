/**
 * The authorization rule sets of AgentgatewayPolicy objects, for the effective-access evaluator: one set per
 * `spec.traffic.authorization` (layer `traffic`) and per `spec.backend.mcp.authorization` (layer `mcp`) of each
 * attached policy. `action` defaults to `Allow` as in the CRD. Malformed sections (no expressions, unknown action)
 * are left out and reported in `skipped`, never guessed.
 */
import type { UnknownKubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type {
  AuthorizationAction,
  AuthorizationRuleSet,
} from './effectiveAccess';

export interface AttachedPolicy {
  /** the AgentgatewayPolicy object as read from the cluster (or a cache); its spec is read defensively */
  policy: UnknownKubeObject;
  /** where the caller found it attached: to the route, its Gateway or its backend */
  attachedTo: AuthorizationRuleSet['attachedTo'];
}

export interface ExtractedRuleSets {
  ruleSets: AuthorizationRuleSet[];
  /** `<ns>/<name> <field>: <why>` for sections that could not be read */
  skipped: string[];
}

const ACTIONS = new Set<string>(['Allow', 'Require', 'Deny']);

function get(o: unknown, ...path: string[]): unknown {
  let v = o;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function ref(policy: UnknownKubeObject): string {
  return `${policy.metadata.namespace ?? 'default'}/${
    policy.metadata.name || '?'
  }`;
}

export function authorizationRuleSets(
  attached: AttachedPolicy[],
): ExtractedRuleSets {
  const ruleSets: AuthorizationRuleSet[] = [];
  const skipped: string[] = [];
  for (const { policy, attachedTo } of attached) {
    const name = ref(policy);
    const sections: Array<[AuthorizationRuleSet['layer'], string[]]> = [
      ['traffic', ['spec', 'traffic', 'authorization']],
      ['mcp', ['spec', 'backend', 'mcp', 'authorization']],
    ];
    for (const [layer, path] of sections) {
      const section = get(policy, ...path);
      if (section === undefined || section === null) continue;
      const field = path.join('.');
      const action = get(section, 'action') ?? 'Allow';
      const expressions = get(section, 'policy', 'matchExpressions');
      if (typeof action !== 'string' || !ACTIONS.has(action)) {
        skipped.push(`${name} ${field}: unknown action ${String(action)}`);
        continue;
      }
      if (
        !Array.isArray(expressions) ||
        expressions.length === 0 ||
        !expressions.every(e => typeof e === 'string')
      ) {
        skipped.push(`${name} ${field}: no policy.matchExpressions`);
        continue;
      }
      ruleSets.push({
        policy: name,
        attachedTo,
        layer,
        action: action as AuthorizationAction,
        matchExpressions: expressions as string[],
      });
    }
  }
  return { ruleSets, skipped };
}
