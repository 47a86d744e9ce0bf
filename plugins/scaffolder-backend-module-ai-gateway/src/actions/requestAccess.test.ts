import {
  ACCESS_PATHS,
  type AccessRequest,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createRequestAccessAction } from './requestAccess';
import {
  CHAT_API,
  actionContext,
  startAiGateway,
} from '../__testUtils__/aiGatewayBackend';

jest.setTimeout(120_000);

const GUEST = 'user:default/guest';
const CONSUMER = 'component:default/support-assistant';

describe('ai-gateway:request-access (real AI Gateway plugin over HTTP, kube-local)', () => {
  let env: Awaited<ReturnType<typeof startAiGateway>>;
  let action: ReturnType<typeof createRequestAccessAction>;
  let model: string;

  beforeAll(async () => {
    env = await startAiGateway();
    action = createRequestAccessAction({ caller: env.caller });
    // the plugin knows the route's models once its caches have listed the cluster
    const end = Date.now() + 60_000;
    for (;;) {
      const view = await env.caller
        .call<{ offers: { models: string[] } }>(
          mockCredentials.user(GUEST),
          'GET',
          ACCESS_PATHS.api(CHAT_API),
        )
        .catch(() => undefined);
      if (view?.offers.models.length) {
        model = view.offers.models[0];
        break;
      }
      if (Date.now() > end) throw new Error('the API offers no models');
      await new Promise(r => setTimeout(r, 250));
    }
  });
  afterAll(async () => {
    await env?.close();
  });

  it('dry run: checks the API and creates no request', async () => {
    const ctx = actionContext(
      {
        apiRef: CHAT_API,
        consumerRef: CONSUMER,
        models: [model],
        reason: 'dry',
      },
      { userRef: GUEST, isDryRun: true },
    );
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('state', 'dry-run');
    const view = await env.caller.call<{ requests: AccessRequest[] }>(
      mockCredentials.user(GUEST),
      'GET',
      ACCESS_PATHS.consumer(CONSUMER),
    );
    expect(view.requests).toEqual([]);
  });

  it('creates a pending request as the user running the template', async () => {
    const ctx = actionContext(
      {
        apiRef: CHAT_API,
        consumerRef: CONSUMER,
        models: [model],
        requestsPerMinute: 5,
        expiresInDays: 7,
        reason: 'the new agent answers support tickets',
      },
      { userRef: GUEST },
    );
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('state', 'pending');
    const requestId = ctx.output.mock.calls.find(
      ([k]) => k === 'requestId',
    )?.[1];
    const request = await env.caller.call<AccessRequest>(
      mockCredentials.user(GUEST),
      'GET',
      ACCESS_PATHS.request(requestId),
    );
    expect(request).toMatchObject({
      apiRef: CHAT_API,
      consumerRef: CONSUMER,
      requestedBy: GUEST,
      state: 'pending',
      scope: { models: [model], limits: { requestsPerMinute: 5 } },
    });
    const days = (Date.parse(request.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
  });

  it("fails with the plugin's answer: 409 for a second pending request, 400 naming an unknown model", async () => {
    const second = actionContext(
      {
        apiRef: CHAT_API,
        consumerRef: CONSUMER,
        models: [model],
        reason: 'again',
      },
      { userRef: GUEST },
    );
    await expect(action.handler(second)).rejects.toMatchObject({ status: 409 });
    const unknown = actionContext(
      {
        apiRef: CHAT_API,
        consumerRef: 'component:default/ai-gateway-platform',
        models: ['no-such-model'],
        reason: 'x',
      },
      { userRef: GUEST },
    );
    await expect(action.handler(unknown)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/no-such-model/),
    });
  });
});
