import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  MetricsWindow,
  UsageResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { UsageCharts } from './UsageCharts';
import { UsageCard } from './UsageCard';
import {
  AiGatewayQueryProvider,
  createAiGatewayQueryClient,
} from '../../query/AiGatewayQueryProvider';

// rendering React Flow / recharts in jsdom is slow on a busy machine
jest.setTimeout(30_000);

beforeAll(() => {
  (global as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

function usage(window: MetricsWindow = '1h'): UsageResponse {
  return {
    window,
    generatedAt: '2026-01-01T12:00:00.000Z',
    stepSeconds: 60,
    metrics: [
      {
        cluster: 'dev',
        available: true,
        source: 'prometheus',
        collectedAt: '2026-01-01T11:59:30.000Z',
      },
    ],
    metricsAt: '2026-01-01T11:59:30.000Z',
    series: [
      {
        metric: 'requests',
        cluster: 'dev',
        label: 'team-a/chat → team-a/openai',
        points: [
          [1000, 2],
          [1060, 3],
          [1120, 4],
        ],
      },
      {
        metric: 'requests',
        cluster: 'dev',
        label: 'team-b/httpbin → team-b/httpbin',
        points: [
          [1000, 5],
          [1060, 5],
          [1120, 6],
        ],
      },
      {
        metric: 'tokens',
        cluster: 'dev',
        label: 'gpt-4o-mini input',
        points: [
          [1000, 4000],
          [1060, 4100],
        ],
      },
    ],
  };
}

describe('UsageCharts', () => {
  it('draws one line per series and says which charts have no data', async () => {
    const { container } = await renderInTestApp(
      <UsageCharts
        data={usage()}
        metrics={['requests', 'tokens', 'cost']}
        width={500}
        height={200}
      />,
    );
    const requests = screen.getByRole('figure', { name: 'Requests chart' });
    expect(
      within(requests).getByText('team-a/chat → team-a/openai'),
    ).toBeInTheDocument();
    expect(
      within(requests).getByText('team-b/httpbin → team-b/httpbin'),
    ).toBeInTheDocument();
    expect(requests.querySelectorAll('.recharts-line')).toHaveLength(2);
    expect(
      within(screen.getByRole('figure', { name: 'Tokens chart' })).getByText(
        'gpt-4o-mini input',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('figure', { name: 'Cost chart' })).getByText(
        'No cost in this window.',
      ),
    ).toBeInTheDocument();
    expect(
      container.querySelectorAll('.recharts-line-curve').length,
    ).toBeGreaterThanOrEqual(3);
  });
});

describe('UsageCard', () => {
  it('loads usage per window and shows unavailable clusters', async () => {
    const calls: MetricsWindow[] = [];
    const load = async (w: MetricsWindow) => {
      calls.push(w);
      const u = usage(w);
      u.metrics.push({
        cluster: 'prod',
        available: false,
        reason: 'No metrics source',
      });
      return u;
    };
    await renderInTestApp(
      <AiGatewayQueryProvider client={createAiGatewayQueryClient()}>
        <UsageCard
          load={load}
          scopeKey={['entity', 'x']}
          title="Routes usage"
          metrics={['requests']}
          width={400}
        />
      </AiGatewayQueryProvider>,
    );
    expect(
      await screen.findByText('No usage for cluster prod: No metrics source'),
    ).toBeInTheDocument();
    expect(screen.getByText('Routes usage')).toBeInTheDocument();
    // when the series were read, in plain words
    expect(
      screen.getByText(
        `metrics as of ${new Date(
          '2026-01-01T11:59:30.000Z',
        ).toLocaleTimeString()}`,
      ),
    ).toBeInTheDocument();
    expect(calls).toEqual(['1h']);
    fireEvent.click(screen.getByRole('button', { name: 'Last 5m' }));
    await waitFor(() => expect(calls).toEqual(['1h', '5m']));
  });
});
