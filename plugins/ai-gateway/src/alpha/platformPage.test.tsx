import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FixtureAiGatewayApi } from '../testing/FixtureAiGatewayApi';
import { renderWithApi } from '../__testUtils__/renderWithApi';
import { gateway, gatewayClass, parameters } from '../testing/fixtures';
import { AiGatewayPlatformPage as AiGatewayPage } from './platformPage';

// role queries over MUI tables are slow on a busy 2-core machine
jest.setTimeout(30_000);

describe('AiGatewayPlatformPage', () => {
  it('shows the platform overview: classes, gateways with listeners, routes and status, parameters', async () => {
    const api = new FixtureAiGatewayApi({
      platform: {
        objects: [gatewayClass, gateway, parameters],
        clusters: [
          { name: 'local', ok: true },
          {
            name: 'staging',
            ok: false,
            error: { reason: 'Unauthorized', message: 'token expired' },
          },
        ],
      },
    });
    await renderWithApi(<AiGatewayPage />, { api });
    expect(
      screen.getByRole('heading', { name: 'AI Gateway' }),
    ).toBeInTheDocument();

    const gateways = await screen.findByRole('table', { name: 'Gateways' });
    const row = within(gateways)
      .getByRole('button', {
        name: 'Show details of Gateway agentgateway-proxy',
      })
      .closest('tr')!;
    expect(within(row).getByText('http HTTP/80')).toBeInTheDocument();
    expect(within(row).getByText('10.0.0.10')).toBeInTheDocument();
    expect(within(row).getByText('http: 2')).toBeInTheDocument();
    expect(within(row).getByLabelText('Programmed: True')).toBeInTheDocument();

    const classes = screen.getByRole('table', { name: 'Gateway classes' });
    expect(
      within(classes).getByText('agentgateway.dev/agentgateway'),
    ).toBeInTheDocument();
    const params = screen.getByRole('table', { name: 'Gateway parameters' });
    expect(
      within(params).getByText('cr.agentgateway.dev/agentgateway:v1.4.1'),
    ).toBeInTheDocument();

    expect(
      screen.getByText(
        /Cluster "staging" rejected the configured credentials \(Unauthorized\): token expired/,
      ),
    ).toBeInTheDocument();
    expect(api.calls).toEqual(['getPlatformOverview']);
  });

  it('warns about routes of different teams that overlap on the shared gateway, naming both', async () => {
    const route = (namespace: string, name: string, path: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { namespace, name },
      spec: {
        parentRefs: [{ name: 'agentgateway-proxy', namespace: 'platform' }],
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }] }],
      },
    });
    const api = new FixtureAiGatewayApi({
      platform: { objects: [gatewayClass, gateway, parameters] },
      entities: {
        'component:default/search': {
          objects: [route('team-search', 'search', '/search')],
        },
        'component:default/greedy': {
          objects: [route('team-a', 'catch-all', '/')],
        },
      },
    });
    await renderWithApi(<AiGatewayPage />, { api });
    const alert = await screen.findByRole('alert', {
      name: 'Overlapping routes on shared Gateways',
    });
    expect(alert).toHaveTextContent('2 warnings');
    expect(alert).toHaveTextContent(
      'PathPrefix /search overlaps PathPrefix / of HTTPRoute team-a/catch-all',
    );
    expect(alert).toHaveTextContent(
      'PathPrefix / overlaps PathPrefix /search of HTTPRoute team-search/search',
    );
  });

  it('has the live Topology and Usage sections', async () => {
    const topology = {
      window: '5m' as const,
      generatedAt: '2026-01-01T00:00:00Z',
      scope: { type: 'platform' as const },
      nodes: [
        {
          id: 'gw',
          type: 'gateway' as const,
          label: 'agentgateway-system/agentgateway-proxy',
          cluster: 'local',
          relation: 'owned' as const,
          status: 'ok' as const,
          details: {},
          metrics: { available: false as const, reason: 'No metrics source' },
        },
      ],
      edges: [],
      metrics: [
        {
          cluster: 'local',
          available: false as const,
          reason: 'No metrics source',
        },
      ],
    };
    const usage = {
      window: '1h' as const,
      generatedAt: '2026-01-01T00:00:00Z',
      stepSeconds: 60,
      series: [],
      metrics: [],
    };
    const api = new FixtureAiGatewayApi({
      platform: { objects: [] },
      topology: { platform: topology },
      usage: { platform: usage },
    });
    (global as any).ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    await renderWithApi(<AiGatewayPage />, { api });
    await userEvent.click(screen.getByRole('tab', { name: 'Topology' }));
    expect(
      await screen.findByText('agentgateway-system/agentgateway-proxy'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No live numbers for cluster local: No metrics source/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Usage' }));
    expect(await screen.findByText('Platform usage')).toBeInTheDocument();
    expect(api.calls).toEqual(
      expect.arrayContaining([
        'getTopology platform 5m',
        'getUsage platform 1h',
      ]),
    );
  });

  it('renders custom sections', async () => {
    const api = new FixtureAiGatewayApi({});
    await renderWithApi(
      <AiGatewayPage
        sections={[
          { id: 'usage', title: 'Usage', render: () => <p>token usage</p> },
        ]}
      />,
      {
        api,
      },
    );
    expect(screen.getByRole('tab', { name: 'Usage' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByText('token usage')).toBeInTheDocument();
    expect(api.calls).toEqual([]);
  });

  it('shows the backend error when the overview is not allowed', async () => {
    const api = new FixtureAiGatewayApi({
      platform: {
        objects: [],
        error: {
          statusCode: 403,
          name: 'NotAllowedError',
          message: 'platform read denied',
        },
      },
    });
    await renderWithApi(<AiGatewayPage />, { api });
    expect(
      await screen.findByText('You are not allowed to view these objects'),
    ).toBeInTheDocument();
    expect(screen.getByText(/platform read denied/)).toBeInTheDocument();
  });
});
