import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  apiDocsConfigRef,
  defaultDefinitionWidgets,
  OpenApiDefinitionWidget,
} from '@backstage/plugin-api-docs';
import { AiApiDetails } from '@ai-gateway-backstage/plugin-ai-gateway';

/**
 * api-docs' definition widgets plus the AI gateway's types: `llm` definitions are OpenAPI documents, `mcp-server`
 * and `a2a` render the tools / agent card instead of raw JSON on the Definition tab.
 */
const apiDocsConfig = ApiBlueprint.make({
  name: 'config',
  params: defineParams =>
    defineParams({
      api: apiDocsConfigRef,
      deps: {},
      factory: () => {
        const widgets = defaultDefinitionWidgets();
        return {
          getApiDefinitionWidget: entity => {
            switch (entity.spec.type) {
              case 'llm':
                return {
                  type: 'llm',
                  title: 'LLM (OpenAPI)',
                  component: definition => (
                    <OpenApiDefinitionWidget definition={definition} />
                  ),
                };
              case 'mcp-server':
              case 'a2a':
                return {
                  type: entity.spec.type,
                  title:
                    entity.spec.type === 'a2a' ? 'A2A agent' : 'MCP server',
                  component: () => <AiApiDetails entity={entity} />,
                };
              default:
                return widgets.find(w => w.type === entity.spec.type);
            }
          },
        };
      },
    }),
});

export const apiDocsModule = createFrontendModule({
  pluginId: 'api-docs',
  extensions: [apiDocsConfig],
});
