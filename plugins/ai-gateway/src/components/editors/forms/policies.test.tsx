import { screen, waitFor } from '@testing-library/react';
import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  choose,
  crdCauses,
  fill,
  fixtureApi,
  renderDialog,
  stored,
  user,
} from '../__testUtils__/harness';
import { backend, gateway, route } from '../__testUtils__/objects';

jest.setTimeout(60_000);

async function createPolicy(
  formId: string,
  target: [string, string],
  fillSection: () => Promise<void>,
) {
  const api = fixtureApi({
    objects: [backend('openai'), route('chat', 'openai')],
    attached: [gateway],
  });
  const { onSaved } = await renderDialog(api, { formId });
  await fill(/^Name/, 'p1');
  const t = screen.getByRole('group', { name: 'Target 1' });
  await choose(/^Target kind/, target[0], t);
  await choose(/^Target name/, target[1], t);
  await fillSection();
  await user().click(screen.getByRole('button', { name: 'Create' }));
  await waitFor(() => expect(onSaved).toHaveBeenCalled());
  const obj = (await stored(api, 'AgentgatewayPolicy', 'p1')) as KubeObject;
  expect(crdCauses(obj)).toEqual([]);
  return { obj, api };
}

describe('policy forms', () => {
  it('API-key auth: mode, Secret and one client key (write-only)', async () => {
    const { obj, api } = await createPolicy(
      'policy-apikey',
      ['Gateway', 'ai-gw'],
      async () => {
        await fill(/^Client id/, 'team-a');
        await fill(/^Client API key/, 'k-123');
      },
    );
    expect(obj.spec.targetRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ai-gw' },
    ]);
    expect(obj.spec.traffic).toEqual({
      apiKeyAuthentication: {
        mode: 'Strict',
        secretRef: { name: 'p1-api-keys' },
      },
    });
    expect(api.entityWrites.secretValues.get('p1-api-keys')).toEqual({
      'team-a': 'k-123',
    });
  });

  it('JWT auth: issuer, audiences and a remote JWKS', async () => {
    const { obj } = await createPolicy(
      'policy-jwt',
      ['HTTPRoute', 'chat'],
      async () => {
        await fill(/^Issuer/, 'https://idp.example.com');
        await fill(/^Audiences/, 'chat, tools');
        await choose(/^JWKS source/, 'Remote URL');
        await fill(/^JWKS URL/, 'https://idp.example.com/jwks.json');
      },
    );
    expect(obj.spec.traffic.jwtAuthentication).toEqual({
      mode: 'Strict',
      providers: [
        {
          issuer: 'https://idp.example.com',
          audiences: ['chat', 'tools'],
          jwks: { remote: { url: 'https://idp.example.com/jwks.json' } },
        },
      ],
    });
  });

  it('local rate limit: requests with burst plus an LLM token budget', async () => {
    const { obj } = await createPolicy(
      'policy-ratelimit',
      ['HTTPRoute', 'chat'],
      async () => {
        await fill(
          /^Requests/,
          '100',
          screen.getByRole('group', { name: 'Limit 1' }),
        );
        await fill(
          /^Burst/,
          '20',
          screen.getByRole('group', { name: 'Limit 1' }),
        );
        await user().click(screen.getByRole('button', { name: /Add limit/ }));
        const second = screen.getByRole('group', { name: 'Limit 2' });
        await choose(/^Limit/, 'LLM tokens', second);
        await fill(/^Tokens/, '5000', second);
        await choose(/^Per/, 'Hours', second);
      },
    );
    expect(obj.spec.traffic.rateLimit.local).toEqual([
      { requests: 100, unit: 'Minutes', burst: 20 },
      { tokens: 5000, unit: 'Hours' },
    ]);
  });

  it('prompt guard: regex and built-in detectors with a rejection', async () => {
    const { obj } = await createPolicy(
      'policy-promptguard',
      ['HTTPRoute', 'chat'],
      async () => {
        await fill(/^Regular expressions/, '(?i)ignore previous\ncredit card');
        await user().click(screen.getByRole('checkbox', { name: 'Email' }));
      },
    );
    expect(obj.spec.backend.ai.promptGuard.request[0]).toEqual({
      regex: {
        action: 'Reject',
        builtins: ['CreditCard', 'Email'],
        matches: ['(?i)ignore previous', 'credit card'],
      },
      response: { message: 'Rejected by prompt guard', statusCode: 403 },
    });
  });

  it('CEL authorization of HTTP traffic', async () => {
    const { obj } = await createPolicy(
      'policy-authz',
      ['Gateway', 'ai-gw'],
      async () => {
        await choose(/^Action/, 'Deny');
        await fill(/^CEL expressions/, "request.path.startsWith('/admin')");
      },
    );
    expect(obj.spec.traffic.authorization).toEqual({
      action: 'Deny',
      policy: { matchExpressions: ["request.path.startsWith('/admin')"] },
    });
  });

  it('MCP tool rules (CEL) on an MCP backend', async () => {
    const { obj } = await createPolicy(
      'policy-mcp-authz',
      ['AgentgatewayBackend', 'openai'],
      async () => {
        await fill(
          /^CEL expressions/,
          'jwt.sub == "alice" && mcp.tool.name == "get_me"',
        );
      },
    );
    expect(obj.spec.backend.mcp.authorization).toEqual({
      action: 'Allow',
      policy: {
        matchExpressions: ['jwt.sub == "alice" && mcp.tool.name == "get_me"'],
      },
    });
  });

  it('CORS', async () => {
    const { obj } = await createPolicy(
      'policy-cors',
      ['HTTPRoute', 'chat'],
      async () => {
        await fill(/^Allowed origins/, 'https://a.example, https://*.ai');
        await fill(/^Allowed headers/, 'Authorization, Content-Type');
        await fill(/^Max age/, '600');
        await user().click(
          screen.getByRole('checkbox', { name: 'Allow credentials' }),
        );
      },
    );
    expect(obj.spec.traffic.cors).toEqual({
      allowOrigins: ['https://a.example', 'https://*.ai'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
      allowCredentials: true,
    });
  });

  it('timeouts and retries', async () => {
    const { obj } = await createPolicy(
      'policy-timeouts',
      ['HTTPRoute', 'chat'],
      async () => {
        await fill(/^Request timeout/, '15s');
        await fill(/^Retry attempts/, '2');
        await fill(/^Retry on status codes/, '429, 503');
      },
    );
    expect(obj.spec.traffic).toEqual({
      timeouts: { request: '15s' },
      retry: { attempts: 2, backoff: '1s', codes: [429, 503] },
    });
  });
});
