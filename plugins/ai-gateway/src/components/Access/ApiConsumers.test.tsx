import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiConsumers } from './ApiConsumersContent';
import { AccessInbox } from './AccessInbox';
import { AccessBackend } from './__testUtils__/accessBackend';
import { renderAccess } from './__testUtils__/renderAccess';

jest.setTimeout(60_000);

const MCP = 'api:default/support-kb';
const AGENT = 'component:default/triage-agent';

function backendWithRequest(
  can = { request: false, approve: true, revoke: true },
) {
  const backend = new AccessBackend([
    {
      apiRef: MCP,
      apiType: 'mcp-server',
      offers: {
        models: [],
        tools: ['search_articles', 'create_issue', 'close_issue'],
        limits: { requestsPerMinute: 100 },
      },
      autoApprove: false,
      can,
    },
  ]);
  const request = backend.addRequest({
    apiRef: MCP,
    consumerRef: AGENT,
    scope: {
      tools: ['search_articles', 'create_issue'],
      limits: { requestsPerMinute: 60 },
    },
    expiresAt: '2027-03-02T23:59:59.000Z',
  });
  return { backend, request };
}

/** the row of an entity ref (links show the entity's name, with the full ref as title) */
const rowOf = (table: HTMLElement, ref: string) =>
  within(table).getByTitle(ref).closest('tr')!;

describe('Consumers of an API', () => {
  it('an approver narrows a request: fewer tools, a lower limit, an earlier expiry; the grant then awaits its key', async () => {
    const { backend, request } = backendWithRequest();
    backend.addGrant({
      apiRef: MCP,
      consumerRef: 'component:default/billing',
      scope: { tools: ['search_articles'] },
      keyPrefix: 'agw_abcd',
    });
    const user = userEvent.setup();
    await renderAccess(<ApiConsumers apiRef={MCP} />, { backend });

    const pending = await screen.findByRole('table', {
      name: 'Pending requests',
    });
    expect(
      within(pending).getByText(
        'tools search_articles, create_issue · 60 requests/min',
      ),
    ).toBeInTheDocument();
    await user.click(within(pending).getByRole('button', { name: 'Narrow' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Narrow and approve',
    });
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'create_issue' }),
    );
    const rpm = within(dialog).getByRole('spinbutton', {
      name: 'Requests per minute',
    });
    await user.clear(rpm);
    await user.type(rpm, '20');
    const expiry = within(dialog).getByLabelText(/Expires on/);
    await user.clear(expiry);
    await user.type(expiry, '2027-01-31');
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Note to the requester' }),
      'read-only for now',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Approve narrowed' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(backend.calls.find(c => c.method === 'POST')).toEqual({
      method: 'POST',
      path: `/access/requests/${request.id}/approve`,
      body: {
        tools: ['search_articles'],
        limits: { requestsPerMinute: 20 },
        expiresAt: '2027-01-31T23:59:59.000Z',
        note: 'read-only for now',
      },
    });
    const consumers = await screen.findByRole('table', { name: 'Consumers' });
    await waitFor(() =>
      expect(within(consumers).getByText('awaiting key')).toBeInTheDocument(),
    );
    const row = rowOf(consumers, AGENT);
    expect(
      within(row).getByText('tools search_articles · 20 requests/min'),
    ).toBeInTheDocument();
    expect(within(row).getByText('2027-01-31')).toBeInTheDocument();
    expect(within(row).getByText('owner')).toBeInTheDocument();
    expect(
      screen.getByText('No request is waiting for a decision.'),
    ).toBeInTheDocument();
  });

  it('revoke asks for confirmation, then the grant shows revoked', async () => {
    const { backend } = backendWithRequest();
    const grant = backend.addGrant({
      apiRef: MCP,
      consumerRef: 'component:default/billing',
      scope: { tools: ['search_articles'] },
      drift: { detectedAt: '2026-12-02T09:00:00.000Z', differences: [] },
    });
    const user = userEvent.setup();
    await renderAccess(<ApiConsumers apiRef={MCP} />, { backend });
    const consumers = await screen.findByRole('table', { name: 'Consumers' });
    expect(within(consumers).getByText('active · drifted')).toBeInTheDocument();
    await user.click(
      within(consumers).getByRole('button', { name: 'Revoke access' }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'Revoke access?',
    });
    expect(
      within(confirm).getByText(/its key stops working/),
    ).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(backend.calls.some(c => c.method === 'POST')).toBe(false);

    await user.click(
      within(consumers).getByRole('button', { name: 'Revoke access' }),
    );
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Confirm revoke',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      backend.calls.filter(c => c.method === 'POST').map(c => c.path),
    ).toEqual([`/access/grants/${grant.id}/revoke`]);
    await waitFor(() =>
      expect(within(consumers).getByText('revoked')).toBeInTheDocument(),
    );
    expect(
      within(consumers).queryByRole('button', { name: 'Revoke access' }),
    ).not.toBeInTheDocument();
  });

  it('non-approvers see no decision buttons and no revoke', async () => {
    const { backend } = backendWithRequest({
      request: true,
      approve: false,
      revoke: false,
    });
    backend.addGrant({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
    });
    await renderAccess(<ApiConsumers apiRef={MCP} />, { backend });
    await screen.findByRole('table', { name: 'Consumers' });
    expect(
      screen.getByRole('button', { name: 'Request access' }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Revoke access' }),
    ).not.toBeInTheDocument();
  });

  it('an API the backend does not know: the error names it', async () => {
    const backend = new AccessBackend([]);
    await renderAccess(<ApiConsumers apiRef="api:default/gone" />, { backend });
    expect(
      await screen.findByText(
        /api:default\/gone is not an AI API \(NotFoundError, 404\)/,
      ),
    ).toBeInTheDocument();
  });
});

describe('Access inbox', () => {
  it('approves as asked with an empty body, denies with a note', async () => {
    const { backend, request } = backendWithRequest();
    const second = backend.addRequest({
      apiRef: MCP,
      consumerRef: 'system:default/support',
      scope: { tools: ['close_issue'] },
    });
    const user = userEvent.setup();
    await renderAccess(<AccessInbox />, { backend });
    const inbox = await screen.findByRole('table', {
      name: 'Access requests to decide',
    });
    await user.click(
      within(rowOf(inbox, AGENT)).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(within(inbox).queryByTitle(AGENT)).not.toBeInTheDocument(),
    );
    await user.click(
      within(rowOf(inbox, 'system:default/support')).getByRole('button', {
        name: 'Deny',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Note to the requester' }),
      'use the search API',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Deny request' }),
    );
    expect(
      await screen.findByText(
        'Nothing to decide: no request is waiting for you.',
      ),
    ).toBeInTheDocument();
    expect(backend.calls.filter(c => c.method === 'POST')).toEqual([
      {
        method: 'POST',
        path: `/access/requests/${request.id}/approve`,
        body: {},
      },
      {
        method: 'POST',
        path: `/access/requests/${second.id}/deny`,
        body: { note: 'use the search API' },
      },
    ]);
  });
});
