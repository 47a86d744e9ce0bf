import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AccessGrant,
  EffectiveAccess,
  EffectiveAccessItem,
  KubeObject,
  McpServerDefinition,
  routeBackendRefs,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  AttachedPolicy,
  authorizationRuleSets,
  evaluateEffectiveAccess,
} from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { ResourceReader } from '../../cache/ResourceCaches';
import { PolicyIndex, PolicyTarget } from '../../discovery/policies';
import { ResolvedApi } from './apis';
import { EffectiveAccessEvaluator } from './views';

const RANK: Record<EffectiveAccessItem['decision'], number> = {
  denied: 0,
  conditional: 1,
  allowed: 2,
};

const target = (o: KubeObject): PolicyTarget => ({
  kind: o.kind,
  namespace: o.metadata.namespace ?? '',
  name: o.metadata.name,
  labels: o.metadata.labels,
});

/** The AgentgatewayPolicies attached to the API's route, its Gateway(s) and its backend(s), from the caches. */
function attachedPolicies(
  reader: ResourceReader,
  api: ResolvedApi,
): AttachedPolicy[] {
  const t = api.live!.target;
  const index = new PolicyIndex(reader.query(t.cluster, 'AgentgatewayPolicy'));
  const route = reader.get(t.cluster, t.route.kind, t.namespace, t.route.name);
  const gateways = t.gateways
    .map(g => g.split('/'))
    .map(([ns, name]) => reader.get(t.cluster, 'Gateway', ns, name))
    .filter((g): g is KubeObject => !!g);
  const backends = (route ? routeBackendRefs(route) : [])
    .filter(r => r.kind === 'AgentgatewayBackend')
    .map(r => reader.get(t.cluster, r.kind, r.namespace, r.name))
    .filter((b): b is KubeObject => !!b);
  const seen = new Set<KubeObject>();
  const out: AttachedPolicy[] = [];
  const add = (objs: KubeObject[], attachedTo: AttachedPolicy['attachedTo']) =>
    index.attachedTo(objs.map(target)).forEach(p => {
      if (seen.has(p)) return;
      seen.add(p);
      out.push({ policy: p, attachedTo });
    });
  if (route) add([route], 'route');
  add(gateways, 'gateway');
  add(backends, 'backend');
  return out;
}

/** Per item, the best decision of any of the consumer's keys (a consumer may hold keys of several grants). */
function merge(results: EffectiveAccessItem[][]): EffectiveAccessItem[] {
  const best = new Map<string, EffectiveAccessItem>();
  for (const items of results)
    for (const item of items) {
      const prev = best.get(item.name);
      if (!prev || RANK[item.decision] > RANK[prev.decision])
        best.set(item.name, item);
    }
  return [...best.values()];
}

/**
 * Effective access with the **cel** helper's evaluator: every authorization rule attached to the route, its
 * Gateway(s) and backend(s) (also rules written by hand), evaluated per offered model / tool with the key metadata
 * of each live grant of the consumer (`apiKey = {grant, consumer}`); without a grant, with `{consumer}` only.
 */
export function createEffectiveEvaluator(
  reader: ResourceReader,
  logger?: LoggerService,
): EffectiveAccessEvaluator {
  return async ({ apiRef, consumerRef, api, grants }) => {
    const empty: EffectiveAccess = {
      apiRef,
      consumerRef,
      models: [],
      tools: [],
    };
    if (!api.live) return empty;
    const { ruleSets, skipped } = authorizationRuleSets(
      attachedPolicies(reader, api),
    );
    if (skipped.length)
      logger?.warn(
        `ai-gateway effective access: skipped ${skipped.join('; ')}`,
      );
    const def = api.live.discovered.definition as Partial<McpServerDefinition>;
    const keys = grants.length
      ? grants.map((g: AccessGrant) => ({ grant: g.id, consumer: consumerRef }))
      : [{ consumer: consumerRef }];
    const results = keys.map(apiKey =>
      evaluateEffectiveAccess({
        rules: ruleSets,
        apiKey,
        models: api.offers.models,
        tools: api.offers.tools,
        federatedTargets:
          def.kind === 'mcp-server' && (def.targets?.length ?? 0) > 1
            ? def.targets!.map(t => t.name)
            : [],
      }),
    );
    return {
      apiRef,
      consumerRef,
      models: merge(results.map(r => r.models)),
      tools: merge(results.map(r => r.tools)),
    };
  };
}
