import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { TabResponse } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { seed } from './seed';
import { eventually, startTestEnvironment } from './testBackend';
import { TEST_KUBECONFIG_ENV } from './testCluster';

jest.setTimeout(120_000);

const backendsTab =
  '/api/ai-gateway/entity/component/default/support-bot/tabs/backends';

async function readBackends(
  env: Awaited<ReturnType<typeof startTestEnvironment>>,
) {
  return eventually(async () => {
    const res = await request(env.backend.server).get(backendsTab);
    const body: TabResponse = res.body;
    if (!body.clusters?.[0]?.ok || !body.items.length)
      throw new Error(`not ready: ${res.text}`);
    return body;
  }, 60_000);
}

describe('startTestEnvironment', () => {
  const saved = process.env[TEST_KUBECONFIG_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[TEST_KUBECONFIG_ENV];
    else process.env[TEST_KUBECONFIG_ENV] = saved;
  });

  it('starts kube-local with the seed and the plugin reading it', async () => {
    delete process.env[TEST_KUBECONFIG_ENV];
    const env = await startTestEnvironment({ seed });
    try {
      expect(env.kube.real).toBe(false);
      const body = await readBackends(env);
      expect(body.items.map(i => i.namespace)).toContain('team-support');
    } finally {
      await env.close();
    }
  });

  it(`with ${TEST_KUBECONFIG_ENV}: installs missing CRDs, seeds prefixed namespaces, removes them afterwards`, async () => {
    // an API server with no CRDs at all, reached only through its kubeconfig, stands in for a real cluster
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aigw-real-'));
    const kubeconfigPath = path.join(dir, 'kubeconfig');
    const real = await startKubeLocal({ port: 0, crds: [], kubeconfigPath });
    process.env[TEST_KUBECONFIG_ENV] = kubeconfigPath;
    try {
      const env = await startTestEnvironment({ seed });
      let prefixed = '';
      try {
        expect(env.kube.real).toBe(true);
        prefixed = env.kube.ns('team-support');
        expect(prefixed).toMatch(/^aigw-[0-9a-f]{6}-team-support$/);
        const body = await readBackends(env);
        expect(body.selection.namespace).toBe(prefixed);
        expect(new Set(body.items.map(i => i.namespace))).toEqual(
          new Set([prefixed]),
        );
      } finally {
        await env.close();
      }
      const auth = { headers: { Authorization: `Bearer ${real.adminToken}` } };
      const crds = await (
        await fetch(
          `${real.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`,
          auth,
        )
      ).json();
      expect(
        crds.items.map((c: { metadata: { name: string } }) => c.metadata.name),
      ).toContain('agentgatewaybackends.agentgateway.dev');
      const namespaces = await (
        await fetch(`${real.url}/api/v1/namespaces`, auth)
      ).json();
      expect(
        namespaces.items
          .map((n: { metadata: { name: string } }) => n.metadata.name)
          .filter((n: string) => n.startsWith('aigw-')),
      ).toEqual([]);
    } finally {
      await real.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
