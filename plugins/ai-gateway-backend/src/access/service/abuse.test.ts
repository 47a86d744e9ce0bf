/*
 * "Bad input and abuse" of issue 9 against the real plugin (see __testUtils__/env.ts): 400s naming the field,
 * 403s, 409s, self-approval, simultaneous approvals, a route deleted under pending requests and live grants.
 */
import { startKubeLocal, KubeLocal } from '@ai-gateway-backstage/kube-local';
import { ACCESS_PATHS as P } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { eventually } from '../../__testUtils__/testBackend';
import { AccessBackend, startAccessBackend } from './__testUtils__/env';
import { kubeObject } from './__testUtils__/kube';
import {
  AUTO_API,
  CONSUMER,
  GONE_API,
  LLM_API,
  SECRET_REF_API,
  accessSeed,
} from './__testUtils__/world';

jest.setTimeout(240_000);
const BASE = '/api/ai-gateway';
const OWN_CONSUMER = 'component:default/support-assistant';
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

describe('access: bad input and abuse', () => {
  let kube: KubeLocal;
  let b: AccessBackend;
  const ask = (
    body: object,
    who: 'requester' | 'apiOwner' | 'otherTeam' = 'requester',
  ) => b.as(who).post(`${BASE}${P.requests}`).send(body);
  const offered = async (apiRef: string) =>
    (
      await b.as('requester').get(`${BASE}${P.api(apiRef)}`)
    ).body.offers.models.slice(0, 1);
  const message = (res: { body: { error?: { message?: string } } }) =>
    res.body.error?.message ?? '';

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: accessSeed() });
    b = await startAccessBackend({
      kube,
      aiGateway: {
        mcp: { enabled: false },
        access: { maxExpiryDays: 30, lifecycleFrequencySeconds: 2 },
      },
    });
  });
  afterAll(async () => {
    await b?.stop();
    await kube?.close();
  });

  it('answers 400 naming the field for malformed or out-of-offer requests, and writes nothing', async () => {
    const base = {
      apiRef: LLM_API,
      consumerRef: CONSUMER,
      models: ['gpt-4.1'],
      reason: 'r',
    };
    const cases: Array<[object, string]> = [
      [
        { ...base, models: ['gpt-4.1', 'gpt-9'] },
        'models: api:default/team-support.support-chat does not offer gpt-9',
      ],
      [
        { ...base, tools: ['search'] },
        'tools: api:default/team-support.support-chat is not an mcp-server API',
      ],
      [{ ...base, expiresAt: days(31) }, 'expiresAt: at most 30 days'],
      [
        { ...base, expiresAt: 'next tuesday' },
        'expiresAt: not an ISO date-time',
      ],
      [
        { ...base, limits: { requestsPerMinute: 1000 } },
        "limits.requestsPerMinute: 1000 is above the API's own limit of 60",
      ],
      [
        { ...base, limits: { tokensPerMinute: -1 } },
        'request/body/limits/tokensPerMinute must be >= 1',
      ],
      [{ ...base, reason: '  ' }, 'reason: required'],
      [
        { ...base, reason: undefined },
        "request/body must have required property 'reason'",
      ],
      [
        { ...base, apiRef: 'team-support.support-chat' },
        'apiRef: must be an entity ref',
      ],
      [
        { ...base, apiRef: 'component:default/search-answer-agent' },
        'apiRef: must be an entity ref of kind api',
      ],
      [
        { ...base, consumerRef: 'user:default/sofia.search' },
        'consumerRef: must be an entity ref of kind component / system / group',
      ],
      [
        { ...base, namespace: 'team-support' },
        'request/body must NOT have additional properties',
      ],
      [{ ...base, models: 'gpt-4.1' }, 'request/body/models must be array'],
      [
        { ...base, models: ['x'.repeat(201)] },
        'request/body/models/0 must NOT have more than 200 characters',
      ],
      [
        { ...base, reason: 'r'.repeat(2001) },
        'request/body/reason must NOT have more than 2000 characters',
      ],
    ];
    for (const [body, text] of cases) {
      const res = await ask(body);
      expect({ status: res.status, message: message(res) }).toEqual({
        status: 400,
        message: expect.stringContaining(text),
      });
    }
    const raw = await b
      .as('requester')
      .post(`${BASE}${P.requests}`)
      .set('Content-Type', 'application/json')
      .send('{"apiRef":');
    expect(raw.status).toBe(400);
    const view = await b.as('requester').get(`${BASE}${P.consumer(CONSUMER)}`);
    expect(view.body.requests).toEqual([]);
  });

  it('validates every route against the contract (openapi.yaml): ids, query parameters, decision bodies', async () => {
    const approve = (body: object) =>
      b
        .as('apiOwner')
        .post(`${BASE}${P.approve('req-1')}`)
        .send(body);
    const cases: Array<
      [() => Promise<{ status: number; body: object }>, string]
    > = [
      [
        () => b.as('requester').get(`${BASE}${P.request('not an id!')}`),
        'request/params/id must match pattern',
      ],
      [
        () => b.as('requester').post(`${BASE}${P.claimKey('x'.repeat(65))}`),
        'request/params/id must match pattern',
      ],
      [
        () =>
          b
            .as('requester')
            .get(`${BASE}${P.effective}?apiRef=${encodeURIComponent(LLM_API)}`),
        "request/query must have required property 'consumerRef'",
      ],
      [
        () => b.as('requester').get(`${BASE}${P.api('a'.repeat(301))}`),
        'request/params/apiRef must NOT have more than 300 characters',
      ],
      [
        () => approve({ models: ['gpt-4.1'], state: 'approved' }),
        'request/body must NOT have additional properties',
      ],
      [
        () => approve({ limits: { requestsPerMinute: 1.5 } }),
        'request/body/limits/requestsPerMinute must be integer',
      ],
      [
        () =>
          approve({ models: Array.from({ length: 501 }, (_, i) => `m${i}`) }),
        'request/body/models must NOT have more than 500 items',
      ],
      [
        () =>
          b
            .as('apiOwner')
            .post(`${BASE}${P.deny('req-1')}`)
            .send({ note: 'n'.repeat(2001) }),
        'request/body/note must NOT have more than 2000 characters',
      ],
    ];
    for (const [call, text] of cases) {
      const res = await call();
      expect({ status: res.status, message: message(res) }).toEqual({
        status: 400,
        message: expect.stringContaining(text),
      });
    }
  });

  it('403 for a consumer you do not own, 404 for an API that does not exist', async () => {
    const res = await ask(
      {
        apiRef: LLM_API,
        consumerRef: CONSUMER,
        models: ['gpt-4.1'],
        reason: 'r',
      },
      'otherTeam',
    );
    expect(res.status).toBe(403);
    expect(message(res)).toContain(
      'ai-gateway.access.request on component:default/search-answer-agent',
    );
    const missing = await ask({
      apiRef: 'api:default/nope',
      consumerRef: CONSUMER,
      reason: 'r',
    });
    expect(missing.status).toBe(404);
  });

  it('403 approving your own request; 409 for a second pending request and for a decided one', async () => {
    const own = await ask(
      {
        apiRef: LLM_API,
        consumerRef: OWN_CONSUMER,
        models: ['gpt-4.1'],
        reason: 'mine',
      },
      'apiOwner',
    );
    expect(own.status).toBe(201);
    const self = await b
      .as('apiOwner')
      .post(`${BASE}${P.approve(own.body.request.id)}`)
      .send({});
    expect(self.status).toBe(403);
    expect(message(self)).toContain('your own request');
    expect(
      (
        await ask(
          {
            apiRef: LLM_API,
            consumerRef: OWN_CONSUMER,
            models: ['gpt-4.1'],
            reason: 'twice',
          },
          'apiOwner',
        )
      ).status,
    ).toBe(409);
    const denied = await b
      .as('platformAdmin')
      .post(`${BASE}${P.deny(own.body.request.id)}`)
      .send({ note: 'use the team key' });
    expect(denied.body.state).toBe('denied');
    expect(
      (
        await b
          .as('platformAdmin')
          .post(`${BASE}${P.approve(own.body.request.id)}`)
          .send({})
      ).status,
    ).toBe(409);
  });

  it('two simultaneous approvals create one grant', async () => {
    const r = await ask({
      apiRef: LLM_API,
      consumerRef: CONSUMER,
      models: ['gpt-4.1'],
      reason: 'race',
    });
    const id = r.body.request.id;
    const [a, c] = await Promise.all([
      b
        .as('apiOwner')
        .post(`${BASE}${P.approve(id)}`)
        .send({}),
      b
        .as('platformAdmin')
        .post(`${BASE}${P.approve(id)}`)
        .send({}),
    ]);
    expect([a.status, c.status].sort()).toEqual([200, 409]);
    const view = await b.as('apiOwner').get(`${BASE}${P.api(LLM_API)}`);
    expect(
      view.body.grants.filter((g: { requestId: string }) => g.requestId === id),
    ).toHaveLength(1);
  });

  it('auto-approves on an annotated route; 409 naming the policy when the route authenticates with one secretRef', async () => {
    const auto = await ask({
      apiRef: AUTO_API,
      consumerRef: CONSUMER,
      models: ['gpt-4.1-mini'],
      reason: 'auto',
    });
    expect(auto.status).toBe(201);
    expect(auto.body.request).toMatchObject({
      state: 'approved',
      autoApproved: true,
    });
    expect(auto.body.grant.state).toBe('awaiting-key');
    const r = await ask({
      apiRef: SECRET_REF_API,
      consumerRef: CONSUMER,
      models: await offered(SECRET_REF_API),
      reason: 'pay',
    });
    expect([r.status, message(r)]).toEqual([201, '']);
    const res = await b
      .as('otherTeam')
      .post(`${BASE}${P.approve(r.body.request.id)}`)
      .send({});
    expect(res.status).toBe(409);
    expect(message(res)).toContain('payments-api-keys');
    // nothing half-written: the request is pending again
    expect(
      (await b.as('requester').get(`${BASE}${P.request(r.body.request.id)}`))
        .body.state,
    ).toBe('pending');
  });

  it('closes pending requests and revokes grants when the API route is deleted, and tells the requester', async () => {
    const first = await ask({
      apiRef: GONE_API,
      consumerRef: CONSUMER,
      models: await offered(GONE_API),
      reason: 'claude',
    });
    expect([first.status, message(first)]).toEqual([201, '']);
    const approved = await b
      .as('apiOwner')
      .post(`${BASE}${P.approve(first.body.request.id)}`)
      .send({});
    expect(approved.status).toBe(200);
    const grantId = approved.body.grant.id;
    expect(
      (await b.as('requester').post(`${BASE}${P.claimKey(grantId)}`)).status,
    ).toBe(200);
    const pending = await ask({
      apiRef: GONE_API,
      consumerRef: CONSUMER,
      models: await offered(GONE_API),
      reason: 'again',
    });
    expect(pending.status).toBe(201);
    await kubeObject(
      kube,
      'HTTPRoute',
      'team-support',
      'support-anthropic',
      'DELETE',
    );
    await eventually(async () => {
      const grant = await b.as('requester').get(`${BASE}${P.grant(grantId)}`);
      expect(grant.body.state).toBe('revoked');
      const req = await b
        .as('requester')
        .get(`${BASE}${P.request(pending.body.request.id)}`);
      expect(req.body.state).toBe('closed');
    }, 60_000);
    expect(
      await kubeObject(kube, 'Secret', 'team-support', `aigw-grant-${grantId}`),
    ).toBeUndefined();
    const n = await b.as('requester').get('/api/notifications/notifications');
    expect(JSON.stringify(n.body)).toContain('is gone');
  });
});
