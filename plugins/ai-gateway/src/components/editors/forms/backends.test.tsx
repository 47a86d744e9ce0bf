import { screen, waitFor } from '@testing-library/react';
import {
  choose,
  crdCauses,
  fill,
  fixtureApi,
  renderDialog,
  stored,
  user,
} from '../__testUtils__/harness';

jest.setTimeout(60_000);

describe('backend forms', () => {
  it.each([
    [
      'ai-openai',
      { Model: 'gpt-4.1-mini' },
      { openai: { model: 'gpt-4.1-mini' } },
    ],
    [
      'ai-anthropic',
      { Model: 'claude-opus-4-6' },
      { anthropic: { model: 'claude-opus-4-6' } },
    ],
    [
      'ai-gemini',
      { Model: 'gemini-2.5-flash' },
      { gemini: { model: 'gemini-2.5-flash' } },
    ],
    [
      'ai-vertexai',
      {
        'Project ID': 'my-project',
        Region: 'us-central1',
        Model: 'gemini-pro',
      },
      {
        vertexai: {
          projectId: 'my-project',
          region: 'us-central1',
          model: 'gemini-pro',
        },
      },
    ],
    [
      'ai-azureopenai',
      {
        Endpoint: 'me.openai.azure.com',
        'Deployment name': 'gpt4',
        'API version': '2024-10-21',
      },
      {
        azureopenai: {
          endpoint: 'me.openai.azure.com',
          deploymentName: 'gpt4',
          apiVersion: '2024-10-21',
        },
      },
    ],
  ])(
    '%s: fills the provider and API key → a valid backend and its Secret with key Authorization',
    async (formId, fields, provider) => {
      const api = fixtureApi();
      const { onSaved } = await renderDialog(api, { formId });
      await fill(/^Name/, 'chat-llm');
      for (const [label, value] of Object.entries(fields))
        await fill(new RegExp(`^${label}`), value);
      await fill(/^API key/, 'sk-secret-value');
      await user().click(screen.getByRole('button', { name: 'Create' }));
      await waitFor(() => expect(onSaved).toHaveBeenCalled());

      const obj = await stored(api, 'AgentgatewayBackend', 'chat-llm');
      expect(obj?.spec).toEqual({
        ai: { provider },
        policies: { auth: { secretRef: { name: 'chat-llm-api-key' } } },
      });
      expect(obj?.metadata.namespace).toBe('default');
      expect(crdCauses(obj!)).toEqual([]);
      expect(api.entityWrites.secretValues.get('chat-llm-api-key')).toEqual({
        Authorization: 'sk-secret-value',
      });
      // the value is write-only: what the API returns carries key names only
      const secrets = await api.listSecrets(
        'component:default/support-assistant',
      );
      expect(JSON.stringify(secrets)).not.toContain('sk-secret-value');
    },
  );

  it('bedrock: region, model, guardrail and AWS keys in accessKey / secretKey', async () => {
    const api = fixtureApi();
    const { onSaved } = await renderDialog(api, { formId: 'ai-bedrock' });
    await fill(/^Name/, 'bedrock');
    await fill(/^Region/, 'us-east-1');
    await fill(/^Model/, 'amazon.nova-micro-v1:0');
    await fill(/^Guardrail identifier/, 'gr-1');
    await fill(/^Guardrail version/, '2');
    await fill(/^AWS access key ID/, 'AKIA1');
    await fill(/^AWS secret access key/, 'shh');
    await user().click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const obj = await stored(api, 'AgentgatewayBackend', 'bedrock');
    expect(obj?.spec).toEqual({
      ai: {
        provider: {
          bedrock: {
            region: 'us-east-1',
            model: 'amazon.nova-micro-v1:0',
            guardrail: { identifier: 'gr-1', version: '2' },
          },
        },
      },
      policies: { auth: { aws: { secretRef: { name: 'bedrock-aws' } } } },
    });
    expect(crdCauses(obj!)).toEqual([]);
    expect(api.entityWrites.secretValues.get('bedrock-aws')).toEqual({
      accessKey: 'AKIA1',
      secretKey: 'shh',
    });
  });

  it('MCP: a static target plus a label-selected one makes a valid federated backend', async () => {
    const api = fixtureApi();
    const { onSaved } = await renderDialog(api, { formId: 'mcp' });
    await fill(/^Name/, 'tools');
    const first = screen.getByRole('group', { name: 'Target 1' });
    await fill(/^Target name/, 'fetcher', first);
    await fill(/^Host/, 'fetcher.default.svc.cluster.local', first);
    await fill(/^Port/, '8080', first);
    await fill(/^Path/, '/mcp', first);
    await user().click(screen.getByRole('button', { name: /Add target/ }));
    const second = screen.getByRole('group', { name: 'Target 2' });
    await fill(/^Target name/, 'everything', second);
    await choose(/Target type/, 'Services selected by label', second);
    await fill(/^Service labels/, 'app=mcp-everything', second);
    expect(screen.getByText(/federated MCP backend/)).toBeInTheDocument();
    await user().click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const obj = await stored(api, 'AgentgatewayBackend', 'tools');
    expect(obj?.spec.mcp.targets).toEqual([
      {
        name: 'fetcher',
        static: {
          host: 'fetcher.default.svc.cluster.local',
          port: 8080,
          path: '/mcp',
          protocol: 'StreamableHTTP',
        },
      },
      {
        name: 'everything',
        selector: { services: { matchLabels: { app: 'mcp-everything' } } },
      },
    ]);
    expect(crdCauses(obj!)).toEqual([]);
  });

  it('static backend: host and port', async () => {
    const api = fixtureApi();
    const { onSaved } = await renderDialog(api, { formId: 'static' });
    await fill(/^Name/, 'httpbin');
    await fill(/^Host/, 'httpbin.org');
    await fill(/^Port/, '443');
    await user().click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const obj = await stored(api, 'AgentgatewayBackend', 'httpbin');
    expect(obj?.spec).toEqual({ static: { host: 'httpbin.org', port: 443 } });
    expect(crdCauses(obj!)).toEqual([]);
  });
});
