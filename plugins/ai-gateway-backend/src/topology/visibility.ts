import { ObjectFacts } from './facts';
import { ROUTE_KINDS } from './scope';

export type Visible = 'owned' | 'attached';

/** The kinds a scope can see. */
export const RELEVANT: ReadonlySet<string> = new Set([
  'Gateway',
  ...ROUTE_KINDS,
  'AgentgatewayBackend',
  'AgentgatewayPolicy',
]);

const addCount = (m: Map<string, number>, k: string, d: number) => {
  const n = (m.get(k) ?? 0) + d;
  if (n) m.set(k, n);
  else m.delete(k);
  return n;
};

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Which objects a scope sees — the rules of `visibleObjects` (scope.ts) — kept up to date from the keys
 * that changed, so a watch event costs what it touches: the platform sees every object of a topology kind;
 * an entity sees the objects it owns, the objects its routes name as parents, and the policies that target
 * those parents when they are Gateways. Counts of the references from owned routes and an index of the
 * policies per Gateway they target say which other keys a change can affect.
 */
export class Visibility {
  /** object key → relation, for the visible objects */
  readonly relation = new Map<string, Visible>();
  private owned: ReadonlySet<string> = new Set();
  /** key → how many parent references owned routes make to it */
  private readonly parentCount = new Map<string, number>();
  /** owned route key → the parent keys it counted */
  private readonly counted = new Map<string, string[]>();
  /** Gateway key → the policies targeting it */
  private readonly gatewayPolicies = new Map<string, Set<string>>();
  /** policy key → the Gateway keys it targets */
  private readonly policyGateways = new Map<string, string[]>();

  constructor(private readonly platform: boolean) {}

  /**
   * Applies the keys whose facts changed (or that appeared / disappeared) and, for an entity, the keys it
   * owns now. Returns the keys whose relation changed.
   */
  update(
    facts: ReadonlyMap<string, ObjectFacts>,
    changed: Iterable<string>,
    owned?: ReadonlySet<string>,
  ): Set<string> {
    const candidates = new Set(changed);
    if (!this.platform && owned && owned !== this.owned) {
      for (const k of this.owned) if (!owned.has(k)) candidates.add(k);
      for (const k of owned) if (!this.owned.has(k)) candidates.add(k);
      this.owned = owned;
    }
    if (!this.platform) this.references(facts, candidates);
    const flipped = new Set<string>();
    for (const k of candidates) {
      const now = this.relationOf(facts, k);
      if (now === this.relation.get(k)) continue;
      if (now) this.relation.set(k, now);
      else this.relation.delete(k);
      flipped.add(k);
    }
    return flipped;
  }

  private isOwned(facts: ReadonlyMap<string, ObjectFacts>, k: string) {
    const f = facts.get(k);
    return !!f && RELEVANT.has(f.object.kind) && this.owned.has(k);
  }

  private attachedByParent(facts: ReadonlyMap<string, ObjectFacts>, k: string) {
    return this.parentCount.has(k) && facts.has(k) && !this.isOwned(facts, k);
  }

  private relationOf(
    facts: ReadonlyMap<string, ObjectFacts>,
    k: string,
  ): Visible | undefined {
    const f = facts.get(k);
    if (!f) return undefined;
    if (this.platform) return RELEVANT.has(f.object.kind) ? 'owned' : undefined;
    if (this.isOwned(facts, k)) return 'owned';
    if (this.attachedByParent(facts, k)) return 'attached';
    if (
      f.object.kind === 'AgentgatewayPolicy' &&
      f.targets.some(
        t => t.kind === 'Gateway' && this.attachedByParent(facts, t.key),
      )
    )
      return 'attached';
    return undefined;
  }

  /**
   * Entity scope: updates the parent counts of the candidate routes and the policy index of the candidate
   * policies, and adds to the candidates the keys whose relation those updates can change.
   */
  private references(
    facts: ReadonlyMap<string, ObjectFacts>,
    candidates: Set<string>,
  ) {
    const touched: string[] = [];
    for (const k of candidates) {
      const f = facts.get(k);
      const parents =
        f && ROUTE_KINDS.has(f.object.kind) && this.isOwned(facts, k)
          ? f.parents.map(p => p.key)
          : [];
      const before = this.counted.get(k) ?? [];
      if (!sameList(before, parents)) {
        for (const p of before)
          if (addCount(this.parentCount, p, -1) === 0) touched.push(p);
        for (const p of parents)
          if (addCount(this.parentCount, p, 1) === 1) touched.push(p);
        if (parents.length) this.counted.set(k, parents);
        else this.counted.delete(k);
      }
      const gateways =
        f?.object.kind === 'AgentgatewayPolicy'
          ? f.targets.filter(t => t.kind === 'Gateway').map(t => t.key)
          : [];
      const had = this.policyGateways.get(k) ?? [];
      if (!sameList(had, gateways)) {
        for (const g of had) {
          const set = this.gatewayPolicies.get(g);
          set?.delete(k);
          if (set?.size === 0) this.gatewayPolicies.delete(g);
        }
        for (const g of gateways) {
          const set = this.gatewayPolicies.get(g) ?? new Set<string>();
          set.add(k);
          this.gatewayPolicies.set(g, set);
        }
        if (gateways.length) this.policyGateways.set(k, gateways);
        else this.policyGateways.delete(k);
      }
    }
    for (const k of touched) candidates.add(k);
    // a Gateway whose attachment may have changed: the policies targeting it
    for (const k of [...candidates])
      for (const p of this.gatewayPolicies.get(k) ?? []) candidates.add(p);
  }
}
