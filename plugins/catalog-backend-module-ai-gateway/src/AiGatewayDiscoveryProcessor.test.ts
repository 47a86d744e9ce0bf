import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { AiGatewayDiscoveryProcessor } from './AiGatewayDiscoveryProcessor';

const api = (location: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'team-support.support-openai',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': location,
      'ai-gateway.backstage.io/provided-by':
        'component:default/support-assistant',
    },
  },
  spec: {
    type: 'llm',
    lifecycle: 'production',
    owner: 'team-support',
    definition: '{}',
    dependsOn: ['resource:default/agentgateway-system.ai-gateway', 42],
  },
});

async function run(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await new AiGatewayDiscoveryProcessor().postProcessEntity(
    entity,
    { type: 'url', target: 'x' },
    r => emitted.push(r),
  );
  return emitted;
}

describe('AiGatewayDiscoveryProcessor', () => {
  it('the owning component provides the API; the API depends on its Resources', async () => {
    const emitted = await run(
      api('ai-gateway:local/HTTPRoute/team-support/support-openai'),
    );
    const rel = (s: string) =>
      emitted
        .map(
          (r: any) =>
            `${r.relation.source.kind}:${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.name}`,
        )
        .filter(x => x.includes(s));
    expect(rel('')).toEqual([
      'component:support-assistant providesApi API:team-support.support-openai',
      'API:team-support.support-openai apiProvidedBy component:support-assistant',
      'API:team-support.support-openai dependsOn resource:agentgateway-system.ai-gateway',
      'resource:agentgateway-system.ai-gateway dependencyOf API:team-support.support-openai',
    ]);
  });

  it('ignores API entities from other locations (a YAML file cannot claim a component this way)', async () => {
    expect(await run(api('url:https://example.com/catalog-info.yaml'))).toEqual(
      [],
    );
  });
});
