/**
 * Write-endpoint fuzzer (issue 11): generated bodies across every write endpoint of the AI gateway plugin's
 * OpenAPI document (plugins/ai-gateway-backend/src/schema/openapi.yaml), derived from the curated upstream examples
 * (wrong types, huge strings, deep nesting, unicode, missing fields, random keys, wrong kinds, cross-namespace
 * references, raw / non-JSON bodies), against a running Backstage instance. Exits 1 on any 5xx or network failure.
 *
 * Point it at a TEST entity: it creates and deletes objects named `fuzz-*` (and Secrets `fuzz-secret-N`) in that
 * entity's namespace, and (with a platform-manager token) in `--platform-namespace`; everything it may have created
 * is deleted at the end.
 *
 *   npx tsx scripts/fuzz/fuzz.ts --base-url http://localhost:7007 --token $TOKEN \
 *     --entity component:default/my-test-app [--count 10000] [--seconds 1800] [--concurrency 4] [--seed N] \
 *     [--platform-namespace fuzz-platform] [--no-cleanup] \
 *     [--access-apis api:default/t.a,api:default/t.b --access-consumer component:default/my-app --decider-token T]
 *
 * The self-service access operations (`/access/...`) get real ids when given real refs: `--access-apis` (comma-
 * separated API entity refs the token may ask for), `--access-consumer` (a consumer the token owns) and optionally
 * `--decider-token` (an owner of those APIs, to approve / deny); the run makes requests and grants there and
 * cancels / revokes them at the end. Without them those operations get unknown and malformed ids only.
 * `--operations a,b` limits the run to those operationIds. Besides 5xx, any answer carrying a Secret value the run
 * wrote or an access key (outside the claim / rotate answer's `key`) fails the run.
 *
 * The generator is plugins/ai-gateway-backend/src/fuzz (run small inside `npm test` by src/fuzz/fuzz.test.ts).
 */
import {
  formatSummary,
  runFuzz,
} from '../../plugins/ai-gateway-backend/src/fuzz/runFuzz';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const baseUrl = arg('base-url') ?? process.env.BACKSTAGE_URL;
const entityRef = arg('entity');
if (!baseUrl || !entityRef) {
  process.stderr.write(
    'usage: fuzz.ts --base-url URL --entity kind:namespace/name [--token T] [--count 10000] [--seconds 1800]\n',
  );
  process.exit(2);
}

runFuzz({
  baseUrl,
  entityRef,
  token: arg('token') ?? process.env.BACKSTAGE_TOKEN,
  count: Number(arg('count') ?? 10_000),
  seconds: Number(arg('seconds') ?? 1800),
  concurrency: Number(arg('concurrency') ?? 4),
  seed: arg('seed') ? Number(arg('seed')) : undefined,
  platformNamespace: arg('platform-namespace'),
  cleanup: !args.includes('--no-cleanup'),
  operations: arg('operations')?.split(','),
  access: arg('access-apis')
    ? {
        apiRefs: arg('access-apis')!.split(','),
        consumerRef: arg('access-consumer') ?? '',
        deciderToken: arg('decider-token'),
      }
    : undefined,
}).then(
  summary => {
    process.stdout.write(`${formatSummary(summary)}\n`);
    process.exit(summary.serverErrors === 0 && summary.leaks === 0 ? 0 : 1);
  },
  e => {
    process.stderr.write(`${e}\n`);
    process.exit(2);
  },
);
