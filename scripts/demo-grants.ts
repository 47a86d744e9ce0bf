// The demo's access grants, created through the real access API (plugins/ai-gateway-backend `/access/*`, paths from
// ACCESS_PATHS in -common) by the demo users themselves: the requester (sofia.search, team-search) asks for access for
// her agents, the API owner (sam.support, team-support) approves it narrowed, the requester claims the key once and
// discards it. The objects in the cluster (Secret entry with the key's hash, authorization policy) are therefore the
// real ones. Needs the backend's demo sign-in provider (auth.providers.demo, development and e2e configs only).
//
// `npm start` runs it once Backstage answers (scripts/start-demo.mjs); by hand: `npx tsx scripts/demo-grants.ts
// [--base-url http://localhost:7007]`. Idempotent: a consumer that already has a grant (or a pending request) for the
// API is left alone, so a restart with the persisted demo state does not add a second grant.
import {
  ACCESS_PATHS,
  type AccessGrant,
  type AccessRequest,
  type ConsumerAccessView,
  type IssuedKey,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** The header the demo provider reads (packages/backend/src/demoSignIn). */
export const DEMO_USER_HEADER = 'x-ai-gateway-demo-user';
export const REQUESTER = 'user:default/sofia.search';
export const API_OWNER = 'user:default/sam.support';

export interface DemoGrantSpec {
  consumerRef: string;
  apiRef: string;
  /** what the requester asks for */
  asked: { tools?: string[]; models?: string[] };
  /** what the owner approves (narrower) */
  approved: { tools?: string[]; models?: string[] };
  reason: string;
}

export const DEMO_GRANTS: DemoGrantSpec[] = [
  {
    consumerRef: 'component:default/search-answer-agent',
    apiRef: 'api:default/team-support.support-kb-mcp',
    asked: { tools: ['search_articles', 'get_article', 'list_issues'] },
    approved: { tools: ['search_articles', 'get_article'] },
    reason:
      'The answer agent quotes support articles in its answers (read-only).',
  },
  {
    consumerRef: 'component:default/search-digest-agent',
    apiRef: 'api:default/team-support.support-chat',
    asked: { models: ['gpt-4.1-mini', 'gpt-4.1'] },
    approved: { models: ['gpt-4.1-mini'] },
    reason: 'The daily ticket digest needs a small chat model.',
  },
];

export interface SeedResult {
  spec: DemoGrantSpec;
  /** `created`: requested, approved and claimed now; `present`: the consumer already had a grant or a request */
  outcome: 'created' | 'present';
  grant?: AccessGrant;
  request?: AccessRequest;
}

/** A Backstage token for a demo user (the same call the app's sign-in page makes). */
export async function demoUserToken(
  baseUrl: string,
  userEntityRef: string,
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/demo/refresh`, {
    headers: {
      'x-requested-with': 'XMLHttpRequest',
      [DEMO_USER_HEADER]: userEntityRef,
    },
  });
  if (!res.ok)
    throw new Error(
      `demo sign-in as ${userEntityRef} failed: HTTP ${
        res.status
      } ${await res.text()}`,
    );
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

/** {@link demoUserToken}, retried while the catalog has not ingested the user yet (404 right after start). */
export async function demoUserTokenWhenReady(
  baseUrl: string,
  userEntityRef: string,
  timeoutMs = 300_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await demoUserToken(baseUrl, userEntityRef);
    } catch (e: unknown) {
      if (!String(e).includes('HTTP 404') || Date.now() > deadline) throw e;
    }
    await sleep(2000);
  }
}

async function call<T>(
  baseUrl: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}/api/ai-gateway${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(
      `${method} ${path}: HTTP ${res.status} ${text.slice(0, 500)}`,
    );
  return JSON.parse(text) as T;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Waits until the access API knows the API and offers what the spec asks for (the catalog has to ingest the API
 * entity, and MCP discovery has to list the tools).
 */
async function waitForOffer(
  baseUrl: string,
  token: string,
  spec: DemoGrantSpec,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const view = await call<{
        offers: { tools: string[]; models: string[] };
      }>(baseUrl, token, 'GET', ACCESS_PATHS.api(spec.apiRef));
      const missing = [
        ...(spec.asked.tools ?? []).filter(t => !view.offers.tools.includes(t)),
        ...(spec.asked.models ?? []).filter(
          m => !view.offers.models.includes(m),
        ),
      ];
      if (missing.length === 0) return;
      last = `not offered yet: ${missing.join(', ')}`;
    } catch (e: unknown) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline)
      throw new Error(
        `${spec.apiRef} not ready after ${timeoutMs} ms: ${last}`,
      );
    await sleep(2000);
  }
}

/**
 * Waits until the API entity names the owner's team (`can.approve` for the owner): right after a start the catalog
 * module may still emit the API as unowned (the default owner) until the catalog has ingested the components.
 */
async function waitUntilOwnerMayApprove(
  baseUrl: string,
  ownerToken: string,
  spec: DemoGrantSpec,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await call<{ can: { approve: boolean } }>(
      baseUrl,
      ownerToken,
      'GET',
      ACCESS_PATHS.api(spec.apiRef),
    ).catch(() => undefined);
    if (view?.can.approve) return;
    if (Date.now() > deadline)
      throw new Error(
        `${API_OWNER} may not approve requests on ${spec.apiRef} after ${timeoutMs} ms`,
      );
    await sleep(2000);
  }
}

/** Creates one demo grant as the demo users, unless the consumer already has one (or a pending request). */
export async function seedDemoGrant(
  baseUrl: string,
  spec: DemoGrantSpec,
  options: { timeoutMs?: number } = {},
): Promise<SeedResult> {
  const requester = await demoUserTokenWhenReady(
    baseUrl,
    REQUESTER,
    options.timeoutMs,
  );
  await waitForOffer(baseUrl, requester, spec, options.timeoutMs ?? 300_000);
  const existing = await call<ConsumerAccessView>(
    baseUrl,
    requester,
    'GET',
    ACCESS_PATHS.consumer(spec.consumerRef),
  );
  const grant = existing.grants.find(
    g =>
      g.apiRef === spec.apiRef &&
      (g.state === 'active' || g.state === 'awaiting-key'),
  );
  const pending = existing.requests.find(
    r => r.apiRef === spec.apiRef && r.state === 'pending',
  );
  if (grant) return { spec, outcome: 'present', grant, request: pending };

  // a request left pending by an earlier start (e.g. stopped before the approval) is approved, not asked again
  const request =
    pending ??
    (
      await call<{ request: AccessRequest; grant?: AccessGrant }>(
        baseUrl,
        requester,
        'POST',
        ACCESS_PATHS.requests,
        {
          apiRef: spec.apiRef,
          consumerRef: spec.consumerRef,
          ...spec.asked,
          reason: spec.reason,
        },
      )
    ).request;
  let approved: AccessGrant | undefined;
  if (request.state === 'approved' && request.grantId)
    approved = await call<AccessGrant>(
      baseUrl,
      requester,
      'GET',
      ACCESS_PATHS.grant(request.grantId),
    );
  if (!approved) {
    const owner = await demoUserTokenWhenReady(
      baseUrl,
      API_OWNER,
      options.timeoutMs,
    );
    await waitUntilOwnerMayApprove(
      baseUrl,
      owner,
      spec,
      options.timeoutMs ?? 300_000,
    );
    approved = (
      await call<{ request: AccessRequest; grant: AccessGrant }>(
        baseUrl,
        owner,
        'POST',
        ACCESS_PATHS.approve(request.id),
        { ...spec.approved, note: 'Approved for the demo (narrowed).' },
      )
    ).grant;
  }
  // The requester claims the key once, as a person would, and throws it away: nobody can call the gateway with it,
  // and the backend keeps only its hash. Rotate in the UI to get a usable key.
  const issued = await call<IssuedKey>(
    baseUrl,
    requester,
    'POST',
    ACCESS_PATHS.claimKey(approved.id),
  );
  if (!issued.key) throw new Error(`claiming ${approved.id} returned no key`);
  const after = await call<AccessGrant>(
    baseUrl,
    requester,
    'GET',
    ACCESS_PATHS.grant(approved.id),
  );
  return { spec, outcome: 'created', grant: after, request };
}

/** Every demo grant, in order. */
export async function seedDemoGrants(
  baseUrl: string,
  options: { timeoutMs?: number; log?: (line: string) => void } = {},
): Promise<SeedResult[]> {
  const log = options.log ?? (() => {});
  const results: SeedResult[] = [];
  for (const spec of DEMO_GRANTS) {
    const result = await seedDemoGrant(baseUrl, spec, options);
    const what = [
      ...(spec.approved.tools ?? []),
      ...(spec.approved.models ?? []),
    ];
    log(
      `${spec.consumerRef} -> ${spec.apiRef} (${what.join(', ')}): ${
        result.outcome === 'created'
          ? `grant ${result.grant?.id} created`
          : 'already present'
      }`,
    );
    results.push(result);
  }
  return results;
}

if (require.main === module) {
  const i = process.argv.indexOf('--base-url');
  const baseUrl =
    i > 0
      ? process.argv[i + 1]
      : process.env.BACKSTAGE_URL ?? 'http://localhost:7007';
  seedDemoGrants(baseUrl, { log: line => console.log(`[demo-grants] ${line}`) })
    .then(() => process.exit(0))
    .catch((e: unknown) => {
      console.error(`[demo-grants] ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    });
}
