import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiAccessCard } from './ApiAccessCard';
import { AccessBackend } from './__testUtils__/accessBackend';
import { renderAccess } from './__testUtils__/renderAccess';
import { daysFrom } from './format';

// MUI dialogs and role queries are slow on the shared 2-core machine
jest.setTimeout(60_000);

const MCP = 'api:default/support-kb';
const mcpApi = (autoApprove = false) => ({
  apiRef: MCP,
  apiType: 'mcp-server' as const,
  offers: {
    models: [],
    tools: ['search_articles', 'create_issue', 'close_issue'],
    limits: { requestsPerMinute: 100 },
  },
  autoApprove,
  can: { request: true, approve: false, revoke: false },
});

async function fillRequest(user: ReturnType<typeof userEvent.setup>) {
  await user.click(
    await screen.findByRole('button', { name: 'Request access' }),
  );
  const dialog = await screen.findByRole('dialog', {
    name: `Request access to ${MCP}`,
  });
  await user.click(
    await within(dialog).findByRole('combobox', { name: /Consumer/ }),
  );
  const options = await screen.findAllByRole('option');
  // the entities team-dev owns (component, system) and the group itself; not the billing service
  expect(options.map(o => o.textContent)).toEqual([
    'Triage agent (component:default/triage-agent)',
    'team-dev (group:default/team-dev)',
    'support (system:default/support)',
  ]);
  await user.click(options[0]);
  await user.click(
    within(dialog).getByRole('checkbox', { name: 'search_articles' }),
  );
  await user.click(
    within(dialog).getByRole('checkbox', { name: 'create_issue' }),
  );
  await user.type(
    within(dialog).getByRole('spinbutton', { name: 'Requests per minute' }),
    '30',
  );
  await user.type(
    within(dialog).getByRole('textbox', { name: /Reason/ }),
    'answer support tickets',
  );
  return dialog;
}

describe('Request access', () => {
  it('sends the consumer, tools, limits, expiry and reason; the request is then pending', async () => {
    const backend = new AccessBackend([mcpApi()]);
    const user = userEvent.setup();
    await renderAccess(<ApiAccessCard apiRef={MCP} />, { backend });
    const dialog = await fillRequest(user);
    expect(
      within(dialog).getByText(/Default 90 days, at most 365 days/),
    ).toBeInTheDocument();
    // above the API's own limit: refused before anything is sent
    await user.type(
      within(dialog).getByRole('spinbutton', { name: 'Requests per minute' }),
      '0',
    );
    expect(within(dialog).getByText('At most 100')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Send request' }),
    ).toBeDisabled();
    await user.clear(
      within(dialog).getByRole('spinbutton', { name: 'Requests per minute' }),
    );
    await user.type(
      within(dialog).getByRole('spinbutton', { name: 'Requests per minute' }),
      '30',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );

    expect(
      await within(dialog).findByText(
        /it is pending until the API's owners approve it/,
      ),
    ).toBeInTheDocument();
    const post = backend.calls.find(c => c.method === 'POST');
    expect(post).toEqual({
      method: 'POST',
      path: '/access/requests',
      body: {
        apiRef: MCP,
        consumerRef: 'component:default/triage-agent',
        tools: ['search_articles', 'create_issue'],
        limits: { requestsPerMinute: 30 },
        expiresAt: `${daysFrom(90)}T23:59:59.000Z`,
        reason: 'answer support tickets',
      },
    });
    expect(backend.requests[0].state).toBe('pending');
  });

  it("shows the backend's message when the request is refused", async () => {
    const backend = new AccessBackend([mcpApi()]);
    backend.failNextCreate = {
      status: 409,
      name: 'ConflictError',
      message:
        'a request of component:default/triage-agent for api:default/support-kb is already pending',
    };
    const user = userEvent.setup();
    await renderAccess(<ApiAccessCard apiRef={MCP} />, { backend });
    const dialog = await fillRequest(user);
    await user.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    expect(
      await within(dialog).findByText(
        /is already pending \(ConflictError, 409\)/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('The request was not accepted'),
    ).toBeInTheDocument();
  });

  it('auto-approved: claims the key at once and shows it once; closed, it is gone from the page', async () => {
    const backend = new AccessBackend([mcpApi(true)]);
    const user = userEvent.setup();
    await renderAccess(<ApiAccessCard apiRef={MCP} />, { backend });
    expect(
      await screen.findByText('Requests are approved automatically.'),
    ).toBeInTheDocument();
    const dialog = await fillRequest(user);
    await user.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );

    const keyDialog = await screen.findByRole('dialog', {
      name: 'Your API key',
    });
    const grant = backend.grants[0];
    expect(backend.calls.map(c => `${c.method} ${c.path}`)).toContain(
      `POST /access/grants/${grant.id}/key`,
    );
    const key = within(keyDialog).getByRole<HTMLInputElement>('textbox', {
      name: 'API key',
    }).value;
    expect(key).toMatch(/^agw_KEY/);
    expect(
      within(keyDialog).getByText(/you will not see it again/),
    ).toBeInTheDocument();
    // Claude Desktop first, the key pasted in where the gateway expects it
    expect(
      within(keyDialog).getByTestId('key-snippet-claude-desktop').textContent,
    ).toContain(`Bearer ${key}`);
    await user.click(within(keyDialog).getByRole('tab', { name: 'Cursor' }));
    expect(
      within(keyDialog).getByTestId('key-snippet-cursor').textContent,
    ).toContain(`"Authorization": "Bearer ${key}"`);

    await user.click(
      within(keyDialog).getByRole('button', { name: 'I have copied the key' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(document.body.innerHTML).not.toContain(key);
  });
});
