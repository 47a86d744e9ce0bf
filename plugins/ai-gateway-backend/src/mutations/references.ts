import {
  KubeObject,
  ResourceKindDescriptor,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { LabelRequirement, matchesLabels } from '../entities/labelSelector';

const GATEWAY_API = 'gateway.networking.k8s.io';

/** What the reference rules need to know about the cluster. */
export interface ReferenceContext {
  cluster: string;
  reader: ResourceReader;
  /** Labels of a Namespace, undefined if it does not exist (for `allowedRoutes` selectors). */
  namespaceLabels(name: string): Promise<Record<string, string> | undefined>;
}

const refused = (field: string, message: string): ValidationCause => ({
  field,
  reason: 'FieldValueForbidden',
  message,
});

/** A Kubernetes `LabelSelector` (`matchLabels` + `matchExpressions`) as label requirements. */
function selectorRequirements(sel: any): LabelRequirement[] {
  const reqs: LabelRequirement[] = Object.entries(sel?.matchLabels ?? {}).map(
    ([key, value]) => ({ key, op: 'in' as const, values: [String(value)] }),
  );
  for (const e of Array.isArray(sel?.matchExpressions)
    ? sel.matchExpressions
    : []) {
    const op = String(e?.operator ?? '');
    if (op === 'In' || op === 'NotIn')
      reqs.push({
        key: e.key,
        op: op === 'In' ? 'in' : 'notin',
        values: e.values ?? [],
      });
    else if (op === 'Exists') reqs.push({ key: e.key, op: 'exists' });
    else if (op === 'DoesNotExist')
      reqs.push({ key: e.key, op: 'doesnotexist' });
  }
  return reqs;
}

/**
 * Whether a Gateway lets routes from `routeNamespace` attach (Gateway API `allowedRoutes.namespaces`:
 * `Same` (default), `All`, `Selector` on the route namespace's labels), on the named listener or any listener.
 */
async function gatewayAllows(
  gateway: KubeObject,
  sectionName: string | undefined,
  routeNamespace: string,
  ctx: ReferenceContext,
): Promise<boolean> {
  const listeners: any[] = Array.isArray(gateway.spec?.listeners)
    ? gateway.spec.listeners
    : [];
  for (const l of listeners) {
    if (sectionName && l?.name !== sectionName) continue;
    const from = l?.allowedRoutes?.namespaces?.from ?? 'Same';
    if (from === 'All') return true;
    if (from === 'Same' && gateway.metadata.namespace === routeNamespace)
      return true;
    if (from === 'Selector') {
      const labels = await ctx.namespaceLabels(routeNamespace);
      const reqs = selectorRequirements(l.allowedRoutes.namespaces.selector);
      if (labels && reqs.length > 0 && matchesLabels(labels, reqs)) return true;
    }
  }
  return false;
}

/** Whether a ReferenceGrant in the target namespace lets `from` (group/kind in `fromNamespace`) refer to `to`. */
function grantAllows(
  from: { group: string; kind: string; namespace: string },
  to: { group: string; kind: string; namespace: string; name: string },
  ctx: ReferenceContext,
): boolean {
  return ctx.reader
    .query(ctx.cluster, 'ReferenceGrant', { namespaces: [to.namespace] })
    .some(grant => {
      const froms: any[] = Array.isArray(grant.spec?.from)
        ? grant.spec.from
        : [];
      const tos: any[] = Array.isArray(grant.spec?.to) ? grant.spec.to : [];
      return (
        froms.some(
          f =>
            (f?.group ?? '') === from.group &&
            f?.kind === from.kind &&
            f?.namespace === from.namespace,
        ) &&
        tos.some(
          t =>
            (t?.group ?? '') === to.group &&
            t?.kind === to.kind &&
            (!t?.name || t.name === to.name),
        )
      );
    });
}

/** Every `secretRef` below `value` with its field path. */
function secretRefPaths(
  value: unknown,
  path: string,
  out: Array<{ path: string; ref: any }>,
) {
  if (Array.isArray(value))
    value.forEach((v, i) => secretRefPaths(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'secretRef') out.push({ path: `${path}.${k}`, ref: v });
      else secretRefPaths(v, `${path}.${k}`, out);
    }
  }
}

/**
 * Refuses references that leave the object's namespace unless Kubernetes would allow them:
 * `parentRefs` to a Gateway whose listener's `allowedRoutes` admits the namespace; `backendRefs` (route rules,
 * MCP static targets) with a ReferenceGrant in the target namespace; `targetRefs` and `secretRef`s local only;
 * MCP target selectors with a `namespaces` selector other than the object's own namespace. Generic over kinds:
 * the rules follow the Gateway API field shapes, whichever kind carries them. Returns one cause per refusal.
 */
export async function checkReferences(
  kind: ResourceKindDescriptor,
  obj: KubeObject,
  ctx: ReferenceContext,
): Promise<ValidationCause[]> {
  const ns = obj.metadata.namespace ?? '';
  const spec = obj.spec ?? {};
  const causes: ValidationCause[] = [];
  const from = { group: kind.group, kind: kind.kind, namespace: ns };

  const parents: any[] = Array.isArray(spec.parentRefs) ? spec.parentRefs : [];
  for (const [i, p] of parents.entries()) {
    if (!p?.namespace || p.namespace === ns) continue;
    const field = `spec.parentRefs[${i}].namespace`;
    const group = p.group ?? GATEWAY_API;
    const refKind = p.kind ?? 'Gateway';
    if (group !== GATEWAY_API || refKind !== 'Gateway') {
      causes.push(
        refused(field, `a ${refKind} in another namespace cannot be a parent`),
      );
      continue;
    }
    const gw = ctx.reader.get(ctx.cluster, 'Gateway', p.namespace, p.name);
    if (!gw) {
      causes.push(
        refused(
          field,
          `Gateway ${p.namespace}/${p.name} does not exist, so it cannot admit routes from ${ns}`,
        ),
      );
    } else if (!(await gatewayAllows(gw, p.sectionName, ns, ctx))) {
      causes.push(
        refused(
          field,
          `Gateway ${p.namespace}/${p.name}${
            p.sectionName ? ` listener ${p.sectionName}` : ''
          } does not allow routes from namespace ${ns} (allowedRoutes)`,
        ),
      );
    }
  }

  const backendRefs: Array<{
    path: string;
    ref: any;
    defaults: { group: string; kind: string };
  }> = [];
  (Array.isArray(spec.rules) ? spec.rules : []).forEach(
    (rule: any, i: number) =>
      (Array.isArray(rule?.backendRefs) ? rule.backendRefs : []).forEach(
        (ref: any, j: number) =>
          backendRefs.push({
            path: `spec.rules[${i}].backendRefs[${j}]`,
            ref,
            defaults: { group: '', kind: 'Service' },
          }),
      ),
  );
  (Array.isArray(spec.mcp?.targets) ? spec.mcp.targets : []).forEach(
    (t: any, i: number) => {
      if (t?.static?.backendRef)
        backendRefs.push({
          path: `spec.mcp.targets[${i}].static.backendRef`,
          ref: t.static.backendRef,
          defaults: { group: '', kind: 'Service' },
        });
      const nsSel = t?.selector?.namespaces;
      if (nsSel) {
        const labels = nsSel.matchLabels ?? {};
        const onlyOwn =
          !nsSel.matchExpressions?.length &&
          Object.keys(labels).length === 1 &&
          labels['kubernetes.io/metadata.name'] === ns;
        if (!onlyOwn)
          causes.push(
            refused(
              `spec.mcp.targets[${i}].selector.namespaces`,
              `MCP targets may only be selected in the object's own namespace (${ns})`,
            ),
          );
      }
    },
  );
  for (const { path, ref, defaults } of backendRefs) {
    if (!ref?.namespace || ref.namespace === ns) continue;
    const to = {
      group: ref.group ?? defaults.group,
      kind: ref.kind ?? defaults.kind,
      namespace: ref.namespace,
      name: ref.name,
    };
    if (!grantAllows(from, to, ctx))
      causes.push(
        refused(
          `${path}.namespace`,
          `no ReferenceGrant in namespace ${to.namespace} allows ${kind.kind}s from ${ns} to refer to ${to.kind} ${to.name}`,
        ),
      );
  }

  (Array.isArray(spec.targetRefs) ? spec.targetRefs : []).forEach(
    (t: any, i: number) => {
      if (t?.namespace && t.namespace !== ns)
        causes.push(
          refused(
            `spec.targetRefs[${i}].namespace`,
            'policy targets must be in the policy’s own namespace',
          ),
        );
    },
  );

  const secrets: Array<{ path: string; ref: any }> = [];
  secretRefPaths(spec, 'spec', secrets);
  for (const { path, ref } of secrets) {
    if (ref?.namespace && ref.namespace !== ns)
      causes.push(
        refused(
          `${path}.namespace`,
          `Secrets can only be referenced in the object's own namespace (${ns})`,
        ),
      );
  }
  return causes;
}
