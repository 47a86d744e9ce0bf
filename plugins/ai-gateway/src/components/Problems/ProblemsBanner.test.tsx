import { screen, waitFor, within } from '@testing-library/react';
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { FixtureAiGatewayApi } from '../../testing/FixtureAiGatewayApi';
import { entityOf, renderWithApi } from '../../__testUtils__/renderWithApi';
import {
  anthropicBackend,
  gateway,
  openaiBackend,
  policy,
  route,
} from '../../testing/fixtures';
import {
  EntityAiGatewayBackendsContent,
  EntityAiGatewayRoutesContent,
} from '../../alpha/entityContents';
import { ProblemsBanner } from './ProblemsBanner';

const REF = 'component:default/chat';
const annotated = entityOf('chat', {
  'backstage.io/kubernetes-id': 'chat-service',
});
const secret = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'agentgateway-system' },
});

jest.setTimeout(30_000);

describe('ProblemsBanner', () => {
  // route attaches to a Gateway nobody has; anthropic has no Secret and no route; openai is complete
  const api = () =>
    new FixtureAiGatewayApi({
      entities: {
        [REF]: {
          objects: [
            openaiBackend,
            anthropicBackend,
            route,
            policy,
            secret('openai-secret'),
          ],
        },
      },
    });

  it('lists the problems of the tab kinds only, as an error when any is an error', async () => {
    const fixture = api();
    await renderWithApi(<ProblemsBanner entityRef={REF} tab="backends" />, {
      api: fixture,
    });
    const alert = await screen.findByRole('alert', {
      name: 'Configuration problems',
    });
    expect(alert.className).toMatch(/MuiAlert-standardError/);
    expect(
      within(alert).getByText('Configuration problems: 1 error, 1 warning'),
    ).toBeInTheDocument();
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'AgentgatewayBackend anthropic reads credentials from Secret agentgateway-system/anthropic-secret, which does not exist',
      'No route sends traffic to backend anthropic',
    ]);
    expect(fixture.calls).toEqual([`getProblems ${REF}`]);
  });

  it('shows a warning when the tab has only warnings', async () => {
    const fixture = new FixtureAiGatewayApi({
      entities: {
        [REF]: { objects: [openaiBackend, secret('openai-secret')] },
      },
    });
    await renderWithApi(<ProblemsBanner entityRef={REF} tab="backends" />, {
      api: fixture,
    });
    const alert = await screen.findByRole('alert', {
      name: 'Configuration problems',
    });
    expect(alert.className).toMatch(/MuiAlert-standardWarning/);
    expect(within(alert).getByRole('listitem')).toHaveTextContent(
      'No route sends traffic to backend openai',
    );
  });

  it('shows nothing when the tab kinds have no problems', async () => {
    const fixture = api();
    await renderWithApi(<ProblemsBanner entityRef={REF} tab="policies" />, {
      api: fixture,
    });
    await waitFor(() => expect(fixture.calls).toEqual([`getProblems ${REF}`]));
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows nothing when loading the problems fails', async () => {
    const fixture = new FixtureAiGatewayApi({
      entities: {
        [REF]: {
          objects: [route],
          error: { statusCode: 403, name: 'NotAllowedError', message: 'no' },
        },
      },
    });
    await renderWithApi(<ProblemsBanner entityRef={REF} tab="routes" />, {
      api: fixture,
    });
    await waitFor(() => expect(fixture.calls).toEqual([`getProblems ${REF}`]));
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('sits above the tables of the entity tabs', async () => {
    const fixture = api();
    await renderWithApi(<EntityAiGatewayRoutesContent />, {
      api: fixture,
      entity: annotated,
    });
    const alert = await screen.findByRole('alert', {
      name: 'Configuration problems',
    });
    expect(within(alert).getByRole('listitem')).toHaveTextContent(
      'HTTPRoute openai attaches to Gateway agentgateway-system/agentgateway-proxy, which does not exist',
    );
    const table = await screen.findByRole('table', { name: 'HTTP routes' });
    // eslint-disable-next-line no-bitwise
    expect(
      alert.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('shows nothing on a complete entity tab', async () => {
    const fixture = new FixtureAiGatewayApi({
      entities: {
        [REF]: {
          objects: [openaiBackend, route, secret('openai-secret')],
          attached: [gateway],
        },
      },
    });
    await renderWithApi(<EntityAiGatewayBackendsContent />, {
      api: fixture,
      entity: annotated,
    });
    await screen.findByRole('table', { name: 'Backends' });
    await waitFor(() => expect(fixture.calls).toContain(`getProblems ${REF}`));
    await new Promise(r => setTimeout(r, 50));
    expect(
      screen.queryByRole('alert', { name: 'Configuration problems' }),
    ).not.toBeInTheDocument();
  });
});
