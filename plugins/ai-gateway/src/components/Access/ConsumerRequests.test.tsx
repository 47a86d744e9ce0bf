import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiGatewayAccessRequestPermission } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ConsumerAccess } from './ConsumerAccessContent';
import { AccessBackend } from './__testUtils__/accessBackend';
import { renderAccess } from './__testUtils__/renderAccess';

jest.setTimeout(60_000);

const MCP = 'api:default/support-kb';
const AGENT = 'component:default/triage-agent';
const LLM = 'api:default/support-openai';

function backend() {
  return new AccessBackend([
    {
      apiRef: LLM,
      apiType: 'llm',
      offers: { models: ['gpt-4.1'], tools: [] },
      autoApprove: false,
      can: { request: true, approve: false, revoke: false },
    },
    {
      apiRef: MCP,
      apiType: 'mcp-server',
      offers: { models: [], tools: ['search_articles', 'create_issue'] },
      autoApprove: false,
      can: { request: true, approve: false, revoke: false },
    },
  ]);
}

const rowOf = (table: HTMLElement, ref: string) =>
  within(table).getByTitle(ref).closest('tr')!;

describe('requests of a consumer', () => {
  it('open requests can be cancelled, denied ones show the note; empty states say what to do', async () => {
    const b = backend();
    const request = b.addRequest({
      apiRef: LLM,
      consumerRef: AGENT,
      scope: { models: ['gpt-4.1'] },
    });
    b.addRequest({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['create_issue'] },
      state: 'denied',
      decidedBy: 'user:default/owner',
      decisionNote: 'use the search API',
    });
    const user = userEvent.setup();
    await renderAccess(<ConsumerAccess consumerRef={AGENT} />, { backend: b });
    expect(await screen.findByText('No grants yet.')).toBeInTheDocument();
    const denied = screen.getByRole('table', {
      name: 'Denied and closed requests',
    });
    expect(
      within(rowOf(denied, MCP)).getByText('owner: use the search API'),
    ).toBeInTheDocument();
    const open = screen.getByRole('table', { name: 'Open requests' });
    expect(
      within(rowOf(open, LLM)).getByText('models gpt-4.1'),
    ).toBeInTheDocument();
    await user.click(
      within(open).getByRole('button', { name: 'Cancel request' }),
    );
    expect(
      await screen.findByText(
        "No request is waiting. Ask for access on an AI API's page.",
      ),
    ).toBeInTheDocument();
    expect(b.calls.filter(c => c.method === 'POST').map(c => c.path)).toEqual([
      `/access/requests/${request.id}/cancel`,
    ]);
  });
});

describe('AI access of a consumer, seen by someone who does not own it', () => {
  it('lists grants, requests and effective access, but offers no key, revoke, re-apply or cancel', async () => {
    const b = new AccessBackend([
      {
        apiRef: MCP,
        apiType: 'mcp-server',
        offers: { models: [], tools: ['search_articles'] },
        autoApprove: false,
        can: { request: false, approve: true, revoke: true },
      },
    ]);
    b.addGrant({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
      state: 'awaiting-key',
    });
    b.addGrant({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
      drift: { detectedAt: '2026-12-02T09:00:00.000Z', differences: [] },
    });
    b.addRequest({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
    });
    await renderAccess(<ConsumerAccess consumerRef={AGENT} />, {
      backend: b,
      deny: [aiGatewayAccessRequestPermission.name],
    });
    const grants = await screen.findByRole('table', { name: 'Grants' });
    expect(within(grants).getByText('awaiting key')).toBeInTheDocument();
    expect(within(grants).getByText('active · drifted')).toBeInTheDocument();
    expect(
      within(grants).getAllByRole('button', { name: 'Effective access' }),
    ).toHaveLength(2);
    for (const name of ['Get key', 'Rotate key', 'Revoke access', 'Re-apply'])
      expect(
        within(grants).queryByRole('button', { name }),
      ).not.toBeInTheDocument();
    const open = screen.getByRole('table', { name: 'Open requests' });
    expect(within(open).getByText('tools search_articles')).toBeInTheDocument();
    expect(
      within(open).queryByRole('button', { name: 'Cancel request' }),
    ).not.toBeInTheDocument();
  });
});
