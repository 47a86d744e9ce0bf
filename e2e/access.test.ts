// Browser test of self-service access (issue 9) with two people in different teams, signed in through the demo
// sign-in in two separate browsers: Sofia Search (team-search) asks access to three tools of the Support Team's MCP
// API for her component search-rag; Sam Support (team-support, the API's owner) narrows it to two tools and approves;
// Sofia gets the key once, rotates it, Sam revokes. Checked in the local cluster with @kubernetes/client-node: the
// Secret entry holds `sha256:` + metadata, the grant policy's CEL passes the validator and allows exactly the granted
// tools; the raw keys are in no response but the claim / rotate ones, in no backend log line, in no database file.
// Then the demo's own grants (scripts/demo-grants.ts, what `npm start` seeds) are created the same way and checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ACCESS_PATHS,
  type AccessGrant,
} from '../plugins/ai-gateway-common/src';
import { startMcpDemoServer } from '../packages/mcp-demo-server/src';
import {
  DEMO_GRANTS,
  demoUserTokenWhenReady,
  seedDemoGrant,
  seedDemoGrants,
  type DemoGrantSpec,
} from '../scripts/demo-grants';
import {
  api,
  assertAuthorization,
  consumerGrant,
  exists,
  grantObjects,
  recordResponses,
  sha256,
  takeKeyFromDialog,
  waitFor,
  waitForOffer,
  type Seen,
} from './access';
import {
  CHROMIUM,
  DEMO_USERS,
  buildApp,
  openSignedIn,
  startStack,
  type Browser,
  type Stack,
} from './harness';

const CONSUMER = {
  kind: 'component',
  namespace: 'default',
  name: 'search-rag',
};
const CONSUMER_REF = 'component:default/search-rag';
const OFFERED = [
  'search_articles',
  'get_article',
  'create_issue',
  'list_issues',
];
const ASKED = ['search_articles', 'get_article', 'list_issues'];
const GRANTED = ['search_articles', 'get_article'];

const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;

describe(
  'self-service access in the browser, two identities',
  { skip, timeout: 20 * 60_000 },
  () => {
    let mcp: Awaited<ReturnType<typeof startMcpDemoServer>>;
    let stack: Stack;
    let dbDir: string;
    let requester: Browser;
    let owner: Browser;
    let requesterToken: string;
    let ownerToken: string;
    let grant: AccessGrant;
    // the discovered API `<namespace>.<route>` (on a real cluster the namespace has the stack's prefix)
    let API: { kind: string; namespace: string; name: string };
    let API_REF: string;
    let NAMESPACE: string; // the route's (and the API owner's) namespace
    const keys: string[] = [];
    const seen: Seen[] = [];

    before(async () => {
      buildApp();
      mcp = await startMcpDemoServer();
      dbDir = mkdtempSync(join(tmpdir(), 'ai-gateway-e2e-db-'));
      stack = await startStack({
        backendEnv: {
          MCP_DEMO_PORT: String(mcp.port),
          // a database file (instead of memory), so the test can look for keys in it
          AI_GATEWAY_DEMO_DB_DIR: dbDir,
          AI_GATEWAY_DEMO_DB_FILE: 'ai-gateway.sqlite',
        },
      });
      NAMESPACE = stack.ns('team-support');
      API = {
        kind: 'api',
        namespace: 'default',
        name: `${NAMESPACE}.support-kb-mcp`,
      };
      API_REF = `api:default/${API.name}`;
      try {
        requesterToken = await demoUserTokenWhenReady(
          stack.baseUrl,
          DEMO_USERS.requester.ref,
        );
        ownerToken = await demoUserTokenWhenReady(
          stack.baseUrl,
          DEMO_USERS.apiOwner.ref,
        );
        await waitForOffer(stack, requesterToken, API_REF, OFFERED);
      } catch (e) {
        console.error(stack.logs());
        throw e;
      }
      requester = await openSignedIn(stack, CONSUMER, {
        as: DEMO_USERS.requester,
      });
      owner = await openSignedIn(stack, API, { as: DEMO_USERS.apiOwner });
      recordResponses(requester.context, seen);
      recordResponses(owner.context, seen);
    });

    after(async () => {
      await requester?.close();
      await owner?.close();
      await stack?.stop();
      await mcp?.close();
      if (dbDir) rmSync(dbDir, { recursive: true, force: true });
    });

    test('the requester asks for three tools for her component', async () => {
      const page = requester.page;
      await page.goto(`${stack.baseUrl}/catalog/default/api/${API.name}`);
      await page.getByRole('button', { name: 'Request access' }).click();
      const dialog = page.getByRole('dialog', {
        name: `Request access to ${API_REF}`,
      });
      await dialog.getByRole('combobox', { name: /Consumer/ }).click();
      await page
        .getByRole('option', { name: new RegExp(CONSUMER_REF) })
        .click();
      for (const tool of ASKED)
        await dialog.getByRole('checkbox', { name: tool, exact: true }).check();
      await dialog
        .getByRole('textbox', { name: /Reason/ })
        .fill('search-rag quotes support articles in its answers');
      await dialog.getByRole('button', { name: 'Send request' }).click();
      await dialog
        .getByRole('status')
        .filter({ hasText: 'Request sent' })
        .waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
    });

    test('the API owner, in another browser, narrows it to two tools and approves', async () => {
      const page = owner.page;
      await page.goto(
        `${stack.baseUrl}/catalog/default/api/${API.name}/ai-consumers`,
      );
      await page.getByRole('button', { name: 'Narrow' }).click();
      const dialog = page.getByRole('dialog', { name: 'Narrow and approve' });
      await dialog
        .getByRole('checkbox', { name: 'list_issues', exact: true })
        .uncheck();
      await dialog.getByRole('button', { name: 'Approve narrowed' }).click();
      await dialog.waitFor({ state: 'hidden' });
      grant = await waitFor('the grant', () =>
        consumerGrant(stack, requesterToken, CONSUMER_REF, API_REF),
      );
      assert.equal(grant.state, 'awaiting-key');
      assert.deepEqual(
        [...(grant.scope.tools ?? [])].sort(),
        [...GRANTED].sort(),
      );
      assert.equal(grant.approvedBy, DEMO_USERS.apiOwner.ref);
    });

    test('the requester sees the decision in her notifications and gets the key once', async () => {
      const page = requester.page;
      await page.goto(`${stack.baseUrl}/notifications`);
      await page
        .getByText(`Access approved: ${API_REF}`)
        .first()
        .waitFor({ timeout: 60_000 });

      await page.goto(
        `${stack.baseUrl}/catalog/default/component/${CONSUMER.name}/ai-access`,
      );
      await page.getByRole('button', { name: 'Get key' }).click();
      keys.push(await takeKeyFromDialog(page));
      // once: the button is gone (the grant is active), and claiming again is refused
      await page.getByRole('button', { name: 'Rotate key' }).waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'Get key' }).count(),
        0,
      );
      const again = await api(
        stack,
        requesterToken,
        ACCESS_PATHS.claimKey(grant.id),
        { method: 'POST' },
      );
      assert.equal(again.status, 409);
    });

    test('the cluster holds the hash and metadata of the key and a policy allowing exactly the two tools', async () => {
      grant = (await consumerGrant(
        stack,
        requesterToken,
        CONSUMER_REF,
        API_REF,
      ))!;
      assert.equal(grant.state, 'active');
      assert.ok(
        grant.objects.every(o => o.namespace === NAMESPACE),
        JSON.stringify(grant.objects),
      );
      const { entries, policies } = await grantObjects(stack, grant);
      assert.deepEqual(entries, [
        {
          keyHash: sha256(keys[0]),
          metadata: { consumer: CONSUMER_REF, grant: grant.id },
        },
      ]);
      assertAuthorization(policies, grant, 'tools', OFFERED, GRANTED);
    });

    test('rotate shows a new key; the Secret then has two entries', async () => {
      const page = requester.page;
      await page.getByRole('button', { name: 'Rotate key' }).click();
      keys.push(await takeKeyFromDialog(page));
      assert.notEqual(keys[1], keys[0]);
      grant = (await consumerGrant(
        stack,
        requesterToken,
        CONSUMER_REF,
        API_REF,
      ))!;
      assert.ok(grant.previousKeyExpiresAt, 'the old key has a grace period');
      const { entries } = await grantObjects(stack, grant);
      assert.deepEqual(
        entries.map(e => e.keyHash).sort(),
        [sha256(keys[0]), sha256(keys[1])].sort(),
      );
      assert.ok(
        entries.every(
          e => e.key === undefined && e.metadata.grant === grant.id,
        ),
      );
    });

    test('no raw key anywhere: responses (except the claim and rotate), backend logs, database files', async () => {
      const bodies = await Promise.all(
        seen.map(async s => ({ url: s.url, body: await s.body })),
      );
      for (const key of keys) {
        const carriers = bodies
          .filter(b => b.body.includes(key))
          .map(b => new URL(b.url).pathname);
        assert.equal(
          carriers.length,
          1,
          `${key.slice(0, 8)}… in ${carriers.join(', ')}`,
        );
        assert.ok(
          [ACCESS_PATHS.claimKey(grant.id), ACCESS_PATHS.rotate(grant.id)].some(
            p => carriers[0].endsWith(p),
          ),
          carriers[0],
        );
        assert.ok(
          !stack.backendLogs().includes(key),
          'a key in the backend log',
        );
        for (const f of readdirSync(dbDir))
          assert.ok(
            !readFileSync(join(dbDir, f)).includes(Buffer.from(key)),
            `a key in ${f}`,
          );
      }
      assert.ok(readdirSync(dbDir).length > 0, 'the database file exists');
      // the log that was searched has the audit events of the journey (medium severity: logged at info)
      assert.ok(
        stack.backendLogs().includes(grant.id),
        'the grant id is in the backend log',
      );
    });

    test('the API owner revokes: the grant objects leave the cluster', async () => {
      const page = owner.page;
      await page.reload();
      await page.getByRole('button', { name: 'Revoke access' }).click();
      await page.getByRole('button', { name: 'Confirm revoke' }).click();
      await page
        .getByRole('dialog', { name: 'Revoke access?' })
        .waitFor({ state: 'hidden' });
      const view = await api<AccessGrant>(
        stack,
        ownerToken,
        ACCESS_PATHS.grant(grant.id),
      );
      assert.equal(view.body.state, 'revoked');
      for (const ref of grant.objects)
        await waitFor(`${ref.kind} ${ref.name} removed`, async () =>
          (await exists(stack, ref)) ? undefined : true,
        );
    });

    test("the demo's grants (what npm start seeds) are real grants, and seeding twice adds nothing", async () => {
      // the demo's grants, their APIs named after the namespaces of this stack's cluster
      const specs: DemoGrantSpec[] = DEMO_GRANTS.map(spec => ({
        ...spec,
        apiRef: spec.apiRef.replace(
          /^api:default\/([^.]+)\./,
          (_, namespace: string) => `api:default/${stack.ns(namespace)}.`,
        ),
      }));
      // kube-local: exactly what `npm start` runs (seedDemoGrants); a real cluster: the same per mapped spec
      const seedAll = async () => {
        if (!stack.real) return seedDemoGrants(stack.baseUrl);
        const out = [];
        for (const spec of specs)
          out.push(await seedDemoGrant(stack.baseUrl, spec));
        return out;
      };
      const results = await seedAll();
      assert.deepEqual(
        results.map(r => r.outcome),
        ['created', 'created'],
      );
      for (const [i, spec] of specs.entries()) {
        const g = results[i].grant!;
        assert.equal(g.state, 'active');
        const kind = spec.approved.tools ? 'tools' : 'models';
        const offered = (
          await api<{ offers: { tools: string[]; models: string[] } }>(
            stack,
            ownerToken,
            ACCESS_PATHS.api(spec.apiRef),
          )
        ).body.offers[kind];
        const { entries, policies } = await grantObjects(stack, g);
        assert.equal(entries.length, 1);
        assert.match(entries[0].keyHash, /^sha256:[0-9a-f]{64}$/);
        assert.deepEqual(entries[0].metadata, {
          consumer: spec.consumerRef,
          grant: g.id,
        });
        assertAuthorization(
          policies,
          g,
          kind,
          offered,
          offered.filter(o => spec.approved[kind]!.includes(o)),
        );
      }
      const again = await seedAll();
      assert.deepEqual(
        again.map(r => r.outcome),
        ['present', 'present'],
      );
    });
  },
);
