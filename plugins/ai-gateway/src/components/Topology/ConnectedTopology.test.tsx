import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FixtureAiGatewayApi } from '../../testing/FixtureAiGatewayApi';
import { entityOf, renderWithApi } from '../../__testUtils__/renderWithApi';
import {
  EntityTopology,
  PlatformTopology,
  entityTabLink,
} from './ConnectedTopology';
import { topologyFixture } from './testData';

// rendering React Flow / recharts in jsdom is slow on a busy machine
jest.setTimeout(30_000);

beforeAll(() => {
  (global as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

describe('connected topology', () => {
  it("loads the entity's topology through the API and links nodes to the entity's tabs", async () => {
    const api = new FixtureAiGatewayApi({
      topology: { 'component:default/chat-service': topologyFixture() },
    });
    await renderWithApi(<EntityTopology />, {
      api,
      entity: entityOf('chat-service', {
        'backstage.io/kubernetes-id': 'chat-service',
      }),
    });
    expect(await screen.findByText('team-a/chat')).toBeInTheDocument();
    expect(api.calls).toContain(
      'getTopology component:default/chat-service 5m',
    );
    fireEvent.click(screen.getByTestId('topology-node-pol'));
    const panel = await screen.findByRole('region', {
      name: 'Details of team-a/chat-rate-limit',
    });
    expect(
      within(panel).getByRole('link', { name: 'Manage AgentgatewayPolicy' }),
    ).toHaveAttribute('href', '../ai-gateway-policies');
    fireEvent.click(screen.getByRole('button', { name: 'Last 1h' }));
    await waitFor(() =>
      expect(api.calls).toContain(
        'getTopology component:default/chat-service 1h',
      ),
    );
  });

  it('loads the platform topology', async () => {
    const api = new FixtureAiGatewayApi({
      topology: { platform: topologyFixture() },
    });
    await renderWithApi(<PlatformTopology />, { api });
    expect(await screen.findByText('openai gpt-4o-mini')).toBeInTheDocument();
    expect(api.calls).toEqual(['getTopology platform 5m']);
  });

  it('gives no link for objects the entity cannot see', () => {
    const node = topologyFixture().nodes[3];
    expect(entityTabLink(node)).toBe('../ai-gateway-backends');
    expect(entityTabLink({ ...node, relation: 'external' })).toBeUndefined();
  });
});
