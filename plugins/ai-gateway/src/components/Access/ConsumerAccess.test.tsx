import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConsumerAccess } from './ConsumerAccessContent';
import { AccessBackend } from './__testUtils__/accessBackend';
import { renderAccess } from './__testUtils__/renderAccess';

jest.setTimeout(60_000);

const LLM = 'api:default/support-openai';
const MCP = 'api:default/support-kb';
const AGENT = 'component:default/triage-agent';

function backend() {
  return new AccessBackend([
    {
      apiRef: LLM,
      apiType: 'llm',
      offers: { models: ['gpt-4.1', 'gpt-4.1-mini'], tools: [] },
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

describe('AI access of a consumer', () => {
  it('Get key shows the key once with the OpenAI snippets; closed, it is gone; Rotate key shows a new one and the grace time', async () => {
    const b = backend();
    const grant = b.addGrant({
      apiRef: LLM,
      consumerRef: AGENT,
      scope: { models: ['gpt-4.1-mini'] },
      state: 'awaiting-key',
    });
    const user = userEvent.setup();
    await renderAccess(<ConsumerAccess consumerRef={AGENT} />, { backend: b });
    const grants = await screen.findByRole('table', { name: 'Grants' });
    const row = rowOf(grants, LLM);
    expect(within(row).getByText('models gpt-4.1-mini')).toBeInTheDocument();
    expect(within(row).getByText('awaiting key')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Get key' }));

    let dialog = await screen.findByRole('dialog', { name: 'Your API key' });
    const key = within(dialog).getByRole<HTMLInputElement>('textbox', {
      name: 'API key',
    }).value;
    expect(key).toMatch(/^agw_KEY/);
    expect(
      within(dialog).getByTestId('key-snippet-openai-python').textContent,
    ).toContain(`api_key="${key}"`);
    expect(
      within(dialog).getByTestId('key-snippet-openai-python').textContent,
    ).toContain('base_url="http://ai.demo.local:8080/support/openai/v1"');
    expect(
      within(dialog).getByText('Authorization: Bearer <key>'),
    ).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'I have copied the key' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(document.body.innerHTML).not.toContain(key);

    // claimed: active, the key's prefix only; the next key comes from a rotation
    await waitFor(() =>
      expect(within(grants).getByText('active')).toBeInTheDocument(),
    );
    expect(within(grants).getByText(/key agw_KEY/)).toBeInTheDocument();
    expect(
      within(grants).queryByRole('button', { name: 'Get key' }),
    ).not.toBeInTheDocument();
    await user.click(
      within(grants).getByRole('button', { name: 'Rotate key' }),
    );
    dialog = await screen.findByRole('dialog', { name: 'Your API key' });
    const rotated = within(dialog).getByRole<HTMLInputElement>('textbox', {
      name: 'API key',
    }).value;
    expect(rotated).not.toBe(key);
    expect(
      within(dialog).getByText(
        'The previous key keeps working until 2026-12-03 10:00 UTC.',
      ),
    ).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'I have copied the key' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(document.body.innerHTML).not.toContain(rotated);
    expect(b.calls.filter(c => c.method === 'POST').map(c => c.path)).toEqual([
      `/access/grants/${grant.id}/key`,
      `/access/grants/${grant.id}/rotate`,
    ]);
  });

  it('a second claim is refused by the backend: its message is shown', async () => {
    const b = backend();
    const grant = b.addGrant({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
      state: 'awaiting-key',
    });
    const user = userEvent.setup();
    await renderAccess(<ConsumerAccess consumerRef={AGENT} />, { backend: b });
    const grants = await screen.findByRole('table', { name: 'Grants' });
    grant.state = 'active'; // claimed meanwhile in another tab
    await user.click(within(grants).getByRole('button', { name: 'Get key' }));
    expect(
      await screen.findByText(
        /was already claimed; rotate it \(ConflictError, 409\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('a drifted grant shows the differences and is re-applied', async () => {
    const b = backend();
    const grant = b.addGrant({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
      drift: {
        detectedAt: '2026-12-02T09:30:00.000Z',
        differences: [
          {
            object: {
              cluster: 'local',
              kind: 'AgentgatewayPolicy',
              namespace: 'team-support',
              name: 'aigw-grant-g1',
            },
            change: 'changed',
            paths: [
              'spec.backend.mcp.authorization.policy.matchExpressions[0]',
            ],
          },
          {
            object: {
              cluster: 'local',
              kind: 'Secret',
              namespace: 'team-support',
              name: 'aigw-grant-g1',
            },
            change: 'missing',
          },
        ],
      },
    });
    const user = userEvent.setup();
    await renderAccess(<ConsumerAccess consumerRef={AGENT} />, { backend: b });
    const grants = await screen.findByRole('table', { name: 'Grants' });
    expect(within(grants).getByText('active · drifted')).toBeInTheDocument();
    await user.click(within(grants).getByRole('button', { name: 'Re-apply' }));
    const dialog = await screen.findByRole('dialog', {
      name: "Re-apply the grant's objects",
    });
    const diffs = within(dialog).getByRole('list', { name: 'Differences' });
    expect(
      within(diffs).getByText(
        'AgentgatewayPolicy team-support/aigw-grant-g1 (local): changed',
      ),
    ).toBeInTheDocument();
    expect(
      within(diffs).getByText(
        'spec.backend.mcp.authorization.policy.matchExpressions[0]',
      ),
    ).toBeInTheDocument();
    expect(
      within(diffs).getByText(
        'Secret team-support/aigw-grant-g1 (local): missing',
      ),
    ).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'Re-apply objects' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(within(grants).getByText('active')).toBeInTheDocument(),
    );
    expect(b.calls.filter(c => c.method === 'POST').map(c => c.path)).toEqual([
      `/access/grants/${grant.id}/reapply`,
    ]);
  });

  it('effective access per tool: allowed, denied, conditional with the rules and per-request variables', async () => {
    const b = backend();
    b.addGrant({
      apiRef: MCP,
      consumerRef: AGENT,
      scope: { tools: ['search_articles'] },
    });
    b.effective[`${MCP} ${AGENT}`] = {
      apiRef: MCP,
      consumerRef: AGENT,
      models: [],
      tools: [
        {
          name: 'search_articles',
          decision: 'allowed',
          because: [
            "Require team-support/aigw-grant-g1: apiKey.grant != 'g1' || mcp.tool.name in ['search_articles']",
          ],
        },
        {
          name: 'create_issue',
          decision: 'denied',
          because: [
            "Require team-support/aigw-grant-g1: apiKey.grant != 'g1' || mcp.tool.name in ['search_articles']",
          ],
        },
        {
          name: 'close_issue',
          decision: 'conditional',
          because: ['Deny team-support/office-hours'],
          dependsOn: ['request.headers'],
        },
      ],
    };
    const user = userEvent.setup();
    await renderAccess(<ConsumerAccess consumerRef={AGENT} />, { backend: b });
    const grants = await screen.findByRole('table', { name: 'Grants' });
    await user.click(
      within(grants).getByRole('button', { name: 'Effective access' }),
    );
    const table = await screen.findByRole('table', {
      name: `Effective access of ${AGENT} to ${MCP}`,
    });
    const decision = (name: string) =>
      within(within(table).getByText(name).closest('tr')!);
    expect(
      decision('search_articles').getByText('allowed'),
    ).toBeInTheDocument();
    expect(decision('create_issue').getByText('denied')).toBeInTheDocument();
    expect(
      decision('close_issue').getByText('conditional'),
    ).toBeInTheDocument();
    expect(
      decision('close_issue').getByText(
        'Depends on per-request values: request.headers',
      ),
    ).toBeInTheDocument();
    expect(b.calls.map(c => c.path)).toContain(
      `/access/effective?apiRef=${encodeURIComponent(
        MCP,
      )}&consumerRef=${encodeURIComponent(AGENT)}`,
    );
  });
});
