import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { FixtureAiGatewayApi } from '../testing/FixtureAiGatewayApi';
import { renderWithApi } from '../__testUtils__/renderWithApi';
import { fixturePermissionApi } from '../__testUtils__/fixturePermissionApi';
import { enabledButton } from '../__testUtils__/enabledButton';
import { EditablePlatformOverview } from './EditablePlatformOverview';
import { crdCauses, fill } from '../components/editors/__testUtils__/harness';
import { gateway } from '../components/editors/__testUtils__/objects';

jest.setTimeout(60_000);

const gatewayClass: KubeObject = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  metadata: { name: 'agentgateway' },
  spec: { controllerName: 'agentgateway.dev/agentgateway' },
};
const params: KubeObject = {
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayParameters',
  metadata: { name: 'defaults', namespace: 'platform', resourceVersion: '3' },
  spec: { logging: { level: 'info' }, rawConfig: { keep: 'me' } },
};

function apiWith(managePlatform: boolean) {
  return new FixtureAiGatewayApi({
    platform: { objects: [gatewayClass, { ...gateway }, { ...params }] },
    writes: { validate: crdCauses, capabilities: { managePlatform } },
  });
}

describe('EditablePlatformOverview', () => {
  it('creates a Gateway with a listener (valid for the shared validator); GatewayClass stays read-only', async () => {
    const api = apiWith(true);
    await renderWithApi(<EditablePlatformOverview />, { api });
    await screen.findByRole('button', { name: 'Create Gateway' });
    expect(
      screen.queryByRole('button', { name: 'Create Gateway class' }),
    ).toBeNull();
    expect(
      screen.queryByRole('button', { name: /Edit GatewayClass/ }),
    ).toBeNull();
    await userEvent.click(await enabledButton('Create Gateway'));
    await fill(/^Namespace/, 'platform');
    await fill(/^Name(?!space)/, 'edge');
    await fill(/^Hostname/, '*.example.com');
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Create',
      }),
    );
    await screen.findByRole('button', { name: 'Show details of Gateway edge' });
    const created = (await api.getPlatformOverview()).gateways.find(
      g => g.name === 'edge',
    )!.object;
    expect(created.metadata.namespace).toBe('platform');
    expect(created.spec.listeners).toEqual([
      {
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        hostname: '*.example.com',
        allowedRoutes: { namespaces: { from: 'All' } },
      },
    ]);
    expect(crdCauses(created)).toEqual([]);
  });

  it('edits AgentgatewayParameters keeping fields the form does not show', async () => {
    const api = apiWith(true);
    await renderWithApi(<EditablePlatformOverview />, { api });
    const edit = await enabledButton('Edit AgentgatewayParameters defaults');
    await userEvent.click(edit);
    await fill(/^Level/, 'debug');
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Save' }),
    );
    await waitFor(async () =>
      expect(
        (
          await api.getPlatformOverview()
        ).parameters[0].object.spec,
      ).toEqual({ logging: { level: 'debug' }, rawConfig: { keep: 'me' } }),
    );
  });

  it('without the platform-manage permission the buttons are disabled', async () => {
    const api = apiWith(false);
    await renderWithApi(<EditablePlatformOverview />, { api });
    const create = await screen.findByRole('button', {
      name: 'Create Gateway',
    });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Delete Gateway ai-gw' }),
      ).toBeDisabled(),
    );
    expect(create).toBeDisabled();
  });

  it('when the permission cannot be checked, nothing is offered', async () => {
    const api = apiWith(true);
    const permissions = fixturePermissionApi({}, { fail: true });
    await renderWithApi(<EditablePlatformOverview />, { api, permissions });
    const create = await screen.findByRole('button', {
      name: 'Create Gateway',
    });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Delete Gateway ai-gw' }),
      ).toBeDisabled(),
    );
    expect(create).toBeDisabled();
  });
});
