import {
  FoundReference,
  KubeObject,
  ResourceKindDescriptor,
  ValidationCause,
  listReferences,
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
type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {};
const list = (v: unknown): Fields[] => (Array.isArray(v) ? v.map(fields) : []);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;

function selectorRequirements(selector: unknown): LabelRequirement[] {
  const sel = fields(selector);
  const reqs: LabelRequirement[] = Object.entries(fields(sel.matchLabels)).map(
    ([key, value]) => ({ key, op: 'in' as const, values: [String(value)] }),
  );
  for (const e of list(sel.matchExpressions)) {
    const op = String(e.operator ?? '');
    const key = String(e.key ?? '');
    if (op === 'In' || op === 'NotIn')
      reqs.push({
        key,
        op: op === 'In' ? 'in' : 'notin',
        values: Array.isArray(e.values) ? e.values.map(String) : [],
      });
    else if (op === 'Exists') reqs.push({ key, op: 'exists' });
    else if (op === 'DoesNotExist') reqs.push({ key, op: 'doesnotexist' });
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
  for (const l of list(fields(gateway.spec).listeners)) {
    if (sectionName && l.name !== sectionName) continue;
    const namespaces = fields(fields(l.allowedRoutes).namespaces);
    const from = namespaces.from ?? 'Same';
    if (from === 'All') return true;
    if (from === 'Same' && gateway.metadata.namespace === routeNamespace)
      return true;
    if (from === 'Selector') {
      const labels = await ctx.namespaceLabels(routeNamespace);
      const reqs = selectorRequirements(namespaces.selector);
      if (labels && reqs.length > 0 && matchesLabels(labels, reqs)) return true;
    }
  }
  return false;
}

/**
 * A ListenerSet's `spec.parentRef` to a Gateway in another namespace: the Gateway's `allowedListeners.namespaces`
 * (`None` by default, `Same`, `All`, `Selector` on the ListenerSet namespace's labels) must admit it.
 */
async function listenerSetParentCause(
  field: string,
  ns: string,
  ref: FoundReference & { namespace: string },
  ctx: ReferenceContext,
): Promise<ValidationCause | undefined> {
  const gw = ctx.reader.get(ctx.cluster, 'Gateway', ref.namespace, ref.name);
  if (!gw)
    return refused(
      field,
      `Gateway ${ref.namespace}/${ref.name} does not exist, so it cannot admit ListenerSets from ${ns}`,
    );
  const namespaces = fields(
    fields(fields(gw.spec).allowedListeners).namespaces,
  );
  const from = namespaces.from ?? 'None';
  if (from === 'All') return undefined;
  if (from === 'Selector') {
    const labels = await ctx.namespaceLabels(ns);
    const reqs = selectorRequirements(namespaces.selector);
    if (labels && reqs.length > 0 && matchesLabels(labels, reqs))
      return undefined;
  }
  return refused(
    field,
    `Gateway ${ref.namespace}/${ref.name} does not allow ListenerSets from namespace ${ns} (allowedListeners)`,
  );
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
      const spec = fields(grant.spec);
      return (
        list(spec.from).some(
          f =>
            (f.group ?? '') === from.group &&
            f.kind === from.kind &&
            f.namespace === from.namespace,
        ) &&
        list(spec.to).some(
          t =>
            (t.group ?? '') === to.group &&
            t.kind === to.kind &&
            (!t.name || t.name === to.name),
        )
      );
    });
}

/** The last segment of a reference field (`spec.rules[].backendRefs[]` → `backendRefs`). */
const fieldName = (ref: FoundReference) =>
  ref.field.split('.').pop()!.replace(/\[\]$/, '');

/** The cause for one reference into another namespace, or none when Kubernetes would allow it. */
async function crossNamespaceCause(
  kind: ResourceKindDescriptor,
  ns: string,
  ref: FoundReference & { namespace: string },
  ctx: ReferenceContext,
): Promise<ValidationCause | undefined> {
  const field = `${ref.fieldPath}.namespace`;
  const name = fieldName(ref);
  if (kind.kind === 'ListenerSet' && name === 'parentRef')
    return listenerSetParentCause(field, ns, ref, ctx);
  if (/^parentRefs?$/.test(name)) {
    if (
      ref.group !== GATEWAY_API ||
      (ref.kind !== 'Gateway' && ref.kind !== 'ListenerSet')
    )
      return refused(
        field,
        `a ${ref.kind} in another namespace cannot be a parent`,
      );
    const gw = ctx.reader.get(ctx.cluster, ref.kind, ref.namespace, ref.name);
    if (!gw)
      return refused(
        field,
        `${ref.kind} ${ref.namespace}/${ref.name} does not exist, so it cannot admit routes from ${ns}`,
      );
    if (!(await gatewayAllows(gw, ref.sectionName, ns, ctx)))
      return refused(
        field,
        `${ref.kind} ${ref.namespace}/${ref.name}${
          ref.sectionName ? ` listener ${ref.sectionName}` : ''
        } does not allow routes from namespace ${ns} (allowedRoutes)`,
      );
    return undefined;
  }
  if (/^targetRefs?$/.test(name))
    return refused(
      field,
      'policy targets must be in the policy’s own namespace',
    );
  if (name === 'secretRef')
    return refused(
      field,
      `Secrets can only be referenced in the object's own namespace (${ns})`,
    );
  const to = {
    group: ref.group,
    kind: ref.kind,
    namespace: ref.namespace,
    name: ref.name,
  };
  if (
    grantAllows({ group: kind.group, kind: kind.kind, namespace: ns }, to, ctx)
  )
    return undefined;
  return refused(
    field,
    `no ReferenceGrant in namespace ${to.namespace} allows ${
      kind.kind
    }s from ${ns} to refer to ${to.kind || 'objects'} ${to.name}`,
  );
}

/**
 * Refuses references that leave the object's namespace unless Kubernetes would allow them, at EVERY reference
 * field of the kind's CRD schema (the schema-derived walker of the common package, `listReferences`):
 * `parentRefs` to a Gateway (or ListenerSet) whose listener's `allowedRoutes` admits the namespace, a ListenerSet's
 * `parentRef` to a Gateway whose `allowedListeners` admits it; `targetRefs` and `secretRef`s
 * local only; every other reference (backendRefs, requestMirror, extAuth / extProc, tunnels, JWKS, ...) only
 * with a ReferenceGrant in the target namespace. MCP target selectors may not select other namespaces. Returns
 * one cause per refusal, naming the field.
 */
export async function checkReferences(
  kind: ResourceKindDescriptor,
  obj: KubeObject,
  ctx: ReferenceContext,
): Promise<ValidationCause[]> {
  const ns = obj.metadata.namespace ?? '';
  const causes: ValidationCause[] = [];
  for (const ref of listReferences(kind.kind, obj)) {
    if (ref.namespace === undefined || ref.namespace === ns) continue;
    const cause = await crossNamespaceCause(
      kind,
      ns,
      { ...ref, namespace: ref.namespace },
      ctx,
    );
    if (cause) causes.push(cause);
  }
  list(fields(fields(obj.spec).mcp).targets).forEach((t, i) => {
    const nsSel = fields(fields(t.selector).namespaces);
    if (!fields(t.selector).namespaces) return;
    const labels = fields(nsSel.matchLabels);
    const onlyOwn =
      list(nsSel.matchExpressions).length === 0 &&
      Object.keys(labels).length === 1 &&
      text(labels['kubernetes.io/metadata.name']) === ns;
    if (!onlyOwn)
      causes.push(
        refused(
          `spec.mcp.targets[${i}].selector.namespaces`,
          `MCP targets may only be selected in the object's own namespace (${ns})`,
        ),
      );
  });
  return causes;
}
