import { createCreateBackendAction, entityPath } from './createBackend';
import {
  actionContext,
  startAiGateway,
} from '../__testUtils__/aiGatewayBackend';

jest.setTimeout(120_000);

const GUEST = 'user:default/guest';
const BACKENDS =
  '/apis/agentgateway.dev/v1alpha1/namespaces/team-support/agentgatewaybackends';

describe('ai-gateway:create-backend (real AI Gateway plugin over HTTP, kube-local)', () => {
  let env: Awaited<ReturnType<typeof startAiGateway>>;
  let action: ReturnType<typeof createCreateBackendAction>;

  beforeAll(async () => {
    env = await startAiGateway();
    action = createCreateBackendAction({ caller: env.caller });
  });
  afterAll(async () => {
    await env?.close();
  });

  /** The plugin answers once its caches have listed the cluster; retry the first call until then. */
  async function run(ctx: Parameters<typeof action.handler>[0]) {
    const end = Date.now() + 30_000;
    for (;;) {
      try {
        return await action.handler(ctx);
      } catch (e: unknown) {
        if (Date.now() > end || !/503|not ready|syncing/i.test(String(e)))
          throw e;
        await new Promise(r => setTimeout(r, 250));
      }
    }
  }

  it('builds the entity path from a ref, and names the field of a bad ref', () => {
    expect(entityPath('component:default/support-assistant')).toBe(
      '/entity/component/default/support-assistant',
    );
    expect(() => entityPath('::')).toThrow(/entityRef/);
  });

  it('creates the AgentgatewayBackend in the entity namespace, labelled for the entity', async () => {
    const ctx = actionContext(
      {
        entityRef: 'component:default/support-assistant',
        name: 'support-scaffolded-openai',
        spec: { ai: { provider: { openai: { model: 'gpt-4.1-mini' } } } },
      },
      { userRef: GUEST },
    );
    await run(ctx);
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'local');
    expect(ctx.output).toHaveBeenCalledWith('namespace', 'team-support');
    expect(ctx.output).toHaveBeenCalledWith(
      'name',
      'support-scaffolded-openai',
    );
    const object = await env.kubeGet(`${BACKENDS}/support-scaffolded-openai`);
    expect(object).toMatchObject({
      metadata: {
        namespace: 'team-support',
        labels: { 'backstage.io/kubernetes-id': 'support-assistant' },
      },
      spec: { ai: { provider: { openai: { model: 'gpt-4.1-mini' } } } },
    });
  });

  it('dry run: validates, reports the invalid field, writes nothing', async () => {
    const ctx = actionContext(
      {
        entityRef: 'component:default/support-assistant',
        name: 'support-dry-run',
        spec: { ai: { provider: { openai: { model: 42 } } } },
      },
      { userRef: GUEST, isDryRun: true },
    );
    await run(ctx);
    expect(ctx.output).toHaveBeenCalledWith('valid', false);
    expect(await env.kubeGet(`${BACKENDS}/support-dry-run`)).toBeUndefined();
  });

  it("refuses an invalid object with the plugin's 422 naming the field", async () => {
    const ctx = actionContext(
      {
        entityRef: 'component:default/support-assistant',
        name: 'support-invalid',
        spec: { ai: { provider: { openai: { model: 42 } } } },
      },
      { userRef: GUEST },
    );
    await expect(run(ctx)).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/spec\.ai\.provider\.openai\.model/),
    });
    expect(await env.kubeGet(`${BACKENDS}/support-invalid`)).toBeUndefined();
  });

  it('refuses an entity that does not exist (404 from the plugin)', async () => {
    const ctx = actionContext(
      {
        entityRef: 'component:default/no-such-component',
        name: 'nothing',
        spec: {},
      },
      { userRef: GUEST },
    );
    await expect(run(ctx)).rejects.toMatchObject({ status: 404 });
  });
});
