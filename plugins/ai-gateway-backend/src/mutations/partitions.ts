import { Config } from '@backstage/config';
import {
  KubeObject,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * The platform's partition of a shared Gateway's URL space (`aiGateway.partitions`): routes of `namespace`
 * attached to `gateway` may only use these hostnames and / or path prefixes. A Gateway with no partition is not
 * partitioned (its listeners' `hostname` + `allowedRoutes` still apply, enforced by the data plane).
 */
export interface GatewayPartition {
  gateway: { namespace: string; name: string };
  namespace: string;
  /** exact hostnames or `*.suffix` wildcards the routes may claim (a route must list hostnames) */
  hostnames?: string[];
  /** path prefixes the routes' matches must stay under (segment-wise: `/search` covers `/search/x`) */
  pathPrefixes?: string[];
}

export function readPartitions(config: Config): GatewayPartition[] {
  return (config.getOptionalConfigArray('aiGateway.partitions') ?? []).map(
    c => ({
      gateway: {
        namespace: c.getString('gateway.namespace'),
        name: c.getString('gateway.name'),
      },
      namespace: c.getString('namespace'),
      hostnames: c.getOptionalStringArray('hostnames'),
      pathPrefixes: c.getOptionalStringArray('pathPrefixes'),
    }),
  );
}

type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `host` is within `allowed` (exact, or under a `*.suffix` wildcard; a wildcard route host needs the same wildcard). */
export function hostAllowed(host: string, allowed: string[]): boolean {
  const h = host.toLowerCase();
  return allowed.some(a => {
    const p = a.toLowerCase();
    if (p === h) return true;
    return p.startsWith('*.') && !h.startsWith('*') && h.endsWith(p.slice(1));
  });
}

/** `path` stays under `prefix` segment-wise. */
export function pathAllowed(path: string, prefixes: string[]): boolean {
  return prefixes.some(p => {
    const prefix = p.replace(/\/+$/, '');
    return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
  });
}

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute']);

/**
 * Causes (422 at the field) for a route outside its namespace's assignment on a partitioned Gateway it attaches
 * to: `spec.hostnames[i]`, `spec.rules[i].matches[j].path.value` (or `spec.rules[i].matches` for a rule that
 * matches everything), and `spec.parentRefs[i]` when the namespace has no assignment on that Gateway.
 */
export function partitionCauses(
  object: KubeObject,
  partitions: GatewayPartition[],
): ValidationCause[] {
  if (!ROUTE_KINDS.has(object.kind) || partitions.length === 0) return [];
  const ns = object.metadata.namespace ?? '';
  const spec = fields(object.spec);
  const causes: ValidationCause[] = [];
  list(spec.parentRefs).forEach((p, i) => {
    const ref = fields(p);
    if ((text(ref.kind) ?? 'Gateway') !== 'Gateway') return;
    const gw = {
      namespace: text(ref.namespace) ?? ns,
      name: text(ref.name) ?? '',
    };
    const onGateway = partitions.filter(
      x => x.gateway.namespace === gw.namespace && x.gateway.name === gw.name,
    );
    if (onGateway.length === 0) return;
    const mine = onGateway.filter(x => x.namespace === ns);
    if (mine.length === 0) {
      causes.push({
        field: `spec.parentRefs[${i}]`,
        reason: 'FieldValueForbidden',
        message: `Gateway ${gw.namespace}/${gw.name} is partitioned and namespace ${ns} has no assignment on it`,
      });
      return;
    }
    const hostnames = mine.flatMap(x => x.hostnames ?? []);
    const prefixes = mine.flatMap(x => x.pathPrefixes ?? []);
    if (mine.some(x => x.hostnames)) {
      const routeHosts = list(spec.hostnames).map(h => text(h) ?? '');
      if (routeHosts.length === 0)
        causes.push({
          field: 'spec.hostnames',
          reason: 'FieldValueRequired',
          message: `routes of ${ns} on ${
            gw.name
          } must name their hostnames (assigned: ${hostnames.join(', ')})`,
        });
      routeHosts.forEach((h, j) => {
        if (!hostAllowed(h, hostnames))
          causes.push({
            field: `spec.hostnames[${j}]`,
            reason: 'FieldValueForbidden',
            message: `${h} is outside the hostnames assigned to ${ns} on ${
              gw.name
            } (${hostnames.join(', ')})`,
          });
      });
    }
    if (mine.some(x => x.pathPrefixes)) {
      list(spec.rules).forEach((r, ri) => {
        const matches = list(fields(r).matches);
        if (matches.length === 0)
          causes.push({
            field: `spec.rules[${ri}].matches`,
            reason: 'FieldValueRequired',
            message: `a rule without matches captures every path; ${ns} is assigned ${prefixes.join(
              ', ',
            )}`,
          });
        matches.forEach((m, mi) => {
          const path = fields(fields(m).path);
          const value = text(path.value) ?? '/';
          const type = text(path.type) ?? 'PathPrefix';
          const field = `spec.rules[${ri}].matches[${mi}].path${
            path.value === undefined ? '' : '.value'
          }`;
          if (type === 'RegularExpression' || !pathAllowed(value, prefixes))
            causes.push({
              field,
              reason: 'FieldValueForbidden',
              message: `${type} ${value} is outside the path prefixes assigned to ${ns} on ${
                gw.name
              } (${prefixes.join(', ')})`,
            });
        });
      });
    }
  });
  return dedupe(causes);
}

function dedupe(causes: ValidationCause[]): ValidationCause[] {
  const seen = new Set<string>();
  return causes.filter(c => {
    const key = `${c.field}\n${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
