import { Entity } from '@backstage/catalog-model';
import { aiGatewayCatalogEntityTransformer } from './search';

const entity = (
  spec: object,
  annotations: Record<string, string> = {},
  location = 'ai-gateway:local/HTTPRoute/x/y',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'x.y',
    description: 'An endpoint',
    annotations: {
      'backstage.io/managed-by-location': location,
      ...annotations,
    },
  },
  spec: { lifecycle: 'production', owner: 'team-x', ...spec },
});

describe('aiGatewayCatalogEntityTransformer', () => {
  it('puts the MCP tool and prompt names in the document text', () => {
    const doc = aiGatewayCatalogEntityTransformer(
      entity({
        type: 'mcp-server',
        definition: JSON.stringify({
          discovery: {
            tools: [{ name: 'create_issue' }, { name: 'search_kb' }],
            prompts: [{ name: 'triage' }],
          },
        }),
      }),
    );
    expect(doc.text).toBe('An endpoint\ncreate_issue search_kb triage');
    expect(doc.kind).toBe('API');
  });

  it('puts the A2A skill names and ids of the agent card in the document text', () => {
    const doc = aiGatewayCatalogEntityTransformer(
      entity({
        type: 'a2a',
        definition: JSON.stringify({
          kind: 'a2a',
          agentCard: {
            name: 'Payments agent',
            skills: [
              { id: 'refund_payment', name: 'Refund a payment' },
              { id: 'payment_status', name: 'Payment status' },
            ],
          },
        }),
      }),
    );
    expect(doc.text).toBe(
      'An endpoint\nRefund a payment refund_payment Payment status payment_status',
    );
  });

  it('puts the model names of an llm API in the document text', () => {
    const doc = aiGatewayCatalogEntityTransformer(
      entity(
        { type: 'llm', definition: '{}' },
        { 'ai-gateway.backstage.io/models': 'gpt-4.1,claude-sonnet-4-5' },
      ),
    );
    expect(doc.text).toContain('gpt-4.1 claude-sonnet-4-5');
  });

  it('leaves other entities as the default transformer shapes them; a malformed definition adds nothing', () => {
    expect(
      aiGatewayCatalogEntityTransformer(
        entity(
          {
            type: 'mcp-server',
            definition: JSON.stringify({
              discovery: { tools: [{ name: 'create_issue' }] },
            }),
          },
          {},
          'url:https://x',
        ),
      ).text,
    ).toBe('An endpoint');
    expect(
      aiGatewayCatalogEntityTransformer(
        entity({ type: 'mcp-server', definition: '{not json' }),
      ).text,
    ).toBe('An endpoint');
  });
});
