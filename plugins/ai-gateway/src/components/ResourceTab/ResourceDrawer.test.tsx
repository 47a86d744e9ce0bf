import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FixtureAiGatewayApi } from '../../testing/FixtureAiGatewayApi';
import { entityOf, renderWithApi } from '../../__testUtils__/renderWithApi';
import { anthropicBackend, openaiBackend } from '../../testing/fixtures';
import { AiGatewayTab } from './AiGatewayTab';

const REF = 'component:default/chat';

// role queries over MUI tables are slow on a busy 2-core machine
jest.setTimeout(30_000);

/** The drawer's modal root (backdrop + paper), mounted while the drawer is open and while it slides out. */
const drawerRoot = () =>
  document.querySelector<HTMLElement>(
    '.MuiDrawer-root, [class*="MuiDrawer-root"]',
  );

describe('ResourceDrawer', () => {
  it('lets clicks through while it slides out, so the next row opens at once', async () => {
    const api = new FixtureAiGatewayApi({
      entities: { [REF]: { objects: [openaiBackend, anthropicBackend] } },
    });
    await renderWithApi(<AiGatewayTab tab="backends" />, {
      api,
      entity: entityOf('chat', {
        'backstage.io/kubernetes-id': 'chat-service',
      }),
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Backend anthropic',
      }),
    );
    const first = await screen.findByRole('region', {
      name: 'AgentgatewayBackend anthropic',
    });
    await within(first).findByLabelText('Object YAML');
    // open: the drawer and its backdrop take the clicks (a click on the backdrop closes it)
    expect(getComputedStyle(drawerRoot()!).pointerEvents).not.toBe('none');

    await userEvent.click(
      within(first).getByRole('button', { name: 'Close details' }),
    );
    // closing: still mounted (sliding out over the page) but transparent to the pointer
    const closing = drawerRoot();
    expect(closing).toBeInTheDocument();
    expect(getComputedStyle(closing!).pointerEvents).toBe('none');
    const backdrop = closing!.querySelector<HTMLElement>(
      '[class*="MuiBackdrop-root"]',
    )!;
    expect(getComputedStyle(backdrop).pointerEvents).toBe('none');

    // the row under it, clicked during the slide-out, opens
    await userEvent.click(
      screen.getByRole('button', { name: 'Show details of Backend openai' }),
    );
    const second = await screen.findByRole('region', {
      name: 'AgentgatewayBackend openai',
    });
    expect(getComputedStyle(drawerRoot()!).pointerEvents).not.toBe('none');
    await within(second).findByLabelText('Object YAML');
    await waitFor(() =>
      expect(api.calls).toContain(
        `getResource ${REF} AgentgatewayBackend openai`,
      ),
    );
  });
});
