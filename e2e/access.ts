// Helpers of the self-service access browser test (e2e/access.test.ts): the access API as a given user, the grant's
// objects read from the cluster with @kubernetes/client-node, the authorization check of a grant policy with the
// shared CEL engine and CRD validator, and the one-time key dialog.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import type { BrowserContext, Page } from 'playwright-core';
import {
  ACCESS_PATHS,
  type AccessGrant,
  type ConsumerAccessView,
  type KubeObjectOf,
} from '../plugins/ai-gateway-common/src';
import {
  checkPolicyExpression,
  createCrdValidator,
  evaluatePolicyExpression,
  loadBundledCrds,
} from '../plugins/ai-gateway-node/src';
import type { Stack } from './harness';

export interface Seen {
  url: string;
  body: Promise<string>;
}

/** Records the body of every backend API response the browser receives. */
export function recordResponses(context: BrowserContext, seen: Seen[]) {
  context.on('response', res => {
    if (!res.url().includes('/api/')) return;
    seen.push({ url: res.url(), body: res.text().catch(() => '') });
  });
}

export async function api<T>(
  stack: Stack,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.baseUrl}/api/ai-gateway${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.headers as Record<string, string>),
    },
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => undefined)) as T,
  };
}

export async function consumerGrant(
  stack: Stack,
  token: string,
  consumerRef: string,
  apiRef: string,
): Promise<AccessGrant | undefined> {
  const view = await api<ConsumerAccessView>(
    stack,
    token,
    ACCESS_PATHS.consumer(consumerRef),
  );
  assert.equal(view.status, 200, JSON.stringify(view.body));
  return view.body.grants.find(
    g => g.apiRef === apiRef && g.state !== 'revoked',
  );
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** Waits until the access API offers the MCP API's tools (catalog ingestion + MCP discovery). */
export async function waitForOffer(
  stack: Stack,
  token: string,
  apiRef: string,
  tools: string[],
) {
  await waitFor(
    `${apiRef} offering ${tools.join(', ')}`,
    async () => {
      const view = await api<{ offers: { tools: string[] } }>(
        stack,
        token,
        ACCESS_PATHS.api(apiRef),
      );
      return view.status === 200 &&
        tools.every(t => view.body.offers.tools.includes(t))
        ? true
        : undefined;
    },
    300_000,
  );
}

export const sha256 = (s: string) =>
  `sha256:${createHash('sha256').update(s).digest('hex')}`;

export interface KeyEntry {
  keyHash: string;
  metadata: { consumer: string; grant: string };
}

/** The grant's Secret entries (decoded JSON) and its AgentgatewayPolicy objects, read from the cluster. */
export async function grantObjects(stack: Stack, grant: AccessGrant) {
  const kc = stack.kubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const secretRefs = grant.objects.filter(o => o.kind === 'Secret');
  const policyRefs = grant.objects.filter(o => o.kind === 'AgentgatewayPolicy');
  assert.ok(
    secretRefs.length === 1,
    `one Secret among ${JSON.stringify(grant.objects)}`,
  );
  const secret = await core.readNamespacedSecret({
    name: secretRefs[0].name,
    namespace: secretRefs[0].namespace,
  });
  const entries = Object.values(secret.data ?? {}).map(
    v =>
      JSON.parse(Buffer.from(v, 'base64').toString('utf8')) as KeyEntry & {
        key?: string;
      },
  );
  const policies = await Promise.all(
    policyRefs.map(
      p =>
        custom.getNamespacedCustomObject({
          group: 'agentgateway.dev',
          version: 'v1alpha1',
          namespace: p.namespace,
          plural: 'agentgatewaypolicies',
          name: p.name,
        }) as Promise<KubeObjectOf<'AgentgatewayPolicy'>>,
    ),
  );
  return { secret, entries, policies };
}

export async function exists(
  stack: Stack,
  ref: AccessGrant['objects'][number],
): Promise<boolean> {
  const kc = stack.kubeConfig();
  try {
    if (ref.kind === 'Secret')
      await kc
        .makeApiClient(CoreV1Api)
        .readNamespacedSecret({ name: ref.name, namespace: ref.namespace });
    else
      await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
        group: 'agentgateway.dev',
        version: 'v1alpha1',
        namespace: ref.namespace,
        plural: 'agentgatewaypolicies',
        name: ref.name,
      });
    return true;
  } catch (e: unknown) {
    if ((e as { code?: number }).code === 404) return false;
    throw e;
  }
}

/**
 * The grant's authorization expressions (MCP: `backend.mcp.authorization`, LLM: `traffic.authorization`): each passes
 * the shared checker, the policy passes the CRD validator, and evaluated with this grant's key the expressions allow
 * exactly `granted` out of `offered`; a key of another grant is not limited by them.
 */
export function assertAuthorization(
  policies: KubeObjectOf<'AgentgatewayPolicy'>[],
  grant: AccessGrant,
  kind: 'tools' | 'models',
  offered: string[],
  granted: string[],
) {
  const validator = createCrdValidator(loadBundledCrds());
  const rules = policies.flatMap(p => {
    const v = validator.validate(p);
    assert.ok(
      v.valid,
      `${p.metadata.name}: ${JSON.stringify(v.valid ? [] : v.causes)}`,
    );
    const auth =
      kind === 'tools'
        ? p.spec?.backend?.mcp?.authorization
        : p.spec?.traffic?.authorization;
    return auth ? [auth] : [];
  });
  assert.equal(
    rules.length,
    1,
    `one ${kind} authorization rule in ${policies.map(p => p.metadata.name)}`,
  );
  assert.equal(rules[0].action, 'Require');
  const expressions: string[] = rules[0].policy.matchExpressions;
  for (const e of expressions)
    assert.deepEqual(checkPolicyExpression(e).ok, true, e);
  // agentgateway: a rule matches when one of its expressions is true; `Require` denies what does not match
  const allows = (grantId: string, item: string) =>
    expressions.some(e => {
      const r = evaluatePolicyExpression(e, {
        apiKey: { grant: grantId, consumer: grant.consumerRef },
        ...(kind === 'tools'
          ? { mcp: { tool: { name: item } } }
          : { llm: { requestModel: item } }),
      });
      assert.equal(r.kind, 'value', `${e}: ${JSON.stringify(r)}`);
      return r.kind === 'value' && r.value === true;
    });
  assert.deepEqual(
    offered.filter(i => allows(grant.id, i)),
    granted,
  );
  assert.deepEqual(
    offered.filter(i => allows('some-other-grant', i)),
    offered,
  );
}

/** The one-time key dialog: reads the key, closes the dialog, checks the key has left the page. */
export async function takeKeyFromDialog(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Your API key' });
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  const key = await dialog.getByLabel('API key').inputValue();
  assert.match(key, /^agw_[A-Za-z0-9_-]{40,}$/);
  await dialog.getByRole('button', { name: 'I have copied the key' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(
    !(await page.content()).includes(key),
    'the key is gone from the page once the dialog is closed',
  );
  return key;
}
