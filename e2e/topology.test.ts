// Browser test of the live topology: kube-local + the traffic simulator (pod-proxy metrics source) + the backend;
// the "AI Topology" tab of a demo component and the AI Gateway page's Topology section draw the React Flow graph
// with the shared Gateway, the component's routes and backends, and live request rates from the simulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import {
  CHROMIUM,
  buildApp,
  openSignedIn,
  startStack,
  type Browser,
  type Stack,
} from './harness';

const COMPONENT = 'support-assistant';
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;

/** A React Flow node card by its type caption ("Gateway", "Route", "Backend" + " · shared") and label. */
function node(page: Page, type: RegExp, label: string): Locator {
  return page
    .locator('.react-flow__node')
    .filter({ has: page.getByText(type) })
    .filter({ has: page.locator(`[title="${label}"]`) });
}

/** The request rates (req/s) shown on the graph's node cards, as numbers ("1.2k req/s" → 1200). */
async function requestRates(page: Page): Promise<number[]> {
  const texts = await page.locator('.react-flow__node').allInnerTexts();
  return texts.flatMap(t =>
    [...t.matchAll(/([\d.]+)(k?) req\/s/g)].map(
      m => Number(m[1]) * (m[2] ? 1000 : 1),
    ),
  );
}

/** Waits until some node card shows a request rate above zero (the backend needs two scrapes per series). */
async function waitForLiveRate(
  page: Page,
  timeoutMs: number,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let rates: number[] = [];
  while (Date.now() < deadline) {
    rates = await requestRates(page);
    if (rates.some(r => r > 0)) return rates;
    await page.waitForTimeout(1000);
  }
  assert.fail(
    `no node showed a request rate above 0 within ${timeoutMs} ms (rates seen: ${JSON.stringify(
      rates,
    )}; page: ${(await page.locator('body').innerText()).slice(0, 2000)})`,
  );
}

describe('live topology in the browser', { skip, timeout: 15 * 60_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  // `<namespace>/<name>` labels, the namespace as the stack's cluster has it
  const ref = (namespace: string, name: string) =>
    `${stack.ns(namespace)}/${name}`;

  before(async () => {
    buildApp();
    stack = await startStack({ simulator: true });
    browser = await openSignedIn(stack, {
      kind: 'component',
      namespace: 'default',
      name: COMPONENT,
    });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test(`the AI Topology tab of ${COMPONENT} draws the shared gateway, its routes and backends with live rates`, async () => {
    await page.goto(
      `${stack.baseUrl}/catalog/default/component/${COMPONENT}/ai-gateway-topology`,
    );
    try {
      await page
        .locator('.react-flow__node')
        .first()
        .waitFor({ state: 'visible', timeout: 90_000 });
      await node(
        page,
        /^Gateway · shared$/,
        ref('agentgateway-system', 'ai-gateway'),
      ).waitFor({
        state: 'visible',
        timeout: 30_000,
      });
      for (const type of [/^Route$/, /^Backend$/]) {
        assert.equal(
          await node(page, type, ref('team-support', 'support-openai')).count(),
          1,
          `one ${type.source} node ${ref('team-support', 'support-openai')}`,
        );
      }
      assert.ok(
        (await page.locator('.react-flow__edge').count()) > 0,
        'the graph has edges',
      );
      const rates = await waitForLiveRate(page, 60_000);
      assert.ok(rates.length > 1, `several nodes show req/s: ${rates}`);
      assert.equal(
        await page.getByText(/No live numbers for cluster/).count(),
        0,
        'no "No live numbers" warning',
      );
    } catch (e) {
      console.error(stack.logs());
      throw e;
    }
  });

  test('the AI Gateway page Topology section draws the platform graph with live rates', async () => {
    await page.goto(`${stack.baseUrl}/ai-gateway`);
    const tab = page.getByRole('tab', { name: 'Topology' });
    await tab.waitFor({ state: 'visible', timeout: 60_000 });
    await tab.click();
    try {
      await node(
        page,
        /^Gateway$/,
        ref('agentgateway-system', 'ai-gateway'),
      ).waitFor({
        state: 'visible',
        timeout: 90_000,
      });
      assert.ok(
        (await node(
          page,
          /^Backend$/,
          ref('team-support', 'support-openai'),
        ).count()) === 1,
        `the platform graph has the backend ${ref(
          'team-support',
          'support-openai',
        )}`,
      );
      await waitForLiveRate(page, 60_000);
    } catch (e) {
      console.error(stack.logs());
      throw e;
    }
  });
});
