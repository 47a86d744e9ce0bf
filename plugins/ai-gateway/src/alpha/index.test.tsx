import { screen } from '@testing-library/react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { isAiGatewayAvailable } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import plugin, {
  aiGatewayBackendsContent,
  aiGatewayGatewaysContent,
  aiGatewayPage,
  aiGatewayPoliciesContent,
  aiGatewayRoutesContent,
} from '.';
import { aiGatewayApiRef } from '../api';
import { FixtureAiGatewayApi } from '../testing/FixtureAiGatewayApi';
import { openaiBackend } from '../testing/fixtures';
import { entityOf } from '../__testUtils__/renderWithApi';
import { fixturePermissionApi } from '../__testUtils__/fixturePermissionApi';
import { permissionApiRef } from '@backstage/plugin-permission-react';

jest.setTimeout(30_000);

const contents = [
  ['Gateways', 'ai-gateway-gateways', aiGatewayGatewaysContent],
  ['Backends', 'ai-gateway-backends', aiGatewayBackendsContent],
  ['Routes', 'ai-gateway-routes', aiGatewayRoutesContent],
  ['Policies', 'ai-gateway-policies', aiGatewayPoliciesContent],
] as const;

describe('ai-gateway /alpha plugin', () => {
  it('is the ai-gateway plugin with an API, four entity contents and a page', () => {
    expect(plugin.id).toBe('ai-gateway');
    for (const id of [
      'api:ai-gateway',
      'entity-content:ai-gateway/gateways',
      'entity-content:ai-gateway/backends',
      'entity-content:ai-gateway/routes',
      'entity-content:ai-gateway/policies',
      'entity-content:ai-gateway/topology',
      'page:ai-gateway',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it.each(contents)(
    'the %s tab has its path, title and the annotation filter',
    (title, path, extension) => {
      const tester = createExtensionTester(
        extension as typeof aiGatewayGatewaysContent,
      );
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
      expect(tester.get(coreExtensionData.routePath)).toBe(path);
      const filter = tester.get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!;

      const cases = [
        entityOf('by-id', { 'backstage.io/kubernetes-id': 'chat' }),
        entityOf('by-selector', {
          'backstage.io/kubernetes-label-selector': 'app=chat',
        }),
        entityOf('namespace-only', {
          'backstage.io/kubernetes-namespace': 'chat',
        }),
        entityOf('plain'),
        {
          ...entityOf('sys', { 'backstage.io/kubernetes-id': 'x' }),
          kind: 'System',
        },
        {
          ...entityOf('team', { 'backstage.io/kubernetes-id': 'x' }),
          kind: 'Group',
        },
        {
          ...entityOf('api', { 'backstage.io/kubernetes-id': 'x' }),
          kind: 'API',
        },
      ];
      expect(cases.map(e => [e.metadata.name, filter(e)])).toEqual([
        ['by-id', true],
        ['by-selector', true],
        ['namespace-only', false],
        ['plain', false],
        ['sys', true],
        ['team', true],
        ['api', false],
      ]);
      // same rule as the legacy isAiGatewayAvailable, for the kinds the tabs are offered on
      expect(cases.slice(0, 4).map(e => filter(e))).toEqual(
        cases.slice(0, 4).map(isAiGatewayAvailable),
      );
    },
  );

  it('renders the Backends tab content in a new-frontend-system app', async () => {
    const api = new FixtureAiGatewayApi({
      entities: { 'component:default/chat': { objects: [openaiBackend] } },
    });
    const tester = createExtensionTester(aiGatewayBackendsContent);
    renderInTestApp(
      <EntityProvider
        entity={entityOf('chat', {
          'backstage.io/kubernetes-id': 'chat-service',
        })}
      >
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [aiGatewayApiRef, api],
          [permissionApiRef, fixturePermissionApi()],
        ],
      },
    );
    expect(
      await screen.findByRole(
        'button',
        { name: 'Show details of Backend openai' },
        // the app renders after its APIs and the tab's one request; slow on a loaded 2-core machine
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    // the tab, its pickers and the Secrets section share one `GET {ref}/tabs` request (rows); the collapsed
    // usage panel loads nothing
    expect(api.calls).toContain('getTabs component:default/chat');
    expect(
      api.calls.filter(
        c =>
          ![
            'getTabs component:default/chat',
            'getProblems component:default/chat',
          ].includes(c),
      ),
    ).toEqual([]);
  });

  it('mounts the page at /ai-gateway with a nav title and icon', () => {
    const tester = createExtensionTester(aiGatewayPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/ai-gateway');
    expect(tester.get(coreExtensionData.title)).toBe('AI Gateway');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });
});
