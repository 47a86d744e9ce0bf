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
import { backend, gateway } from '../__testUtils__/objects';

jest.setTimeout(60_000);

describe('HTTPRoute form', () => {
  it('routes a listener of a listed Gateway to two weighted backends by path → a valid route', async () => {
    const api = fixtureApi({
      objects: [backend('openai'), backend('anthropic')],
      attached: [gateway],
    });
    const { onSaved } = await renderDialog(api, { formId: 'httproute' });
    await fill(/^Name/, 'chat');
    await choose(/^Gateway/, 'platform/ai-gw');
    await choose(/^Listener/, 'https');
    await fill(/^Hostnames/, 'chat.example.com, api.example.com');
    const rule = screen.getByRole('group', { name: 'Rule 1' });
    await fill(/^Path$/, '/v1/chat', rule);
    await choose(/^Match type/, 'Exact', rule);
    await user().click(screen.getByRole('button', { name: /Add backend/ }));
    await choose(
      /^Backend/,
      'openai',
      screen.getByRole('group', { name: 'Backend 1' }),
    );
    await fill(
      /^Weight/,
      '80',
      screen.getByRole('group', { name: 'Backend 1' }),
    );
    await user().click(screen.getByRole('button', { name: /Add backend/ }));
    await choose(
      /^Backend/,
      'anthropic',
      screen.getByRole('group', { name: 'Backend 2' }),
    );
    await fill(
      /^Weight/,
      '20',
      screen.getByRole('group', { name: 'Backend 2' }),
    );
    await user().click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());

    const obj = await stored(api, 'HTTPRoute', 'chat');
    expect(obj?.spec).toEqual({
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'ai-gw',
          namespace: 'platform',
          sectionName: 'https',
        },
      ],
      hostnames: ['chat.example.com', 'api.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'Exact', value: '/v1/chat' } }],
          backendRefs: [
            {
              group: 'agentgateway.dev',
              kind: 'AgentgatewayBackend',
              name: 'openai',
              weight: 80,
            },
            {
              group: 'agentgateway.dev',
              kind: 'AgentgatewayBackend',
              name: 'anthropic',
              weight: 20,
            },
          ],
        },
      ],
    });
    expect(crdCauses(obj!)).toEqual([]);
  });
});
