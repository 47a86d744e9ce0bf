import { act, screen, waitFor, within } from '@testing-library/react';
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { toResourceItem } from '../../testing/resourceItems';
import {
  ENTITY,
  crdCauses,
  fill,
  fixtureApi,
  renderDialog,
  stored,
  user,
} from './__testUtils__/harness';
import { setYaml, yamlText } from './__testUtils__/codemirror';
import { backend } from './__testUtils__/objects';

jest.setTimeout(60_000);

/** A backend with fields no form knows (they must survive form edits and the YAML round trip). */
const withUnknown = (): KubeObject =>
  backend('openai', {
    ai: { provider: { openai: { model: 'gpt-4.1' } } },
    policies: {
      auth: { secretRef: { name: 'openai-secret' } },
      ai: {
        routes: { '/v1/chat/completions': 'Completions', '*': 'Passthrough' },
      },
    },
  });

describe('ResourceEditorDialog', () => {
  it('an edit with a typed API key sends the object and the key in ONE update (no Secret call after it)', async () => {
    const api = fixtureApi({ objects: [withUnknown()] });
    const item = toResourceItem(
      (await api.getTab(ENTITY, 'backends')).items[0].object,
    );
    const { onSaved } = await renderDialog(api, { item });
    await fill(/^API key/, 'sk-new');
    await user().click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.entityWrites.writes).toEqual([
      'update AgentgatewayBackend openai',
    ]);
    expect(api.entityWrites.secretValues.get('openai-secret')).toEqual({
      Authorization: 'sk-new',
    });
  });

  it('form ⇄ YAML keep one object: unknown fields survive edits in both modes and the update', async () => {
    const api = fixtureApi({ objects: [withUnknown()] });
    const item = toResourceItem(
      (await api.getTab(ENTITY, 'backends')).items[0].object,
    );
    const { onSaved } = await renderDialog(api, { item });
    expect(
      screen.getByRole('heading', { name: /Edit AgentgatewayBackend openai/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText(/^Name/, { selector: 'input' }),
    ).toBeDisabled();

    await fill(/^Model/, 'gpt-4.1-mini');
    await user().click(screen.getByRole('button', { name: 'YAML' }));
    const text = yamlText();
    expect(text).toContain('model: gpt-4.1-mini');
    expect(text).toContain('"*": Passthrough');
    expect(text).toContain('resourceVersion: "7"');

    await setYaml(
      text
        .replace('model: gpt-4.1-mini', 'model: gpt-5')
        .replace(
          '"*": Passthrough',
          '"*": Passthrough\n        /v1/models: Models',
        ),
    );
    await user().click(screen.getByRole('button', { name: 'Form' }));
    expect(screen.getByLabelText(/^Model/, { selector: 'input' })).toHaveValue(
      'gpt-5',
    );
    await fill(/^Secret name/, 'openai-key');

    await user().click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const obj = await stored(api, 'AgentgatewayBackend', 'openai');
    expect(obj?.spec).toEqual({
      ai: { provider: { openai: { model: 'gpt-5' } } },
      policies: {
        auth: { secretRef: { name: 'openai-key' } },
        ai: {
          routes: {
            '/v1/chat/completions': 'Completions',
            '*': 'Passthrough',
            '/v1/models': 'Models',
          },
        },
      },
    });
    expect(obj?.metadata.resourceVersion).not.toBe('7');
    expect(api.entityWrites.writes).toEqual([
      'update AgentgatewayBackend openai',
    ]);
  });

  it('shows 422 causes at the field whose path matches, the others in a list', async () => {
    const api = fixtureApi({}, obj => [
      ...crdCauses(obj),
      {
        field: 'spec.policies.auth',
        message: 'Secret missing-one does not exist',
        reason: 'FieldValueNotFound',
      },
    ]);
    await renderDialog(api, { formId: 'static' });
    await fill(/^Name/, 'httpbin');
    await fill(/^Host/, 'httpbin.org');
    await fill(/^Port/, '70000');
    await user().click(screen.getByRole('button', { name: 'Create' }));
    const port = await screen.findByLabelText(/^Port/, { selector: 'input' });
    await waitFor(() => expect(port).toHaveAttribute('aria-invalid', 'true'));
    // the shared validator's cause for the out-of-range port, shown at the Port field
    const cause = crdCauses({
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: { name: 'httpbin' },
      spec: { static: { host: 'httpbin.org', port: 70000 } },
    });
    expect(cause.map(c => c.field)).toContain('spec.static.port');
    expect(port.closest('.v5-MuiFormControl-root')).toHaveTextContent(
      cause.find(c => c.field === 'spec.static.port')!.message,
    );
    expect(
      screen.getByLabelText(/^Host/, { selector: 'input' }),
    ).toHaveAttribute('aria-invalid', 'false');
    const list = screen.getByLabelText('Validation errors');
    expect(
      within(list).getByText(/Secret missing-one does not exist/),
    ).toBeInTheDocument();
    expect(screen.getByText('Not saved')).toBeInTheDocument();
    expect(api.entityWrites.writes).toEqual([
      'create AgentgatewayBackend httpbin',
    ]);
    expect(await stored(api, 'AgentgatewayBackend', 'httpbin')).toBeUndefined();
  });

  it('on 409 shows that someone else changed it, offers the current version, never overwrites', async () => {
    const api = fixtureApi({ objects: [withUnknown()] });
    const item = toResourceItem(
      (await api.getTab(ENTITY, 'backends')).items[0].object,
    );
    const { onSaved } = await renderDialog(api, { item });
    // someone else saves first
    await act(async () => {
      await api.updateResource(ENTITY, {
        object: {
          ...withUnknown(),
          spec: {
            ...withUnknown().spec,
            ai: { provider: { openai: { model: 'theirs' } } },
          },
        },
      });
    });
    await fill(/^Model/, 'mine');
    await user().click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/Your changes were not saved/),
    ).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
    expect(
      (await stored(api, 'AgentgatewayBackend', 'openai'))?.spec.ai.provider
        .openai.model,
    ).toBe('theirs');

    await user().click(
      screen.getByRole('button', { name: 'Show current version' }),
    );
    expect(
      screen.getByRole('group', { name: 'Current version' }),
    ).toHaveTextContent(/theirs/);
    await user().click(
      screen.getByRole('button', { name: /Reload current version/ }),
    );
    expect(screen.getByLabelText(/^Model/, { selector: 'input' })).toHaveValue(
      'theirs',
    );
    await fill(/^Model/, 'mine-again');
    await user().click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(
      (await stored(api, 'AgentgatewayBackend', 'openai'))?.spec.ai.provider
        .openai.model,
    ).toBe('mine-again');
  });

  it('YAML editor: live validation lists causes with their line; syntax errors block saving', async () => {
    const api = fixtureApi();
    await renderDialog(api, {
      template: {
        apiVersion: 'agentgateway.dev/v1alpha1',
        kind: 'AgentgatewayModel',
        metadata: { name: '' },
        spec: {},
      },
    });
    expect(screen.getByRole('button', { name: 'Form' })).toBeDisabled();
    await setYaml(
      'apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayBackend\nmetadata:\n  name: s\nspec:\n  static:\n    host: example.com\n',
    );
    await waitFor(
      () =>
        expect(screen.getByLabelText('Validation errors')).toHaveTextContent(
          /spec\.static: .*host and port \(line 6\)/,
        ),
      { timeout: 3000 },
    );
    await setYaml(
      'apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayBackend\nmetadata:\n  name: s\nspec:\n  static:\n    host: example.com\n    port: 443\n',
    );
    await waitFor(
      () => expect(screen.queryByLabelText('Validation errors')).toBeNull(),
      { timeout: 3000 },
    );
    expect(await screen.findByText(/^Valid/)).toBeInTheDocument();
    await setYaml('kind: [\n');
    expect(screen.getByRole('button', { name: 'Create' })).toBeDisabled();
    await setYaml(
      'apiVersion: agentgateway.dev/v1alpha1\nkind: AgentgatewayBackend\nmetadata:\n  name: s\nspec:\n  static:\n    host: example.com\n    port: 443\n',
    );
    await user().click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(async () =>
      expect(await stored(api, 'AgentgatewayBackend', 's')).toBeDefined(),
    );
  });
});
