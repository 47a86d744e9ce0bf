import { screen, within } from '@testing-library/react';
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { FixtureAiGatewayApi } from '../../testing/FixtureAiGatewayApi';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { gateway, gatewayClass, parameters } from '../../testing/fixtures';
import { PlatformOverview } from './PlatformOverview';

// role queries over MUI tables are slow on a busy 2-core machine
jest.setTimeout(30_000);

/** A ListenerSet of the fixture Gateway as agentgateway reports it: accepted, one listener not programmed yet. */
const listenerSet: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'ListenerSet',
  metadata: {
    name: 'team-listeners',
    namespace: 'team-search',
    uid: 'ls-1',
    creationTimestamp: '2026-12-01T10:00:00Z',
  },
  spec: {
    parentRef: { name: 'agentgateway-proxy', namespace: 'platform' },
    listeners: [
      {
        name: 'search',
        protocol: 'HTTPS',
        port: 443,
        hostname: 'search.example.com',
      },
    ],
  },
  status: {
    conditions: [
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' },
      {
        type: 'Programmed',
        status: 'False',
        reason: 'ListenersNotValid',
        message: 'listener search: certificate not found',
      },
    ],
    listeners: [
      { name: 'search', attachedRoutes: 3, supportedKinds: [], conditions: [] },
    ],
  },
};

describe('PlatformOverview', () => {
  it('lists ListenerSets with their Gateway, listeners, attached routes and status', async () => {
    const api = new FixtureAiGatewayApi({
      platform: { objects: [gatewayClass, gateway, listenerSet, parameters] },
    });
    await renderWithApi(<PlatformOverview />, { api });
    const table = await screen.findByRole('table', { name: 'Listener sets' });
    const row = within(table)
      .getByRole('button', {
        name: 'Show details of Listener set team-listeners',
      })
      .closest('tr')!;
    expect(within(row).getByText('team-search')).toBeInTheDocument();
    expect(
      within(row).getByText('platform/agentgateway-proxy'),
    ).toBeInTheDocument();
    expect(
      within(row).getByText('search HTTPS/443 search.example.com'),
    ).toBeInTheDocument();
    expect(within(row).getByText('search: 3')).toBeInTheDocument();
    expect(within(row).getByLabelText('Accepted: True')).toHaveAttribute(
      'data-status',
      'True',
    );
    expect(within(row).getByLabelText('Programmed: False')).toHaveAttribute(
      'data-status',
      'False',
    );
    // the Gateway is still in its own table, not among the ListenerSets
    expect(
      within(table).queryByRole('button', {
        name: 'Show details of Gateway agentgateway-proxy',
      }),
    ).toBeNull();
    expect(
      within(screen.getByRole('table', { name: 'Gateways' })).getByRole(
        'button',
        { name: 'Show details of Gateway agentgateway-proxy' },
      ),
    ).toBeInTheDocument();
  });

  it('shows the other platform kinds when a backend sends no listenerSets (older than the field)', async () => {
    class OlderBackend extends FixtureAiGatewayApi {
      async getPlatformOverview() {
        const { listenerSets: _dropped, ...rest } =
          await super.getPlatformOverview();
        return rest;
      }
    }
    const api = new OlderBackend({
      platform: { objects: [gatewayClass, gateway, parameters] },
    });
    await renderWithApi(<PlatformOverview />, { api });
    const gateways = await screen.findByRole('table', { name: 'Gateways' });
    expect(
      within(gateways).getByRole('button', {
        name: 'Show details of Gateway agentgateway-proxy',
      }),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Listener sets' }),
      ).queryAllByRole('button', { name: /Show details of Listener set/ }),
    ).toEqual([]);
  });

  it('warns about routes of different teams on the same ListenerSet listener, naming the ListenerSet', async () => {
    const route = (namespace: string, name: string, path: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { namespace, name },
      spec: {
        parentRefs: [
          {
            kind: 'ListenerSet',
            name: 'team-listeners',
            namespace: 'team-search',
            sectionName: 'search',
          },
        ],
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: path } }] }],
      },
    });
    const api = new FixtureAiGatewayApi({
      platform: { objects: [gatewayClass, gateway, listenerSet, parameters] },
      entities: {
        'component:default/search': {
          objects: [route('team-search', 'search', '/search')],
        },
        'component:default/greedy': {
          objects: [route('team-a', 'catch-all', '/')],
        },
      },
    });
    await renderWithApi(<PlatformOverview />, { api });
    const alert = await screen.findByRole('alert', {
      name: 'Overlapping routes on shared Gateways',
    });
    expect(alert).toHaveTextContent('2 warnings');
    expect(alert).toHaveTextContent(
      'PathPrefix /search overlaps PathPrefix / of HTTPRoute team-a/catch-all (another team) on ListenerSet team-search/team-listeners listener search (Gateway platform/agentgateway-proxy)',
    );
  });
});
