// Browser test of catalog-driven discovery: the demo MCP server (packages/mcp-demo-server) serves the tools the
// demo's MCP backends promise; the backend discovers them, the catalog module emits the API entities and search
// indexes the tool names. Sign in → search `create_issue` → open the API → the Tools table lists it → the Connect
// snippet shows the gateway URL and no secret; its Relations tab has the relation cards the overview leaves out. The
// same for the demo A2A agent (/payments-agent of the demo server): search a skill id → the A2A API lists the skills
// of the agent card the backend read, and its Connect card the gateway URL and no secret.
// UPDATE_SCREENSHOTS=1 writes docs/images/mcp-api-page.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startMcpDemoServer } from '../packages/mcp-demo-server/src';
import {
  CHROMIUM,
  ROOT,
  buildApp,
  guestToken,
  openSignedIn,
  startStack,
  type Browser,
  type Stack,
} from './harness';

const TOOL = 'create_issue';
/** a skill of the demo A2A agent (packages/mcp-demo-server/src/a2a/paymentsAgent.ts) */
const SKILL = 'refund_payment';
/** the demo cluster's secret values (examples/cluster/22-team-payments.yaml; FAKE), never shown on the A2A page */
const PAYMENTS_SECRETS = [
  'agk-demo-payments-checkout-3a9f',
  'agk-demo-payments-refunds-61be',
  'demo-azure-openai-key-payments-not-real',
];
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;

interface ApiEntity {
  metadata: { name: string; title?: string };
  spec?: { definition?: string };
}

interface Definition {
  url?: string;
  discovery?: { tools?: Array<{ name: string }> };
  agentCard?: { skills?: Array<{ id?: string; name?: string }> };
}

function definitionOf(entity: ApiEntity): Definition {
  try {
    return JSON.parse(entity.spec?.definition ?? '{}') as Definition;
  } catch {
    return {};
  }
}

/** The tool names of an MCP API entity's definition. */
const toolNames = (entity: ApiEntity) =>
  (definitionOf(entity).discovery?.tools ?? []).map(t => t.name);

/** The skill ids of an A2A API entity's definition (the agent card the backend read). */
const skillIds = (entity: ApiEntity) =>
  (definitionOf(entity).agentCard?.skills ?? []).map(s => String(s.id));

type ApiType = 'mcp-server' | 'a2a';
const NAMES: Record<ApiType, (entity: ApiEntity) => string[]> = {
  'mcp-server': toolNames,
  a2a: skillIds,
};

/**
 * Waits until the catalog has an API entity of the type whose definition lists the tool (mcp-server) or skill id
 * (a2a) — discovery + provider + stitching — and search has indexed it.
 */
async function waitForIndexedApi(stack: Stack, type: ApiType, name: string) {
  const token = await guestToken(stack.baseUrl);
  const deadline = Date.now() + 240_000;
  const get = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  let lastError: unknown;
  for (;;) {
    // a poll may meet a keep-alive socket the loaded backend just closed ('other side closed'): ask again
    const hit = await findIndexedApi(get, type, name).catch(e => {
      lastError = e;
      return undefined;
    });
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(
        `no ${type} API lists ${name} after 240 s${
          lastError ? ` (last error: ${lastError})` : ''
        }`,
      );
    await new Promise(r => setTimeout(r, 2000));
  }
}

/** The API entity listing the tool / skill, once search has indexed it too; undefined until then. */
async function findIndexedApi(
  get: (path: string) => Promise<Response>,
  type: ApiType,
  name: string,
): Promise<ApiEntity | undefined> {
  const res = await get(
    `/api/catalog/entities/by-query?filter=kind=api,spec.type=${type}&fields=metadata.name,metadata.title,spec.definition,metadata.annotations`,
  );
  if (res.ok) {
    const body = (await res.json()) as { items: ApiEntity[] };
    const hit = body.items.find(e => NAMES[type](e).includes(name));
    // and search has indexed it (the catalog collator runs every 30 s in app-config.yaml)
    const search = hit
      ? await get(`/api/search/query?term=${name}`)
      : undefined;
    const found = (search?.ok ? await search.json() : { results: [] }) as {
      results: Array<{ document?: { location?: string } }>;
    };
    if (
      hit &&
      found.results.some(r =>
        String(r.document?.location ?? '').endsWith(`/${hit.metadata.name}`),
      )
    )
      return hit;
  }
  return undefined;
}

/** A Connect snippet's text; it is rendered (highlighted) after the card, so wait until it has the URL. */
async function snippetOf(page: Page, testId: string, url: string) {
  const el = page.getByTestId(testId);
  const deadline = Date.now() + 15_000;
  let text = await el.innerText();
  while (!text.includes(url) && Date.now() < deadline) {
    await page.waitForTimeout(250);
    text = await el.innerText();
  }
  return text;
}

describe(
  'catalog discovery in the browser',
  { skip, timeout: 15 * 60_000 },
  () => {
    let mcp: Awaited<ReturnType<typeof startMcpDemoServer>>;
    let stack: Stack;
    let browser: Browser;
    let page: Page;
    let api: ApiEntity;
    let agent: ApiEntity;

    before(async () => {
      buildApp();
      mcp = await startMcpDemoServer();
      stack = await startStack({
        backendEnv: { MCP_DEMO_PORT: String(mcp.port) },
      });
      try {
        api = await waitForIndexedApi(stack, 'mcp-server', TOOL);
        agent = await waitForIndexedApi(stack, 'a2a', SKILL);
      } catch (e) {
        console.error(stack.logs());
        throw e;
      }
      browser = await openSignedIn(stack);
      page = browser.page;
    });

    after(async () => {
      await browser?.close();
      await stack?.stop();
      await mcp?.close();
    });

    test('a signed-in user lands on the home page with the AI APIs', async () => {
      await page.goto(stack.baseUrl);
      await page.getByText('Find an AI API').waitFor({ timeout: 30_000 });
      await page
        .getByRole('list', { name: 'AI APIs' })
        .getByText(api.metadata.title ?? api.metadata.name, { exact: true })
        .first()
        .waitFor({ timeout: 30_000 });
    });

    test(`search ${TOOL} → open the API → Tools table and Connect snippet`, async () => {
      await page.goto(`${stack.baseUrl}/search?query=${TOOL}`);
      const result = page
        .getByRole('link', {
          name: new RegExp(api.metadata.name.split('.').pop() ?? ''),
        })
        .first();
      await result.waitFor({ timeout: 60_000 });
      await result.click();
      await page.waitForURL(/\/catalog\/default\/api\//, { timeout: 30_000 });

      const started = Date.now();
      const tools = page.getByRole('table', { name: 'Tools' });
      await tools
        .getByText(TOOL, { exact: true })
        .first()
        .waitFor({ timeout: 30_000 });
      const usableMs = Date.now() - started;
      await page
        .getByRole('button', { name: `Expand ${TOOL}` })
        .first()
        .click();
      await page
        .getByRole('table', { name: `Parameters of ${TOOL}` })
        .waitFor({ timeout: 10_000 });

      const url: string = JSON.parse(api.spec?.definition ?? '{}').url;
      await page.getByText(`Gateway URL: ${url}`).waitFor({ timeout: 10_000 });
      const snippet = await snippetOf(
        page,
        'connect-snippet-claude-desktop',
        url,
      );
      assert.ok(snippet.includes(url), 'the snippet has the gateway URL');
      assert.ok(snippet.includes('mcp-remote'));
      await page.getByRole('tab', { name: 'Cursor' }).click();
      const cursor = await snippetOf(page, 'connect-snippet-cursor', url);
      assert.ok(cursor.includes(url));
      // no secret: only placeholders, never a value from the cluster's Secrets
      for (const text of [snippet, cursor]) {
        assert.doesNotMatch(text, /sk-[A-Za-z0-9]{8,}/);
        assert.doesNotMatch(text, new RegExp(stack.token));
      }
      console.log(`Tools table usable ${usableMs} ms after navigation`);
      if (process.env.UPDATE_SCREENSHOTS === '1') {
        // a viewport as tall as the page (not fullPage): the fixed sidebar then spans the whole picture
        const viewport = page.viewportSize();
        const height = await page.evaluate(
          () => document.documentElement.scrollHeight,
        );
        await page.setViewportSize({ width: 1600, height });
        await page.waitForTimeout(600); // the tabs' indicator moves back under the selected tab after a resize
        await page.screenshot({
          path: join(ROOT, 'docs', 'images', 'mcp-api-page.png'),
        });
        if (viewport) await page.setViewportSize(viewport);
      }

      // the relation cards the overview leaves out on AI APIs are on the Relations tab
      await page.getByRole('link', { name: 'Relations', exact: true }).click();
      await page.waitForURL(/\/relations$/, { timeout: 10_000 });
      for (const title of ['Providers', 'Consumers'])
        await page
          .getByText(title, { exact: true })
          .first()
          .waitFor({ timeout: 30_000 });
    });

    test(`search ${SKILL} → open the A2A API → skills and Connect card`, async () => {
      await page.goto(`${stack.baseUrl}/search?query=${SKILL}`);
      const path = `/catalog/default/api/${agent.metadata.name}`;
      const result = page.locator(`a[href$="${path}"]`).first();
      await result.waitFor({ timeout: 60_000 });
      await result.click();
      await page.waitForURL(new RegExp(`${path}$`), { timeout: 30_000 });

      // A2aAgentCard: every skill of the agent card the backend read from the demo agent
      const { url = '', agentCard } = definitionOf(agent);
      const skills = page.getByRole('list', { name: 'Skills' }).first();
      const names = (agentCard?.skills ?? []).map(s => String(s.name));
      assert.ok(names.length >= 3, `the agent card has skills: ${names}`);
      for (const name of names)
        await skills
          .getByText(name, { exact: true })
          .waitFor({ timeout: 30_000 });
      await page
        .getByText(`Skills (${names.length})`)
        .waitFor({ timeout: 10_000 });

      // Connect: the gateway URL (not the agent's own address) and no secret
      assert.match(url, /^https:\/\/ai\.example\.com\//);
      await page.getByText(`Gateway URL: ${url}`).waitFor({ timeout: 10_000 });
      const curl = await snippetOf(page, 'connect-snippet-curl', url);
      assert.ok(
        curl.includes(`${url}/.well-known/agent-card.json`),
        `the curl snippet reads the agent card through the gateway: ${curl}`,
      );
      // what an API page has besides: the About card (shown once the page is idle) and the Definition tab
      await page
        .getByText('About', { exact: true })
        .first()
        .waitFor({ timeout: 10_000 });
      await page
        .getByRole('link', { name: 'Definition', exact: true })
        .waitFor({ timeout: 10_000 });
      const shown = await page.locator('body').innerText();
      for (const secret of [...PAYMENTS_SECRETS, stack.token])
        assert.ok(!shown.includes(secret), 'no secret on the A2A API page');
    });
  },
);
