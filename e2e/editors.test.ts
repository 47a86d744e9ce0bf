// Browser test of the editors: as the demo guest (a member of team-support, owner of support-assistant) create,
// edit and delete a backend, a route and a policy through the guided forms AND the YAML editor, and find each
// result in the cluster (kube-local, or the cluster of AI_GATEWAY_TEST_KUBECONFIG; read with @kubernetes/client-node).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
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
const RESOURCES: Record<
  string,
  { group: string; version: string; plural: string }
> = {
  AgentgatewayBackend: {
    group: 'agentgateway.dev',
    version: 'v1alpha1',
    plural: 'agentgatewaybackends',
  },
  HTTPRoute: {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    plural: 'httproutes',
  },
  AgentgatewayPolicy: {
    group: 'agentgateway.dev',
    version: 'v1alpha1',
    plural: 'agentgatewaypolicies',
  },
};

describe('editors in the browser', { skip, timeout: 20 * 60_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  /** the component's namespace, as the stack's cluster has it */
  let namespace: string;

  /** The object as the cluster has it (undefined when it does not exist). */
  async function inCluster(
    kind: string,
    name: string,
  ): Promise<any | undefined> {
    const kc = stack.kubeConfig();
    try {
      if (kind === 'Secret')
        return await kc
          .makeApiClient(CoreV1Api)
          .readNamespacedSecret({ name, namespace });
      return await kc
        .makeApiClient(CustomObjectsApi)
        .getNamespacedCustomObject({ ...RESOURCES[kind], namespace, name });
    } catch (e: unknown) {
      if ((e as { code?: number }).code === 404) return undefined;
      throw new Error(`GET ${kind} ${name}: ${e}`);
    }
  }

  async function eventually<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    timeoutMs = 30_000,
  ): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise(r => setTimeout(r, 300));
    }
  }

  async function openTab(tab: string) {
    await page.goto(
      `${stack.baseUrl}/catalog/default/component/${COMPONENT}/ai-gateway-${tab}`,
    );
  }

  const dialog = () => page.getByRole('dialog');
  const textbox = (name: RegExp, scope: Page | Locator = dialog()) =>
    scope.getByRole('textbox', { name }).first();

  async function choose(
    label: RegExp,
    option: string,
    scope: Page | Locator = dialog(),
  ) {
    await scope.getByRole('combobox', { name: label }).first().click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Replaces the YAML editor's text the way a paste does (no auto-indent of typed keys). */
  async function replaceYaml(edit: (text: string) => string) {
    const content = dialog().locator('.cm-content').first();
    await content.waitFor({ state: 'visible' });
    const text = await content.innerText();
    await content.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(edit(text));
  }

  async function save(button: 'Create' | 'Save') {
    await dialog().getByRole('button', { name: button, exact: true }).click();
    await dialog()
      .waitFor({ state: 'detached', timeout: 30_000 })
      .catch(async e => {
        throw new Error(
          `dialog stayed open: ${await dialog()
            .innerText()
            .catch(() => '')}\n${e}`,
        );
      });
  }

  async function remove(kind: string, name: string) {
    await page.getByRole('button', { name: `Delete ${kind} ${name}` }).click();
    const confirm = page.getByRole('dialog', {
      name: `Delete ${kind} ${name}?`,
    });
    await confirm.getByRole('button', { name: 'Delete' }).waitFor();
    const typeName = confirm.getByRole('textbox', {
      name: `Type ${name} to confirm`,
    });
    if (await typeName.count()) await typeName.fill(name);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await confirm.waitFor({ state: 'detached', timeout: 30_000 });
    await eventually(`${kind} ${name} deleted`, async () =>
      (await inCluster(kind, name)) ? undefined : true,
    );
  }

  before(async () => {
    buildApp();
    stack = await startStack();
    namespace = stack.ns('team-support');
    browser = await openSignedIn(stack, {
      kind: 'component',
      namespace: 'default',
      name: COMPONENT,
    });
    page = browser.page;
    page.setDefaultTimeout(60_000);
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('backend: create with the form, edit in the YAML editor, delete', async () => {
    await openTab('backends');
    const create = page.getByRole('button', { name: 'Create Backend' });
    await create.waitFor();
    await page.waitForFunction(
      () =>
        !document
          .querySelector('button[aria-label="Create Backend"]')
          ?.hasAttribute('disabled'),
    );
    await create.click();
    await page.getByRole('menuitem', { name: /Static backend/ }).click();
    await textbox(/^Name/).fill('e2e-static');
    await textbox(/^Host/).fill('httpbin.org');
    await dialog().getByRole('spinbutton', { name: /^Port/ }).fill('8080');
    await save('Create');
    await page
      .getByRole('button', {
        name: 'Show details of Backend e2e-static',
        exact: true,
      })
      .waitFor();
    const created = await eventually('backend created', () =>
      inCluster('AgentgatewayBackend', 'e2e-static'),
    );
    assert.deepEqual(created.spec, {
      static: { host: 'httpbin.org', port: 8080 },
    });
    assert.equal(created.metadata.namespace, namespace);

    await page
      .getByRole('button', { name: 'Edit AgentgatewayBackend e2e-static' })
      .click();
    await dialog().getByRole('button', { name: 'YAML' }).click();
    await replaceYaml(t => t.replace('port: 8080', 'port: 9090'));
    await dialog()
      .getByText(/^Valid/)
      .waitFor({ timeout: 30_000 });
    await save('Save');
    await eventually('backend edited', async () =>
      (
        await inCluster('AgentgatewayBackend', 'e2e-static')
      )?.spec.static.port === 9090
        ? true
        : undefined,
    );

    await remove('AgentgatewayBackend', 'e2e-static');
  });

  test('AI backend with its API key: the Secret (key Authorization) and the backend are created together', async () => {
    const key = `sk-e2e-${Date.now()}`;
    await openTab('backends');
    await page.waitForFunction(
      () =>
        !document
          .querySelector('button[aria-label="Create Backend"]')
          ?.hasAttribute('disabled'),
    );
    await page.getByRole('button', { name: 'Create Backend' }).click();
    await page.getByRole('menuitem', { name: 'AI backend: Anthropic' }).click();
    await textbox(/^Name/).fill('e2e-claude');
    await textbox(/^Model/).fill('claude-sonnet-4-5');
    await dialog()
      .getByLabel(/^API key/)
      .fill(key);
    await save('Create');
    const created = await eventually('AI backend created', () =>
      inCluster('AgentgatewayBackend', 'e2e-claude'),
    );
    assert.deepEqual(created.spec, {
      ai: { provider: { anthropic: { model: 'claude-sonnet-4-5' } } },
      policies: { auth: { secretRef: { name: 'e2e-claude-api-key' } } },
    });
    const secret = await inCluster('Secret', 'e2e-claude-api-key');
    if (!secret) {
      const list = await stack
        .kubeConfig()
        .makeApiClient(CoreV1Api)
        .listNamespacedSecret({ namespace });
      assert.fail(
        `no Secret e2e-claude-api-key; ${namespace} has ${JSON.stringify(
          list.items.map(i => i.metadata?.name),
        )}`,
      );
    }
    assert.equal(
      Buffer.from(secret.data.Authorization, 'base64').toString(),
      key,
    );
    // write-only: the value is nowhere in the page
    await page
      .getByRole('button', {
        name: 'Show details of Backend e2e-claude',
        exact: true,
      })
      .waitFor();
    assert.ok(
      !(await page.content()).includes(key),
      'the API key is not shown',
    );
    await remove('AgentgatewayBackend', 'e2e-claude');
  });

  test('route: create with the form (gateway listener → backend, path, weight), edit with the form, delete', async () => {
    await openTab('routes');
    await page.waitForFunction(
      () =>
        !document
          .querySelector('button[aria-label="Create HTTP route"]')
          ?.hasAttribute('disabled'),
    );
    await page.getByRole('button', { name: 'Create HTTP route' }).click();
    await textbox(/^Name/).fill('e2e-route');
    await choose(/^Gateway/, `${stack.ns('agentgateway-system')}/ai-gateway`);
    await choose(/^Listener/, 'http');
    await textbox(/^Path$/).fill('/support/e2e');
    await dialog()
      .getByRole('button', { name: /Add backend/ })
      .click();
    await choose(/^Backend/, 'support-openai');
    await dialog()
      .getByRole('spinbutton', { name: /^Weight/ })
      .fill('100');
    await save('Create');
    const created = await eventually('route created', () =>
      inCluster('HTTPRoute', 'e2e-route'),
    );
    assert.deepEqual(created.spec.parentRefs, [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'ai-gateway',
        namespace: stack.ns('agentgateway-system'),
        sectionName: 'http',
      },
    ]);
    assert.deepEqual(created.spec.rules[0].backendRefs, [
      {
        group: 'agentgateway.dev',
        kind: 'AgentgatewayBackend',
        name: 'support-openai',
        weight: 100,
      },
    ]);
    assert.equal(created.spec.rules[0].matches[0].path.value, '/support/e2e');

    await page
      .getByRole('button', {
        name: 'Show details of HTTP route e2e-route',
        exact: true,
      })
      .waitFor();
    await page
      .getByRole('button', { name: 'Edit HTTPRoute e2e-route' })
      .click();
    await textbox(/^Path$/).fill('/support/e2e-v2');
    await save('Save');
    await eventually('route edited', async () =>
      (
        await inCluster('HTTPRoute', 'e2e-route')
      )?.spec.rules[0].matches[0].path.value === '/support/e2e-v2'
        ? true
        : undefined,
    );

    await remove('HTTPRoute', 'e2e-route');
  });

  test('policy: create in the YAML editor, edit with the form, delete', async () => {
    await openTab('policies');
    await page.waitForFunction(
      () =>
        !document
          .querySelector('button[aria-label="Create Policy"]')
          ?.hasAttribute('disabled'),
    );
    await page.getByRole('button', { name: 'Create Policy' }).click();
    await page.getByRole('menuitem', { name: 'Other (YAML)' }).click();
    await replaceYaml(() =>
      [
        'apiVersion: agentgateway.dev/v1alpha1',
        'kind: AgentgatewayPolicy',
        'metadata:',
        '  name: e2e-timeouts',
        'spec:',
        '  targetRefs:',
        '    - group: gateway.networking.k8s.io',
        '      kind: HTTPRoute',
        '      name: support-openai',
        '  traffic:',
        '    timeouts:',
        '      request: 10s',
        '',
      ].join('\n'),
    );
    await dialog()
      .getByText(/^Valid/)
      .waitFor({ timeout: 30_000 });
    await save('Create');
    const created = await eventually('policy created', () =>
      inCluster('AgentgatewayPolicy', 'e2e-timeouts'),
    );
    assert.deepEqual(created.spec.traffic, { timeouts: { request: '10s' } });

    await page
      .getByRole('button', {
        name: 'Show details of Policy e2e-timeouts',
        exact: true,
      })
      .waitFor();
    await page
      .getByRole('button', { name: 'Edit AgentgatewayPolicy e2e-timeouts' })
      .click();
    await textbox(/^Request timeout/).fill('20s');
    await save('Save');
    await eventually('policy edited', async () =>
      (
        await inCluster('AgentgatewayPolicy', 'e2e-timeouts')
      )?.spec.traffic.timeouts.request === '20s'
        ? true
        : undefined,
    );

    await remove('AgentgatewayPolicy', 'e2e-timeouts');
  });
});
