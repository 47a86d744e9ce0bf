import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityAiApiConnectCard,
  EntityAiApiDetailsCard,
} from './EntityAiApiCards';
import { readAiApi } from './aiApi';
import {
  a2aEntity,
  llmEntity,
  manyTools,
  mcpEntity,
} from './__testUtils__/entities';

jest.setTimeout(60_000); // the 2-core machine is shared; a first render takes seconds

const renderCards = (entity: Entity) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityAiApiDetailsCard />
      <EntityAiApiConnectCard />
    </EntityProvider>,
  );

describe('AI API entity cards', () => {
  it('mcp-server: tools with parameters (expandable), prompts, resources, status, policies and Connect', async () => {
    await renderCards(mcpEntity());
    const tools = await screen.findByRole('table', { name: 'Tools' });
    expect(within(tools).getByText('create_issue')).toBeInTheDocument();
    expect(
      within(tools).getByText('title, body?, priority?, labels?'),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Expand create_issue' }),
    );
    const params = screen.getByRole('table', {
      name: 'Parameters of create_issue',
    });
    expect(within(params).getByText('"low" | "high"')).toBeInTheDocument();
    expect(within(params).getByText('string[]')).toBeInTheDocument();
    expect(
      screen.getByText(/Tools discovered .* from support-kb 1.0.0/),
    ).toBeInTheDocument();
    expect(screen.getByText('triage')).toBeInTheDocument();
    expect(screen.getByText('articles (kb://articles)')).toBeInTheDocument();
    expect(screen.getByText('100 requests per minute')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Clients send an API key in the Authorization header (Bearer).',
      ),
    ).toBeInTheDocument();
    // Connect: Claude Desktop first, the gateway URL and a placeholder credential
    expect(
      screen.getByText('Gateway URL: http://ai.demo.local:8080/support/mcp'),
    ).toBeInTheDocument();
    const snippet = screen.getByTestId('connect-snippet-claude-desktop');
    expect(snippet.textContent).toContain('mcp-remote');
    expect(snippet.textContent).toContain('<your-credential>');
    fireEvent.click(
      screen.getByRole('tab', { name: 'VS Code / GitHub Copilot' }),
    );
    expect(screen.getByTestId('connect-snippet-vscode').textContent).toContain(
      '${input:ai-gateway-api-key}',
    );
  });

  it('mcp-server: a failed discovery says when and why, and keeps the last tools', async () => {
    await renderCards(mcpEntity({ failed: true }));
    expect(
      await screen.findByText(/Discovery failed at .*connect ECONNREFUSED/),
    ).toBeInTheDocument();
    expect(screen.getByText('create_issue')).toBeInTheDocument();
  });

  it('mcp-server: 10,000 tools are paged and filterable', async () => {
    await renderCards(mcpEntity({ tools: manyTools(10_000) }));
    const tools = await screen.findByRole('table', { name: 'Tools' });
    expect(
      within(tools).getAllByRole('button', { name: /^Expand / }),
    ).toHaveLength(25);
    expect(screen.getByText('1–25 of 10000')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Filter 10000 tools'), {
      target: { value: 'tool_09999' },
    });
    expect(within(tools).getByText('tool_09999')).toBeInTheDocument();
    expect(
      within(tools).getAllByRole('button', { name: /^Expand / }),
    ).toHaveLength(1);
  });

  it('llm: models, providers, endpoints, policies in plain words, OpenAI SDK snippets', async () => {
    await renderCards(llmEntity());
    expect(await screen.findByText('gpt-4.1')).toBeInTheDocument();
    expect(screen.getByText('gpt-4.1-mini')).toBeInTheDocument();
    expect(
      screen.getByText(/openai \(the gateway holds the provider keys\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('OpenAI chat completions')).toBeInTheDocument();
    expect(screen.getByText('10,000 tokens per minute')).toBeInTheDocument();
    expect(
      screen.getByText('Requests mentioning SSNs are rejected'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('connect-snippet-openai-python').textContent,
    ).toContain('base_url="http://ai.demo.local:8080/support/openai/v1"');
  });

  it('a2a: the agent card and its skills', async () => {
    await renderCards(a2aEntity());
    expect(await screen.findByText('Support agent 0.3.0')).toBeInTheDocument();
    expect(screen.getByText('Answer a question')).toBeInTheDocument();
    expect(
      screen.getByText('Open: no authentication policy applies.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('connect-snippet-curl').textContent).toContain(
      'agent-card.json',
    );
  });

  it('a malformed definition is reported, the Connect card still works from the annotations', async () => {
    const entity = mcpEntity();
    await renderCards({
      ...entity,
      spec: { ...entity.spec, definition: '{oops' },
    });
    expect(
      await screen.findByText(
        /The API definition could not be read: the definition is not JSON/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('connect-snippet-claude-desktop').textContent,
    ).toContain('http://ai.demo.local:8080/support/mcp');
  });

  it('readAiApi ignores other APIs', () => {
    expect(
      readAiApi({
        ...llmEntity(),
        spec: { type: 'openapi', definition: '{}' },
      }),
    ).toBeUndefined();
  });
});
