import {
  KubeObject,
  KubeObjectOf,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  attachedGateways,
  BuiltApi,
  lifecycle,
  summaries,
  target,
} from './apis';
import { gatewayBaseUrl } from './baseUrl';
import { ClusterContext, isDiscoverable, nsName } from './context';
import { listOf } from './json';
import { llmOpenApi } from './llm';
import { entityName, tags } from './names';
import { clientAuth } from './policies';

/** The API of an AgentgatewayModel attached to a Gateway (clients ask for it by name); Internal models: none. */
export function modelApi(
  ctx: ClusterContext,
  model: KubeObjectOf<'AgentgatewayModel'>,
): BuiltApi | undefined {
  if (!isDiscoverable(model) || model.spec?.visibility === 'Internal')
    return undefined;
  const gateways = attachedGateways(ctx, model);
  if (!gateways.length) return undefined;
  const ns = model.metadata.namespace ?? '';
  const matched = model.spec?.match?.model;
  const name = typeof matched === 'string' ? matched : model.metadata.name;
  const virtual = model.spec?.virtualModel;
  const targetRefs = [
    ...listOf(virtual?.failover?.targets),
    ...listOf(virtual?.weighted?.targets),
    ...listOf(virtual?.conditional?.targets),
  ];
  const targetModels = targetRefs
    .map(t => ctx.models.get(`${ns}/${t?.modelRef?.name}`))
    .filter((m): m is KubeObject => !!m);
  const providers = [
    ...new Set(
      [model, ...targetModels]
        .map(m => m.spec?.provider)
        .filter((p): p is string => typeof p === 'string')
        .map(p => p.toLowerCase()),
    ),
  ];
  const baseUrl = gatewayBaseUrl(
    ctx.cluster,
    gateways[0].gateway,
    ctx.config.gateways,
    gateways[0].sectionName,
  );
  const gatewayTargets = gateways.map(g => target(g.gateway));
  const attached = ctx.policies.attachedTo([target(model), ...gatewayTargets]);
  const auth = clientAuth(attached);
  const policies = summaries(attached, [model, ...targetModels]);
  const gatewayIds = gateways.map(g => nsName(g.gateway));
  const endpoints = [
    {
      method: 'POST' as const,
      path: '/v1/chat/completions',
      url: `${baseUrl}/v1/chat/completions`,
      format: 'chat-completions' as const,
    },
    {
      method: 'GET' as const,
      path: '/v1/models',
      url: `${baseUrl}/v1/models`,
      format: 'models' as const,
    },
  ];
  let via = '';
  if (targetModels.length) {
    via = ` (routes to ${targetModels.map(m => m.metadata.name).join(', ')})`;
  } else if (providers.length) {
    via = ` (${providers.join(', ')})`;
  }
  const description = `Model ${name} on gateway ${gatewayIds.join(
    ', ',
  )}${via}.`;
  return {
    api: {
      name: entityName(...ctx.prefix, ns, 'model', model.metadata.name),
      title: name,
      description,
      type: 'llm',
      lifecycle: lifecycle(model),
      source: {
        cluster: ctx.cluster,
        kind: model.kind,
        namespace: ns,
        name: model.metadata.name,
      },
      ownership: ctx.owners.ownership(model),
      baseUrl,
      url: endpoints[0].url,
      auth,
      searchTerms: [name, ...providers],
      tags: tags(['llm', 'model', ...providers]),
      dependsOn: [],
      gateways: gatewayIds,
      definition: llmOpenApi({
        title: name,
        description,
        baseUrl,
        sdkBaseUrl: `${baseUrl}/v1`,
        endpoints,
        models: [name],
        providers,
        auth,
        policies,
      }),
    },
    backendKeys: [],
    gatewayKeys: gatewayIds,
  };
}
