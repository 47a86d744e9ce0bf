// Browser test of the demo: guest sign-in, a demo component's four AI gateway tabs list the seeded objects with
// their status chips; a screenshot of the Backends tab (docs/images/backends-tab.png with UPDATE_SCREENSHOTS=1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  CHROMIUM,
  ROOT,
  buildApp,
  openSignedIn,
  startStack,
  type Browser,
  type Stack,
} from './harness';
import { expectedRows, type Tab } from './seed';

const COMPONENT = 'support-assistant';
const TABS: Array<{ tab: Tab; title: string }> = [
  { tab: 'gateways', title: 'Gateways' },
  { tab: 'backends', title: 'Backends' },
  { tab: 'routes', title: 'Routes' },
  { tab: 'policies', title: 'Policies' },
];
const skip = existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;

describe(
  'demo component tabs in the browser',
  { skip, timeout: 15 * 60_000 },
  () => {
    let stack: Stack;
    let browser: Browser;
    let page: Page;

    before(async () => {
      buildApp();
      stack = await startStack();
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

    for (const { tab, title } of TABS) {
      test(`the ${title} tab lists the seeded objects with their status chips`, async () => {
        // the seed as the cluster has it (on a real cluster: namespaces with the stack's prefix)
        const expected = expectedRows(stack.objects, COMPONENT, tab);
        assert.ok(expected.length > 0, `the seed has ${tab} for ${COMPONENT}`);
        await page.goto(
          `${stack.baseUrl}/catalog/default/component/${COMPONENT}/ai-gateway-${tab}`,
        );
        await page
          .getByRole('tab', { name: title, selected: true })
          .or(page.getByRole('link', { name: title }))
          .first()
          .waitFor({ timeout: 60_000 });
        for (const row of expected) {
          const name = page.getByRole('button', {
            name: `Show details of ${row.descriptor.displayName} ${row.name}`,
            exact: true,
          });
          await name.waitFor({ state: 'visible', timeout: 60_000 });
          const tr = page.getByRole('row').filter({ has: name });
          assert.equal(
            await tr.count(),
            1,
            `one row for ${row.descriptor.kind} ${row.name}`,
          );
          if (row.namespace) {
            assert.ok(
              (await tr.innerText()).includes(row.namespace),
              `${row.name} shows its namespace`,
            );
          }
          for (const [type, label] of Object.entries(row.chips)) {
            const chips = tr.getByLabel(`${type}: `, { exact: false });
            assert.equal(
              await chips.count(),
              1,
              `${row.name} has one ${type} chip`,
            );
            assert.equal(
              await chips.getAttribute('aria-label'),
              label,
              `${row.name} ${type} chip`,
            );
          }
        }
        if (tab === 'backends') {
          const dir =
            process.env.UPDATE_SCREENSHOTS === '1'
              ? join(ROOT, 'docs', 'images')
              : join(ROOT, 'test-results');
          mkdirSync(dir, { recursive: true });
          await page.mouse.move(0, 0);
          await page.screenshot({ path: join(dir, 'backends-tab.png') });
        }
      });
    }

    test('a route with a missing backend shows a red ResolvedRefs chip', async () => {
      await page.goto(
        `${stack.baseUrl}/catalog/default/component/${COMPONENT}/ai-gateway-routes`,
      );
      const name = page.getByRole('button', {
        name: /^Show details of .* support-legacy-gpt$/,
      });
      await name.waitFor({ state: 'visible', timeout: 60_000 });
      const chip = page
        .getByRole('row')
        .filter({ has: name })
        .getByLabel('ResolvedRefs: False');
      assert.equal(await chip.getAttribute('data-status'), 'False');
    });
  },
);
