/*
 * The fuzzer's access operations against the real access world (kube-local with the demo cluster, the real
 * catalog and permission backend with the example policy): real request / grant ids made by the run, bodies
 * from the request schemas (valid, boundary, invalid), the requester's and the API owner's tokens. No 5xx, no
 * secret in any answer, and the lifecycle really moves (requests accepted, decided, keys claimed).
 */
import { AddressInfo } from 'node:net';
import { mockCredentials } from '@backstage/backend-test-utils';
import { startKubeLocal, KubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  AccessBackend,
  startAccessBackend,
} from '../access/service/__testUtils__/env';
import {
  AUTO_API,
  CONSUMER,
  LLM_API,
  USERS,
  accessSeed,
} from '../access/service/__testUtils__/world';
import { writeOperations } from './endpoints';
import { formatSummary, runFuzz } from './runFuzz';

jest.setTimeout(400_000);

describe('fuzz: the access operations with real ids and refs', () => {
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

  it('300 generated access calls: no 5xx, no secret in any answer, every access write operation sent', async () => {
    const { port } = (b.server as any).address() as AddressInfo;
    const accessOps = writeOperations().filter(o =>
      o.path.startsWith('/access/'),
    );
    const summary = await runFuzz({
      baseUrl: `http://127.0.0.1:${port}`,
      token: mockCredentials.user.token(USERS.requester),
      entityRef: CONSUMER,
      operations: accessOps.map(o => o.operationId),
      count: 300,
      seconds: 300,
      seed: 23,
      access: {
        apiRefs: [LLM_API, AUTO_API],
        consumerRef: CONSUMER,
        deciderToken: mockCredentials.user.token(USERS.apiOwner),
      },
    });
    const report = formatSummary(summary);
    expect({
      serverErrors: summary.serverErrors,
      leaks: summary.leaks,
      report,
    }).toEqual({ serverErrors: 0, leaks: 0, report });
    expect(summary.sent).toBe(300);
    expect(Object.keys(summary.byOperation).sort()).toEqual(
      accessOps.map(o => o.operationId).sort(),
    );
    // the ids were real: requests created and several lifecycle steps accepted on them — not only 4xx
    const ok = (op: string) =>
      Object.entries(summary.byOperation[op] ?? {})
        .filter(([s]) => s.startsWith('2'))
        .reduce((n, [, c]) => n + c, 0);
    const accepted = accessOps.map(o => o.operationId).filter(op => ok(op) > 0);
    expect({ accepted: accepted.length >= 4, report }).toEqual({
      accepted: true,
      report,
    });
    expect(accepted).toContain('createAccessRequest');
    for (const mode of ['valid', 'boundary', 'invalid'])
      expect(summary.byMutation[`schema:${mode}`]).toBeGreaterThan(0);
    const statuses = Object.keys(summary.byStatus).map(Number);
    expect(statuses).toEqual(expect.arrayContaining([400, 404, 409]));
  });
});
