import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogCollatorEntityTransformer,
  catalogCollatorExtensionPoint,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  A2aApiDefinition,
  AI_GATEWAY_API_ANNOTATIONS,
  isDiscoveryEntity,
  McpServerDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** Tool / prompt names (mcp-server), skill names and ids (a2a) and model names (llm) of an AI gateway API entity. */
export function aiApiSearchTerms(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const models = (annotations[AI_GATEWAY_API_ANNOTATIONS.models] ?? '')
    .split(',')
    .filter(Boolean);
  const spec = (entity.spec ?? {}) as { type?: unknown; definition?: unknown };
  if (
    (spec.type !== 'mcp-server' && spec.type !== 'a2a') ||
    typeof spec.definition !== 'string'
  ) {
    return models;
  }
  try {
    if (spec.type === 'a2a') {
      const def = JSON.parse(spec.definition) as A2aApiDefinition;
      const skills = Array.isArray(def.agentCard?.skills)
        ? (def.agentCard.skills as Array<{ name?: unknown; id?: unknown }>)
        : [];
      return skills
        .flatMap(s => [s?.name, s?.id])
        .filter((n): n is string => typeof n === 'string');
    }
    const def = JSON.parse(spec.definition) as McpServerDefinition;
    return [
      ...(def.discovery?.tools ?? []).map(t => t.name),
      ...(def.discovery?.prompts ?? []).map(p => p.name),
    ].filter(n => typeof n === 'string');
  } catch {
    return models;
  }
}

/**
 * The catalog collator's document, plus — for API entities the ai-gateway provider emitted — their tool, skill
 * and model names in the text, so searching `create_issue` or `gpt-4.1` finds the API.
 */
export const aiGatewayCatalogEntityTransformer: CatalogCollatorEntityTransformer =
  entity => {
    const doc = defaultCatalogCollatorEntityTransformer(entity);
    if (entity.kind !== 'API' || !isDiscoveryEntity(entity)) return doc;
    const terms = aiApiSearchTerms(entity);
    if (!terms.length) return doc;
    return { ...doc, text: `${doc.text}\n${terms.join(' ')}` };
  };

/** Search module: installs {@link aiGatewayCatalogEntityTransformer} into the catalog collator. */
export const searchModuleAiGatewayCatalog = createBackendModule({
  pluginId: 'search',
  moduleId: 'ai-gateway-catalog-collator',
  register(env) {
    env.registerInit({
      deps: { collator: catalogCollatorExtensionPoint },
      async init({ collator }) {
        collator.setEntityTransformer(aiGatewayCatalogEntityTransformer);
      },
    });
  },
});
