/*
 * The access actions through the actions registry's own HTTP API (what the MCP actions backend calls), on the
 * real plugin with the real permission backend, catalog and notifications, kube-local with the demo cluster
 * (see ../service/__testUtils__/env.ts). Each call carries one principal's token: the actions act as that caller.
 */
import { startKubeLocal, KubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  AccessBackend,
  startAccessBackend,
} from '../service/__testUtils__/env';
import {
  AUTO_API,
  CONSUMER,
  LLM_API,
  Principal,
  accessSeed,
} from '../service/__testUtils__/world';

jest.setTimeout(240_000);
const ACTIONS = '/api/ai-gateway/.backstage/actions/v1/actions';

describe('access actions (actions registry, real plugin)', () => {
  let kube: KubeLocal;
  let b: AccessBackend;

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: accessSeed() });
    b = await startAccessBackend({ kube });
  });
  afterAll(async () => {
    await b?.stop();
    await kube?.close();
  });

  const invoke = (as: Principal, name: string, input: object) =>
    b
      .as(as)
      .post(`${ACTIONS}/${encodeURIComponent(`ai-gateway:${name}`)}/invoke`)
      .send(input);

  it('registers the four actions with schemas and read-only hints', async () => {
    const res = await b.as('requester').get(ACTIONS);
    expect(res.status).toBe(200);
    const actions = res.body.actions as Array<{
      id: string;
      attributes: { readOnly: boolean; destructive: boolean };
      schema: { input: { properties?: object } };
    }>;
    const byId = Object.fromEntries(actions.map(a => [a.id, a]));
    expect(Object.keys(byId).sort()).toEqual(
      expect.arrayContaining([
        'ai-gateway:describe-ai-api',
        'ai-gateway:list-ai-apis',
        'ai-gateway:list-my-ai-grants',
        'ai-gateway:request-ai-access',
      ]),
    );
    expect(byId['ai-gateway:list-ai-apis'].attributes.readOnly).toBe(true);
    expect(byId['ai-gateway:request-ai-access'].attributes).toMatchObject({
      readOnly: false,
      destructive: false,
    });
    expect(
      Object.keys(
        byId['ai-gateway:request-ai-access'].schema.input.properties!,
      ),
    ).toEqual(expect.arrayContaining(['apiRef', 'consumerRef', 'reason']));
  });

  it('list-ai-apis filters by type and text and shows what each API offers', async () => {
    const res = await invoke('requester', 'list-ai-apis', { type: 'llm' });
    expect(res.status).toBe(200);
    const apis = res.body.output.apis as Array<{
      apiRef: string;
      type: string;
      offers: { models: string[] };
    }>;
    expect(apis.length).toBeGreaterThan(0);
    expect(apis.every(a => a.type === 'llm')).toBe(true);
    const chat = apis.find(a => a.apiRef === LLM_API);
    expect(chat?.offers.models.length).toBeGreaterThan(0);

    const model = chat!.offers.models[0];
    const byText = await invoke('requester', 'list-ai-apis', { text: model });
    expect(
      byText.body.output.apis.map((a: { apiRef: string }) => a.apiRef),
    ).toContain(LLM_API);
    const bad = await invoke('requester', 'list-ai-apis', { type: 'soap' });
    expect(bad.status).toBe(400);
  });

  it('describe-ai-api tells how to connect, what is offered and what the caller may do', async () => {
    const res = await invoke('requester', 'describe-ai-api', {
      apiRef: LLM_API,
    });
    expect(res.status).toBe(200);
    const out = res.body.output;
    expect(out).toMatchObject({
      apiRef: LLM_API,
      type: 'llm',
      baseUrl: 'https://ai.example.com',
      auth: { header: expect.any(String) },
      can: { request: true, approve: false },
    });
    expect(out.offers.models.length).toBeGreaterThan(0);
    const missing = await invoke('requester', 'describe-ai-api', {
      apiRef: 'api:default/no-such-api',
    });
    expect(missing.status).toBe(404);
  });

  it('request-ai-access runs as the caller: only an owner of the consumer may ask', async () => {
    const denied = await invoke('otherTeam', 'request-ai-access', {
      apiRef: LLM_API,
      consumerRef: CONSUMER,
      models: ['gpt-4.1-mini'],
      reason: 'not my consumer',
    });
    expect(denied.status).toBe(403);
    const unknownModel = await invoke('requester', 'request-ai-access', {
      apiRef: LLM_API,
      consumerRef: CONSUMER,
      models: ['no-such-model'],
      reason: 'x',
    });
    expect(unknownModel.status).toBe(400);
    expect(unknownModel.body.error.message).toMatch(/no-such-model/);

    const res = await invoke('requester', 'request-ai-access', {
      apiRef: LLM_API,
      consumerRef: CONSUMER,
      models: ['gpt-4.1-mini'],
      requestsPerMinute: 10,
      expiresInDays: 30,
      reason: 'answer search questions',
    });
    expect(res.status).toBe(200);
    expect(res.body.output.request).toMatchObject({
      apiRef: LLM_API,
      consumerRef: CONSUMER,
      requestedBy: 'user:default/sofia.search',
      state: 'pending',
      scope: { models: ['gpt-4.1-mini'], limits: { requestsPerMinute: 10 } },
    });
    expect(res.body.output.next).toMatch(/owners/);

    const again = await invoke('requester', 'request-ai-access', {
      apiRef: LLM_API,
      consumerRef: CONSUMER,
      models: ['gpt-4.1-mini'],
      reason: 'twice',
    });
    expect(again.status).toBe(409);
  });

  it('an auto-approved request returns the grant but never a key; list-my-ai-grants shows it', async () => {
    const auto = await invoke('requester', 'describe-ai-api', {
      apiRef: AUTO_API,
    });
    expect(auto.body.output.autoApprove).toBe(true);
    const res = await invoke('requester', 'request-ai-access', {
      apiRef: AUTO_API,
      consumerRef: CONSUMER,
      models: auto.body.output.offers.models.slice(0, 1),
      reason: 'auto',
    });
    expect(res.status).toBe(200);
    expect(res.body.output.request.state).toBe('approved');
    expect(res.body.output.grant).toMatchObject({
      apiRef: AUTO_API,
      state: 'awaiting-key',
      drifted: false,
    });
    expect(res.body.output.next).toMatch(/Claim the key once/);
    expect(JSON.stringify(res.body)).not.toMatch(/agw_/);

    const mine = await invoke('requester', 'list-my-ai-grants', {});
    expect(mine.status).toBe(200);
    expect(mine.body.output.grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ apiRef: AUTO_API, consumerRef: CONSUMER }),
      ]),
    );
    expect(mine.body.output.requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ apiRef: LLM_API, state: 'pending' }),
      ]),
    );
    expect(JSON.stringify(mine.body)).not.toMatch(/agw_/);

    const one = await invoke('requester', 'list-my-ai-grants', {
      consumerRef: CONSUMER,
    });
    expect(one.body.output.grants.length).toBe(mine.body.output.grants.length);
  });

  it('list-my-ai-grants: another team sees none of them; a service must name the consumer', async () => {
    const other = await invoke('otherTeam', 'list-my-ai-grants', {});
    expect(other.status).toBe(200);
    expect(
      other.body.output.grants.filter(
        (g: { consumerRef: string }) => g.consumerRef === CONSUMER,
      ),
    ).toEqual([]);
    const service = await invoke('service', 'list-my-ai-grants', {});
    expect(service.status).toBe(400);
    expect(service.body.error.message).toMatch(/consumerRef/);
  });

  it('refuses a request without a token', async () => {
    const res = await invoke('noToken', 'list-ai-apis', {});
    expect(res.status).toBe(401);
  });
});
