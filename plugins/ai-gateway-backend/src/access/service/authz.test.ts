/*
 * Authorization matrix: every access endpoint × {requester, API owner, member of another team, platform admin,
 * guest, no token, service}, decided by the real permission backend with the example policy's access rules
 * (isEntityOwner applied by the real catalog). Each cell gets fresh state (a pending request, an awaiting-key or
 * an active grant) made by the requester and the API owner, so a cell answers only for its principal.
 */
import { startKubeLocal, KubeLocal } from '@ai-gateway-backstage/kube-local';
import { ACCESS_PATHS as P } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AccessBackend, startAccessBackend } from './__testUtils__/env';
import {
  CONSUMER,
  LLM_API,
  Principal,
  accessSeed,
} from './__testUtils__/world';

jest.setTimeout(300_000);
const BASE = '/api/ai-gateway';
const WHO: Principal[] = [
  'requester',
  'apiOwner',
  'otherTeam',
  'platformAdmin',
  'guest',
  'noToken',
  'service',
];

type Fixture = 'none' | 'pending' | 'awaiting' | 'active';
interface Endpoint {
  name: string;
  fixture: Fixture;
  call(b: AccessBackend, p: Principal, id: string): Promise<{ status: number }>;
  /** expected status per principal, in the order of WHO */
  expect: number[];
}

const get = (path: string) => (b: AccessBackend, p: Principal) =>
  b.as(p).get(`${BASE}${path}`);
const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /access/requests',
    fixture: 'none',
    call: (b, p) =>
      b
        .as(p)
        .post(`${BASE}${P.requests}`)
        .send({
          apiRef: LLM_API,
          consumerRef: CONSUMER,
          models: ['gpt-4.1'],
          reason: 'matrix',
        }),
    expect: [201, 403, 403, 403, 403, 401, 403],
  },
  {
    name: 'GET /access/requests/{id}',
    fixture: 'pending',
    call: (b, p, id) => get(P.request(id))(b, p),
    expect: [200, 200, 403, 200, 403, 401, 403],
  },
  {
    name: 'POST .../approve',
    fixture: 'pending',
    call: (b, p, id) =>
      b
        .as(p)
        .post(`${BASE}${P.approve(id)}`)
        .send({}),
    expect: [403, 200, 403, 200, 403, 401, 403],
  },
  {
    name: 'POST .../deny',
    fixture: 'pending',
    call: (b, p, id) =>
      b
        .as(p)
        .post(`${BASE}${P.deny(id)}`)
        .send({}),
    expect: [403, 200, 403, 200, 403, 401, 403],
  },
  {
    name: 'POST .../cancel',
    fixture: 'pending',
    call: (b, p, id) => b.as(p).post(`${BASE}${P.cancel(id)}`),
    expect: [200, 403, 403, 403, 403, 401, 403],
  },
  {
    name: 'GET /access/inbox',
    fixture: 'none',
    call: get(P.inbox),
    expect: [200, 200, 200, 200, 200, 401, 403],
  },
  {
    name: 'GET /access/grants/{id}',
    fixture: 'active',
    call: (b, p, id) => get(P.grant(id))(b, p),
    expect: [200, 200, 403, 200, 403, 401, 403],
  },
  {
    name: 'POST .../key (claim)',
    fixture: 'awaiting',
    call: (b, p, id) => b.as(p).post(`${BASE}${P.claimKey(id)}`),
    expect: [200, 403, 403, 403, 403, 401, 403],
  },
  {
    name: 'POST .../rotate',
    fixture: 'active',
    call: (b, p, id) => b.as(p).post(`${BASE}${P.rotate(id)}`),
    expect: [200, 403, 403, 403, 403, 401, 403],
  },
  {
    name: 'POST .../revoke',
    fixture: 'active',
    call: (b, p, id) => b.as(p).post(`${BASE}${P.revoke(id)}`),
    expect: [200, 200, 403, 200, 403, 401, 403],
  },
  {
    name: 'POST .../reapply',
    fixture: 'active',
    call: (b, p, id) => b.as(p).post(`${BASE}${P.reapply(id)}`),
    expect: [403, 200, 403, 200, 403, 401, 403],
  },
  {
    name: 'GET /access/apis/{ref}',
    fixture: 'none',
    call: get(P.api(LLM_API)),
    expect: [200, 200, 200, 200, 200, 401, 200],
  },
  {
    name: 'GET /access/consumers/{ref}',
    fixture: 'none',
    call: get(P.consumer(CONSUMER)),
    expect: [200, 200, 200, 200, 200, 401, 200],
  },
  {
    name: 'GET /access/effective',
    fixture: 'none',
    call: (b, p) =>
      b
        .as(p)
        .get(`${BASE}${P.effective}`)
        .query({ apiRef: LLM_API, consumerRef: CONSUMER }),
    expect: [200, 200, 200, 200, 200, 401, 200],
  },
];

describe('access authorization matrix', () => {
  let kube: KubeLocal;
  let b: AccessBackend;
  const cleanup: Array<() => Promise<unknown>> = [];

  /** The state a cell needs, made by the requester (and approved / claimed by the API owner / requester). */
  async function fixture(kind: Fixture): Promise<string> {
    if (kind === 'none') return '';
    const created = await b
      .as('requester')
      .post(`${BASE}${P.requests}`)
      .send({
        apiRef: LLM_API,
        consumerRef: CONSUMER,
        models: ['gpt-4.1'],
        reason: `matrix ${kind}`,
      });
    if (created.status !== 201)
      throw new Error(`fixture: ${created.status} ${created.text}`);
    const id = created.body.request.id;
    if (kind === 'pending') {
      cleanup.push(() => b.as('requester').post(`${BASE}${P.cancel(id)}`));
      return id;
    }
    const approved = await b
      .as('apiOwner')
      .post(`${BASE}${P.approve(id)}`)
      .send({});
    const grantId = approved.body.grant.id;
    cleanup.push(() => b.as('requester').post(`${BASE}${P.revoke(grantId)}`));
    if (kind === 'active')
      await b
        .as('requester')
        .post(`${BASE}${P.claimKey(grantId)}`)
        .expect(200);
    return grantId;
  }

  beforeAll(async () => {
    kube = await startKubeLocal({ port: 0, seed: accessSeed() });
    b = await startAccessBackend({
      kube,
      aiGateway: { mcp: { enabled: false } },
    });
  });
  afterAll(async () => {
    await b?.stop();
    await kube?.close();
  });

  it.each(ENDPOINTS.map(e => [e.name, e] as const))(
    '%s',
    async (_name, endpoint) => {
      const actual: Record<string, number> = {};
      for (const p of WHO) {
        const id = await fixture(endpoint.fixture);
        actual[p] = (await endpoint.call(b, p, id)).status;
        // a created request is cleaned up the same way
        if (endpoint.fixture === 'none' && actual[p] === 201) {
          const view = await b
            .as('requester')
            .get(`${BASE}${P.consumer(CONSUMER)}`);
          const pending = view.body.requests.find(
            (r: { state: string }) => r.state === 'pending',
          );
          if (pending)
            await b.as('requester').post(`${BASE}${P.cancel(pending.id)}`);
        }
        for (const undo of cleanup.splice(0)) await undo();
      }
      expect(actual).toEqual(
        Object.fromEntries(WHO.map((p, i) => [p, endpoint.expect[i]])),
      );
    },
  );

  it("shows an API's requests and grants only to those who decide on it", async () => {
    await fixture('pending');
    const view = async (p: Principal) =>
      (await b.as(p).get(`${BASE}${P.api(LLM_API)}`)).body;
    expect((await view('apiOwner')).requests.length).toBeGreaterThan(0);
    expect((await view('platformAdmin')).can).toMatchObject({
      approve: true,
      revoke: true,
    });
    for (const p of ['otherTeam', 'guest', 'service'] as Principal[]) {
      const v = await view(p);
      expect({
        p,
        requests: v.requests,
        grants: v.grants,
        approve: v.can.approve,
      }).toEqual({
        p,
        requests: [],
        grants: [],
        approve: false,
      });
    }
    for (const undo of cleanup.splice(0)) await undo();
  });
});
