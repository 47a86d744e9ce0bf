// API entities as the catalog module (plugins/catalog-backend-module-ai-gateway, entities.ts apiEntity) emits them
// for the demo cluster: the same annotations, links and JSON definition, built from the contract types.
import type { Entity } from '@backstage/catalog-model';
import type {
  A2aApiDefinition,
  AiApiAuth,
  LlmApiDefinition,
  McpServerDefinition,
  McpTool,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

const apiKeyAuth: AiApiAuth = {
  kind: 'api-key',
  header: 'Authorization',
  scheme: 'Bearer ',
  mode: 'Strict',
};

function entity(
  name: string,
  type: string,
  url: string,
  auth: AiApiAuth,
  definition: unknown,
  extra: Record<string, string> = {},
): Entity {
  const location = `ai-gateway:local/HTTPRoute/team-support/${
    name.split('.')[1]
  }`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      namespace: 'default',
      title: name.split('.')[1],
      description: `${type} endpoint on agentgateway-system/ai-gateway`,
      tags: [type === 'mcp-server' ? 'mcp' : type],
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'ai-gateway.backstage.io/cluster': 'local',
        'ai-gateway.backstage.io/source': `HTTPRoute:team-support/${
          name.split('.')[1]
        }`,
        'backstage.io/kubernetes-id': 'support-assistant',
        'ai-gateway.backstage.io/base-url': 'http://ai.demo.local:8080',
        'ai-gateway.backstage.io/auth': auth.kind,
        'ai-gateway.backstage.io/auth-header': auth.header,
        'ai-gateway.backstage.io/auth-scheme': auth.scheme,
        'ai-gateway.backstage.io/gateway': 'agentgateway-system/ai-gateway',
        'ai-gateway.backstage.io/provided-by':
          'component:default/support-assistant',
        ...extra,
      },
      links: [{ url, title: 'Gateway endpoint' }],
    },
    spec: {
      type,
      lifecycle: 'production',
      owner: 'group:default/team-support',
      system: 'support',
      definition: JSON.stringify(definition, null, 2),
      dependsOn: ['resource:default/team-support.support-kb-mcp'],
    },
  };
}

export const createIssueTool: McpTool = {
  name: 'create_issue',
  description: 'Create an issue in the support tracker',
  inputSchema: {
    type: 'object',
    properties: {
      title: { type: 'string', description: 'Short summary' },
      body: { type: 'string', description: 'Markdown body' },
      priority: { enum: ['low', 'high'] },
      labels: { type: 'array', items: { type: 'string' } },
    },
    required: ['title'],
  },
};

export function manyTools(count: number): McpTool[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `tool_${String(i).padStart(5, '0')}`,
    description: `Generated tool number ${i}`,
    inputSchema: {
      type: 'object',
      properties: { q: { type: 'string' } },
      required: ['q'],
    },
  }));
}

export function mcpEntity(
  options: { tools?: McpTool[]; failed?: boolean } = {},
): Entity {
  const url = 'http://ai.demo.local:8080/support/mcp';
  const definition: McpServerDefinition = {
    kind: 'mcp-server',
    url,
    transport: 'streamable-http',
    discovery: {
      status: options.failed ? 'failed' : 'ok',
      serverInfo: { name: 'support-kb', version: '1.0.0' },
      tools: options.tools ?? [
        createIssueTool,
        { name: 'search_articles', description: 'Full-text search' },
      ],
      prompts: [
        {
          name: 'triage',
          description: 'Triage a ticket',
          arguments: [{ name: 'ticket', required: true }],
        },
      ],
      resources: [
        {
          uri: 'kb://articles',
          name: 'articles',
          mimeType: 'application/json',
        },
      ],
      discoveredAt: '2026-12-02T07:00:00.000Z',
      error: options.failed
        ? { at: '2026-12-02T07:30:00.000Z', message: 'connect ECONNREFUSED' }
        : undefined,
    },
    auth: apiKeyAuth,
    policies: [
      {
        kind: 'auth',
        text: 'API key in the Authorization header (Bearer)',
        policy: 'team-support/support-api-key',
      },
      {
        kind: 'rate-limit',
        text: '100 requests per minute',
        policy: 'team-support/support-limits',
      },
    ],
    targets: [
      {
        name: 'knowledge-base',
        destination: 'kb.team-support.svc:8080',
        protocol: 'StreamableHTTP',
      },
    ],
  };
  return entity(
    'team-support.support-kb-mcp',
    'mcp-server',
    url,
    apiKeyAuth,
    definition,
    {
      'ai-gateway.backstage.io/discovery-status': definition.discovery.status,
    },
  );
}

export function llmEntity(auth: AiApiAuth = apiKeyAuth): Entity {
  const url = 'http://ai.demo.local:8080/support/openai/v1/chat/completions';
  const definition: LlmApiDefinition = {
    openapi: '3.0.3',
    info: { title: 'support-openai', version: '1' },
    servers: [{ url: 'http://ai.demo.local:8080' }],
    paths: { '/support/openai/v1/chat/completions': {} },
    'x-ai-gateway': {
      baseUrl: 'http://ai.demo.local:8080',
      sdkBaseUrl: 'http://ai.demo.local:8080/support/openai/v1',
      endpoints: [
        {
          method: 'POST',
          path: '/support/openai/v1/chat/completions',
          url,
          format: 'chat-completions',
        },
      ],
      models: ['gpt-4.1', 'gpt-4.1-mini'],
      providers: ['openai'],
      auth,
      policies: [
        { kind: 'token-limit', text: '10,000 tokens per minute' },
        { kind: 'prompt-guard', text: 'Requests mentioning SSNs are rejected' },
      ],
    },
  };
  return entity('team-support.support-openai', 'llm', url, auth, definition);
}

export function a2aEntity(): Entity {
  const url = 'http://ai.demo.local:8080/support/agent';
  const definition: A2aApiDefinition = {
    kind: 'a2a',
    url,
    agentCardUrl: `${url}/.well-known/agent-card.json`,
    agentCard: {
      name: 'Support agent',
      version: '0.3.0',
      description: 'Answers support questions',
      skills: [
        { id: 'answer', name: 'answer', description: 'Answer a question' },
      ],
    },
    auth: { kind: 'none', header: '', scheme: '' },
    policies: [],
  };
  return entity(
    'team-support.support-agent',
    'a2a',
    url,
    definition.auth,
    definition,
  );
}
