import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  Capabilities,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { FixtureAiGatewayApi } from '../testing/FixtureAiGatewayApi';
import { entityOf, renderWithApi } from '../__testUtils__/renderWithApi';
import { fixturePermissionApi } from '../__testUtils__/fixturePermissionApi';
import { enabledButton } from '../__testUtils__/enabledButton';
import { EditableAiGatewayTab } from './EditableAiGatewayTab';
import { crdCauses, fill } from '../components/editors/__testUtils__/harness';
import {
  backend,
  gateway,
  route,
} from '../components/editors/__testUtils__/objects';

jest.setTimeout(120_000);

const entity = entityOf('support-assistant', {
  'backstage.io/kubernetes-id': 'support-assistant',
});
const REF = 'component:default/support-assistant';
const secret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'openai-secret', namespace: 'default' },
  type: 'Opaque',
  data: { Authorization: '' },
};
const openai = () =>
  backend('openai', {
    ai: { provider: { openai: { model: 'gpt-4.1' } } },
    policies: { auth: { secretRef: { name: 'openai-secret' } } },
  });

function apiWith(objects: KubeObject[], capabilities?: Partial<Capabilities>) {
  return new FixtureAiGatewayApi({
    entities: { [REF]: { objects, attached: [gateway] } },
    writes: { validate: crdCauses, capabilities },
  });
}

describe('EditableAiGatewayTab', () => {
  it('creates a backend from the variant menu and lists it after the write', async () => {
    const api = apiWith([]);
    await renderWithApi(<EditableAiGatewayTab tab="backends" />, {
      api,
      entity,
    });
    const create = await enabledButton('Create Backend');
    await userEvent.click(create);
    await userEvent.click(
      screen.getByRole('menuitem', { name: /Static backend/ }),
    );
    await fill(/^Name/, 'httpbin');
    await fill(/^Host/, 'httpbin.org');
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Create',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const table = screen.getByRole('table', { name: 'Backends' });
    expect(
      await within(table).findByRole('button', {
        name: 'Show details of Backend httpbin',
      }),
    ).toBeInTheDocument();
    expect(api.entityWrites.writes).toEqual([
      'create AgentgatewayBackend httpbin',
    ]);
  });

  it('disables writes with a tooltip when the permissions say no (asked with the entity as resource)', async () => {
    const api = apiWith([openai()]);
    const permissions = fixturePermissionApi({
      create: false,
      delete: false,
      writeSecrets: false,
    });
    await renderWithApi(<EditableAiGatewayTab tab="backends" />, {
      api,
      entity,
      permissions,
    });
    const create = await screen.findByRole('button', {
      name: 'Create Backend',
    });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Edit AgentgatewayBackend openai' }),
      ).toBeEnabled(),
    );
    expect(create).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Delete AgentgatewayBackend openai' }),
    ).toBeDisabled();
    await userEvent.hover(create.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You are not allowed to create backends here',
    );
    expect(
      screen.getByRole('button', { name: 'Set value of openai-secret' }),
    ).toBeDisabled();
    expect(new Set(permissions.requests)).toEqual(
      new Set([
        `ai-gateway.resource.create ${REF}`,
        `ai-gateway.resource.update ${REF}`,
        `ai-gateway.resource.delete ${REF}`,
        `ai-gateway.secret.write ${REF}`,
        'ai-gateway.platform.manage',
      ]),
    );
  });

  it('gateways tab: the shared gateway has no edit / delete and no create button', async () => {
    const api = apiWith([]);
    await renderWithApi(<EditableAiGatewayTab tab="gateways" />, {
      api,
      entity,
    });
    await screen.findByRole('button', {
      name: 'Show details of Gateway ai-gw',
    });
    expect(screen.queryByRole('button', { name: /Edit Gateway/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Create Gateway' })).toBeNull();
  });

  it('delete lists the referrers and needs the name typed when something references it', async () => {
    const api = apiWith([openai(), route('chat', 'openai')]);
    await renderWithApi(<EditableAiGatewayTab tab="backends" />, {
      api,
      entity,
    });
    const del = await enabledButton('Delete AgentgatewayBackend openai');
    await userEvent.click(del);
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete AgentgatewayBackend openai?',
    });
    const refs = await within(dialog).findByLabelText('Referenced by');
    expect(refs).toHaveTextContent('HTTPRoute default/chat');
    const confirm = within(dialog).getByRole('button', { name: 'Delete' });
    expect(confirm).toBeDisabled();
    await fill(/^Type openai to confirm/, 'openai', dialog);
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(
        screen.queryByRole('button', {
          name: 'Show details of Backend openai',
        }),
      ).toBeNull(),
    );
    expect(api.entityWrites.writes).toEqual([
      'delete AgentgatewayBackend openai',
    ]);
  });

  it('delete without referrers needs one click', async () => {
    const api = apiWith([backend('lonely')]);
    await renderWithApi(<EditableAiGatewayTab tab="backends" />, {
      api,
      entity,
    });
    const del = await enabledButton('Delete AgentgatewayBackend lonely');
    await userEvent.click(del);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('Nothing in this entity references it.'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(api.entityWrites.writes).toEqual([
        'delete AgentgatewayBackend lonely',
      ]),
    );
  });

  it('a delete the cluster only accepts (finalizers) says "Deletion pending"; the row shows Terminating, no edit', async () => {
    const guarded = backend('guarded');
    guarded.metadata.finalizers = ['example.com/cleanup'];
    const api = apiWith([guarded]);
    await renderWithApi(<EditableAiGatewayTab tab="backends" />, {
      api,
      entity,
    });
    const del = await enabledButton('Delete AgentgatewayBackend guarded');
    await userEvent.click(del);
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Nothing in this entity references it.');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    expect(
      await within(dialog).findByText('Deletion pending'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    const row = (
      await screen.findByRole('button', {
        name: 'Show details of Backend guarded',
      })
    ).closest('tr')!;
    expect(
      await within(row).findByLabelText('Terminating'),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('button', {
        name: 'Edit AgentgatewayBackend guarded',
      }),
    ).toBeDisabled();
    expect(
      within(row).getByRole('button', {
        name: 'Delete AgentgatewayBackend guarded',
      }),
    ).toBeDisabled();
  });

  it('shows the warnings the cluster sent for a write and keeps the dialog open until closed', async () => {
    const api = apiWith([]);
    const create = api.createResource;
    api.createResource = async (ref, req) => ({
      ...(await create(ref, req)),
      warnings: ['unknown field "spec.static.burts"'],
    });
    await renderWithApi(<EditableAiGatewayTab tab="backends" />, {
      api,
      entity,
    });
    const button = await enabledButton('Create Backend');
    await userEvent.click(button);
    await userEvent.click(
      screen.getByRole('menuitem', { name: /Static backend/ }),
    );
    await fill(/^Name/, 'httpbin');
    await fill(/^Host/, 'httpbin.org');
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(
      await within(dialog).findByLabelText('Warnings from the cluster'),
    ).toHaveTextContent('unknown field "spec.static.burts"');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('Secrets: key names and users, never values; rotating a value writes it only to the API', async () => {
    const api = apiWith([openai(), secret]);
    await renderWithApi(<EditableAiGatewayTab tab="backends" />, {
      api,
      entity,
    });
    const section = await screen.findByRole('region', { name: 'Secrets' });
    const row = (await within(section).findByText('openai-secret')).closest(
      'tr',
    )!;
    expect(row).toHaveTextContent('Authorization');
    expect(row).toHaveTextContent('AgentgatewayBackend openai');
    const set = await enabledButton('Set value of openai-secret');
    await userEvent.click(set);
    let dialog = await screen.findByRole('dialog');
    let save = within(dialog).getByRole('button', { name: 'Save values' });
    // nothing typed yet: nothing to rotate
    expect(save).toBeDisabled();
    await fill(/^Value of Authorization/, 'sk-rotated', dialog);
    await userEvent.click(save);
    await waitFor(() =>
      expect(api.entityWrites.secretValues.get('openai-secret')).toEqual({
        Authorization: 'sk-rotated',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // adding a key later rotates only that key: Authorization keeps its value
    await userEvent.click(
      within(section).getByRole('button', {
        name: 'Set value of openai-secret',
      }),
    );
    dialog = await screen.findByRole('dialog');
    save = within(dialog).getByRole('button', { name: 'Save values' });
    await fill(/^Additional key/, 'x-extra', dialog);
    await fill(/^Value of the additional key/, 'extra-value', dialog);
    await userEvent.click(save);
    await waitFor(() =>
      expect(api.entityWrites.secretValues.get('openai-secret')).toEqual({
        Authorization: 'sk-rotated',
        'x-extra': 'extra-value',
      }),
    );
    expect(api.entityWrites.writes).toEqual([
      'patchSecret openai-secret Authorization',
      'patchSecret openai-secret x-extra',
    ]);
    expect(document.body.innerHTML).not.toContain('sk-rotated');
  });
});
