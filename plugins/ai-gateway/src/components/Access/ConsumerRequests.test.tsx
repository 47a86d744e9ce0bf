import { screen, within } from '@testing-library/react';
import { aiGatewayAccessRequestPermission } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ConsumerAccess } from './ConsumerAccessContent';
import { AccessBackend } from './__testUtils__/accessBackend';
import { renderAccess } from './__testUtils__/renderAccess';

jest.setTimeout(60_000);

const MCP = 'api:default/support-kb';
const AGENT = 'component:default/triage-agent';

describe('AI access of a consumer, seen by someone who does not own it', () => {
  it('lists grants, requests and effective access, but offers no key, revoke, re-apply or cancel', async () => {
    const backend = new AccessBackend([
      {
        apiRef: MCP,
        apiType: 'mcp-server',
        offers: { models: [], tools: ['search_articles'] },
        autoApprove: false,
        can: { request: false, approve: true, revoke: true },
      },
    ]);
    backend.addGrant({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
      state: 'awaiting-key',
    });
    backend.addGrant({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
      drift: { detectedAt: '2026-12-02T09:00:00.000Z', differences: [] },
    });
    backend.addRequest({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
    });
    await renderAccess(<ConsumerAccess consumerRef={AGENT} />, {
      backend,
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
