/**
 * The ClusterRole aggregation controller (kube-controller-manager's clusterroleaggregation): after any ClusterRole
 * changes, every ClusterRole with an `aggregationRule` gets as `rules` the rules of the ClusterRoles its
 * `clusterRoleSelectors` select (itself excluded; per selector in name order; a rule already taken is not repeated),
 * written with server-side apply by the field manager `clusterrole-aggregation-controller` (force), and only when the
 * rules differ from the stored ones.
 */
import type { LabelRequirement } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { Cluster } from '../cluster/Cluster';
import { KubeObject, ResourceType } from '../types';

const KEY = 'rbac.authorization.k8s.io/clusterroles';
export const AGGREGATION_MANAGER = 'clusterrole-aggregation-controller';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const selectors =
  (): typeof import('@ai-gateway-backstage/plugin-ai-gateway-common') =>
    require('@ai-gateway-backstage/plugin-ai-gateway-common');

/** metav1.LabelSelectorAsSelector: matchLabels and matchExpressions as requirements (`{}` selects everything). */
export function selectorRequirements(selector: KubeObject): LabelRequirement[] {
  const out: LabelRequirement[] = Object.entries(
    selector.matchLabels ?? {},
  ).map(([key, v]) => ({ key, op: 'in' as const, values: [String(v)] }));
  for (const e of selector.matchExpressions ?? []) {
    const key = String(e.key);
    const values = (e.values ?? []).map(String);
    if (e.operator === 'In') out.push({ key, op: 'in', values });
    else if (e.operator === 'NotIn') out.push({ key, op: 'notin', values });
    else if (e.operator === 'Exists') out.push({ key, op: 'exists' });
    else if (e.operator === 'DoesNotExist')
      out.push({ key, op: 'doesnotexist' });
    else
      throw new Error(`"${e.operator}" is not a valid label selector operator`);
  }
  return out;
}

/** A PolicyRule compared as equality.Semantic.DeepEqual does (nil and empty lists are equal). */
function ruleKey(rule: KubeObject): string {
  return JSON.stringify(
    ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'].map(
      f => rule[f] ?? [],
    ),
  );
}

/** The rules an aggregated ClusterRole gets from the stored ClusterRoles. */
export function aggregatedRules(
  role: KubeObject,
  all: KubeObject[],
): KubeObject[] {
  const byName = [...all].sort((a, b) =>
    a.metadata!.name < b.metadata!.name ? -1 : 1,
  );
  const rules: KubeObject[] = [];
  const seen = new Set<string>();
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    const requirements = selectorRequirements(selector ?? {});
    for (const other of byName) {
      if (other.metadata!.name === role.metadata!.name) continue;
      if (!selectors().matchesLabels(other.metadata?.labels, requirements))
        continue;
      for (const rule of other.rules ?? []) {
        const key = ruleKey(rule);
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push(rule);
      }
    }
  }
  return rules;
}

const sameRules = (a: KubeObject[], b: KubeObject[]) =>
  a.length === b.length && a.every((r, i) => ruleKey(r) === ruleKey(b[i]));

export class ClusterRoleAggregator {
  private scheduled = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly cluster: Cluster) {
    this.unsubscribe = cluster.store.subscribe(e => {
      if (e.key !== KEY || this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.sync();
      });
    });
  }

  stop(): void {
    this.unsubscribe();
  }

  /** One pass over every aggregated ClusterRole; each write schedules the next pass (roles can aggregate roles). */
  sync(): void {
    const type = this.cluster.registry.byKey(KEY) as ResourceType;
    const all = this.cluster.store.list(KEY);
    for (const role of all) {
      if (!role.aggregationRule || role.metadata?.deletionTimestamp) continue;
      try {
        const rules = aggregatedRules(role, all);
        if (sameRules(rules, role.rules ?? [])) continue;
        this.cluster.apply(
          type,
          'v1',
          undefined,
          role.metadata!.name,
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'ClusterRole',
            metadata: { name: role.metadata!.name },
            rules,
          },
          { manager: AGGREGATION_MANAGER, force: true },
        );
      } catch {
        // a selector that does not convert, or the role changed meanwhile: the next change retries, as the
        // controller's work queue does
      }
    }
  }
}
