// Browser test of catalog-driven discovery: the demo MCP server (packages/mcp-demo-server) serves the tools the
// demo's MCP backends promise; the backend discovers them, the catalog module emits the API entities and search
// indexes the tool names. Sign in → search `create_issue` → open the API → the Tools table lists it → the Connect
// snippet shows the gateway URL and no secret. UPDATE_SCREENSHOTS=1 writes docs/images/mcp-api-page.png.
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
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;

interface ApiEntity {
  metadata: { name: string; title?: string };
  spec?: { definition?: string };
}

/** The tool names of an MCP API entity's definition. */
function toolNames(entity: ApiEntity): string[] {
  try {
    const def = JSON.parse(entity.spec?.definition ?? '{}') as {
      discovery?: { tools?: Array<{ name: string }> };
    };
    return (def.discovery?.tools ?? []).map(t => t.name);
  } catch {
    return [];
  }
}

/** Waits until the catalog has an MCP API entity whose definition lists the tool (discovery + provider + stitching). */
async function waitForToolApi(stack: Stack, tool: string) {
  const token = await guestToken(stack.baseUrl);
  const deadline = Date.now() + 240_000;
  const get = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  let lastError: unknown;
  for (;;) {
    // a poll may meet a keep-alive socket the loaded backend just closed ('other side closed'): ask again
    const hit = await findIndexedApi(get, tool).catch(e => {
      lastError = e;
      return undefined;
    });
    if (hit) return hit;
    if (Date.now() > deadline)
      throw new Error(
        `no MCP API lists ${tool} after 240 s${
          lastError ? ` (last error: ${lastError})` : ''
        }`,
      );
    await new Promise(r => setTimeout(r, 2000));
  }
}

/** The MCP API entity listing the tool, once search has indexed it too; undefined until then. */
async function findIndexedApi(
  get: (path: string) => Promise<Response>,
  tool: string,
): Promise<ApiEntity | undefined> {
  const res = await get(
    `/api/catalog/entities/by-query?filter=kind=api,spec.type=mcp-server&fields=metadata.name,metadata.title,spec.definition,metadata.annotations`,
  );
  if (res.ok) {
    const body = (await res.json()) as { items: ApiEntity[] };
    const hit = body.items.find(e => toolNames(e).includes(tool));
    // and search has indexed it (the catalog collator runs every 30 s in app-config.yaml)
    const search = hit
      ? await get(`/api/search/query?term=${tool}`)
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

describe(
  'catalog discovery in the browser',
  { skip, timeout: 15 * 60_000 },
  () => {
    let mcp: Awaited<ReturnType<typeof startMcpDemoServer>>;
    let stack: Stack;
    let browser: Browser;
    let page: Page;
    let api: ApiEntity;

    before(async () => {
      buildApp();
      mcp = await startMcpDemoServer();
      stack = await startStack({
        backendEnv: { MCP_DEMO_PORT: String(mcp.port) },
      });
      try {
        api = await waitForToolApi(stack, TOOL);
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
      // the snippet is rendered (highlighted) after the card: wait for its text rather than read it once
      const snippetOf = async (testId: string) => {
        const el = page.getByTestId(testId);
        const deadline = Date.now() + 15_000;
        let text = await el.innerText();
        while (!text.includes(url) && Date.now() < deadline) {
          await page.waitForTimeout(250);
          text = await el.innerText();
        }
        return text;
      };
      const snippet = await snippetOf('connect-snippet-claude-desktop');
      assert.ok(snippet.includes(url), 'the snippet has the gateway URL');
      assert.ok(snippet.includes('mcp-remote'));
      await page.getByRole('tab', { name: 'Cursor' }).click();
      const cursor = await snippetOf('connect-snippet-cursor');
      assert.ok(cursor.includes(url));
      // no secret: only placeholders, never a value from the cluster's Secrets
      for (const text of [snippet, cursor]) {
        assert.doesNotMatch(text, /sk-[A-Za-z0-9]{8,}/);
        assert.doesNotMatch(text, new RegExp(stack.token));
      }
      console.log(`Tools table usable ${usableMs} ms after navigation`);
      if (process.env.UPDATE_SCREENSHOTS === '1')
        await page.screenshot({
          path: join(ROOT, 'docs', 'images', 'mcp-api-page.png'),
          fullPage: true,
        });
    });
  },
);
