import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { MetricsWindow } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { TopologyView } from './TopologyView';
import { LiveTopology } from './LiveTopology';
import { topologyFixture } from './testData';
import {
  AiGatewayQueryProvider,
  createAiGatewayQueryClient,
} from '../../query/AiGatewayQueryProvider';

// jsdom has no layout engine; React Flow only needs these to exist
// rendering React Flow / recharts in jsdom is slow on a busy machine
jest.setTimeout(30_000);

beforeAll(() => {
  (global as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  (global as any).DOMMatrixReadOnly ??= class {
    m22 = 1;
  };
});

describe('TopologyView', () => {
  it('renders every node with its numbers and opens the details of a clicked node', async () => {
    const onWindowChange = jest.fn();
    await renderInTestApp(
      <TopologyView
        data={topologyFixture()}
        window="5m"
        onWindowChange={onWindowChange}
        linkFor={n => (n.type === 'route' ? '/catalog/x/routes' : undefined)}
      />,
    );
    for (const label of [
      'platform/ai-gateway',
      'http HTTP/80',
      'team-a/chat',
      'team-a/openai',
      'openai gpt-4o-mini',
      'team-a/chat-rate-limit',
    ]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(
      within(screen.getByTestId('topology-node-chat')).getByText(
        '10 req/s · 10% err · p95 2.0 s',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('topology-node-openai#llm0')).getByText(
        '5.0k tok/min · $0.50/h',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('topology-node-gw')).getByText(
        'Gateway · shared',
      ),
    ).toBeInTheDocument();
    // when the numbers were read, in plain words
    expect(
      screen.getByText(
        new RegExp(
          `metrics as of ${new Date(
            '2026-01-01T11:59:45.000Z',
          ).toLocaleTimeString()}`,
        ),
      ),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('topology-node-chat'));
    const panel = await screen.findByRole('region', {
      name: 'Details of team-a/chat',
    });
    expect(within(panel).getByText('429 RateLimit')).toBeInTheDocument();
    expect(within(panel).getByText('800 ms')).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: 'Manage HTTPRoute' }),
    ).toHaveAttribute('href', '/catalog/x/routes');

    fireEvent.click(screen.getByTestId('topology-node-openai'));
    const backend = await screen.findByRole('region', {
      name: 'Details of team-a/openai',
    });
    expect(
      within(backend).getByText('Accepted: Invalid - bad secret'),
    ).toBeInTheDocument();
    expect(within(backend).queryByRole('link')).toBeNull();

    fireEvent.click(screen.getByTestId('topology-node-openai#llm0'));
    const llm = await screen.findByRole('region', {
      name: 'Details of openai gpt-4o-mini',
    });
    expect(
      within(llm).getByText('Time to first token p95'),
    ).toBeInTheDocument();
    expect(within(llm).getByText('420 ms')).toBeInTheDocument();
    expect(
      within(llm).getByText('Time per output token p95'),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Last 1h' }));
    expect(onWindowChange).toHaveBeenCalledWith('1h');
  });

  it('explains missing metrics and still draws the graph', async () => {
    const data = topologyFixture();
    data.metrics = [
      {
        cluster: 'dev',
        available: false,
        reason: 'Prometheus at http://p is unreachable',
      },
    ];
    delete data.metricsAt;
    await renderInTestApp(
      <TopologyView data={data} window="5m" onWindowChange={() => {}} />,
    );
    expect(
      screen.getByText(
        /No live numbers for cluster dev: Prometheus at http:\/\/p is unreachable/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('team-a/chat')).toBeInTheDocument();
    expect(screen.queryByText(/metrics as of/)).toBeNull();
  });
});

describe('LiveTopology', () => {
  it('loads the chosen window and reloads when the window changes', async () => {
    const calls: MetricsWindow[] = [];
    const load = async (w: MetricsWindow) => {
      calls.push(w);
      return { ...topologyFixture(), window: w };
    };
    const client = createAiGatewayQueryClient();
    await renderInTestApp(
      <AiGatewayQueryProvider client={client}>
        <LiveTopology
          load={load}
          scopeKey={['entity', 'component:default/chat-service']}
        />
      </AiGatewayQueryProvider>,
    );
    expect(await screen.findByText('team-a/chat')).toBeInTheDocument();
    expect(calls).toEqual(['5m']);
    fireEvent.click(screen.getByRole('button', { name: 'Last 24h' }));
    await waitFor(() => expect(calls).toEqual(['5m', '24h']));
  });

  it('shows the error when loading fails', async () => {
    const client = createAiGatewayQueryClient();
    client.setDefaultOptions({ queries: { retry: false } });
    await renderInTestApp(
      <AiGatewayQueryProvider client={client}>
        <LiveTopology
          load={async () => {
            throw new Error('backend down');
          }}
          scopeKey={['platform']}
        />
      </AiGatewayQueryProvider>,
    );
    expect(
      await screen.findByText('Could not load the topology: backend down'),
    ).toBeInTheDocument();
  });
});
