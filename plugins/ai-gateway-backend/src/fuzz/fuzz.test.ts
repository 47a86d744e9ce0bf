/*
 * The fuzzer (scripts/fuzz) run small against the plugin on kube-local: generated bodies across every write
 * endpoint of openapi.yaml, 0 5xx, and every mutation and write operation exercised.
 */
import { AddressInfo } from 'node:net';
import { mockCredentials } from '@backstage/backend-test-utils';
import { writeEntities, writeSeed } from '../__testUtils__/writeSeed';
import { startTestEnvironment } from '../__testUtils__/testBackend';
import { writeOperations } from './endpoints';
import { MUTATION_NAMES } from './mutate';
import { KNOWN_PATH_PARAMS, formatSummary, runFuzz } from './runFuzz';

jest.setTimeout(400_000);

describe('fuzz (scripts/fuzz) against the plugin on kube-local', () => {
  let env: Awaited<ReturnType<typeof startTestEnvironment>>;

  beforeAll(async () => {
    env = await startTestEnvironment({
      seed: writeSeed,
      entities: writeEntities,
    });
  });
  afterAll(() => env?.close());

  it('every write operation of the OpenAPI document has a generator for its path parameters and body', () => {
    const ops = writeOperations();
    // derived from the document: a new operation is fuzzed without a code change, or named here
    const unfilled = ops.flatMap(o =>
      o.pathParams
        .filter(p => !KNOWN_PATH_PARAMS.includes(p))
        .map(p => `${o.operationId} {${p}}`),
    );
    expect(unfilled).toEqual([]);
    const bodyless = ops.filter(
      o => o.bodySchema && !o.schema?.properties && !o.bodyProperties.length,
    );
    expect(bodyless.map(o => o.operationId)).toEqual([]);
  });

  it('300 generated bodies: no 5xx, every operation and mutation sent, created objects cleaned up', async () => {
    const { port } = env.backend.server.address() as AddressInfo;
    const summary = await runFuzz({
      baseUrl: `http://127.0.0.1:${port}`,
      token: mockCredentials.user.token(),
      entityRef: 'component:default/support-bot',
      count: 300,
      seconds: 300,
      seed: 11,
      platformNamespace: 'agentgateway-system',
    });
    const report = formatSummary(summary);
    expect({
      serverErrors: summary.serverErrors,
      leaks: summary.leaks,
      report,
    }).toEqual({ serverErrors: 0, leaks: 0, report });
    expect(summary.sent).toBe(300);
    expect(Object.keys(summary.byOperation).sort()).toEqual(
      writeOperations()
        .map(o => o.operationId)
        .sort(),
    );
    for (const m of MUTATION_NAMES)
      expect(summary.byMutation[m]).toBeGreaterThan(0);
    // bodies were accepted as well as refused (the generator starts from valid objects)
    const statuses = Object.keys(summary.byStatus).map(Number);
    expect(statuses.some(s => s >= 200 && s < 300)).toBe(true);
    expect(statuses.some(s => s >= 400 && s < 500)).toBe(true);
  });
});
