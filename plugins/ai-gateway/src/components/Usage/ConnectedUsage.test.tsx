import { fireEvent, screen } from '@testing-library/react';
import { UsageResponse } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { FixtureAiGatewayApi } from '../../testing/FixtureAiGatewayApi';
import { entityOf, renderWithApi } from '../../__testUtils__/renderWithApi';
import { EntityUsageCard, PlatformUsage } from './ConnectedUsage';
import { EntityUsageAccordion } from './UsageAccordion';

// rendering React Flow / recharts in jsdom is slow on a busy machine
jest.setTimeout(30_000);

beforeAll(() => {
  (global as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

const usage: UsageResponse = {
  window: '1h',
  generatedAt: '2026-01-01T00:00:00Z',
  stepSeconds: 60,
  metrics: [
    {
      cluster: 'dev',
      available: true,
      source: 'pod-proxy',
      collectedAt: '2026-01-01T00:00:00Z',
    },
  ],
  metricsAt: '2026-01-01T00:00:00Z',
  series: [
    {
      metric: 'requests',
      cluster: 'dev',
      label: 'team-a/chat → team-a/openai',
      points: [
        [1000, 1],
        [1060, 2],
      ],
    },
  ],
};

describe('connected usage', () => {
  it("loads the entity's usage through the API", async () => {
    const api = new FixtureAiGatewayApi({
      usage: { 'component:default/chat': usage },
    });
    await renderWithApi(
      <EntityUsageCard title="Routes usage" metrics={['requests', 'errors']} />,
      { api, entity: entityOf('chat') },
    );
    expect(
      await screen.findByRole('figure', { name: 'Requests chart' }),
    ).toBeInTheDocument();
    expect(screen.getByText('No errors in this window.')).toBeInTheDocument();
    expect(api.calls).toEqual(['getUsage component:default/chat 1h']);
  });

  it('loads the platform usage and shows API errors', async () => {
    const api = new FixtureAiGatewayApi({});
    await renderWithApi(<PlatformUsage />, { api });
    expect(
      await screen.findByText(/Could not load usage: No usage for platform/),
    ).toBeInTheDocument();
  });
});

describe('EntityUsageAccordion', () => {
  it('loads usage only once opened', async () => {
    const api = new FixtureAiGatewayApi({
      usage: { 'component:default/chat': usage },
    });
    await renderWithApi(
      <EntityUsageAccordion title="Route usage" metrics={['requests']} />,
      { api, entity: entityOf('chat') },
    );
    expect(screen.getByText('Route usage')).toBeInTheDocument();
    expect(api.calls).toEqual([]);
    fireEvent.click(screen.getByText('Route usage'));
    expect(
      await screen.findByRole('figure', { name: 'Requests chart' }),
    ).toBeInTheDocument();
    expect(api.calls).toEqual(['getUsage component:default/chat 1h']);
  });
});
