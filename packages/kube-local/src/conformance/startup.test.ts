import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { startKubeLocal } from '../startKubeLocal';
import { kubeConfigFor } from './__testUtils__/testServer';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kube-local-test-'));

const STATUS = {
  conditions: [
    {
      type: 'Accepted',
      status: 'True',
      reason: 'Accepted',
      message: 'ok',
      lastTransitionTime: '2026-01-01T00:00:00Z',
    },
  ],
};
const SEED_YAML = `apiVersion: v1
kind: Secret
metadata:
  name: s
  namespace: seeded
stringData:
  key: value
---
apiVersion: agentgateway.dev/v1alpha1
kind: AgentgatewayBackend
metadata:
  name: b
  namespace: seeded
spec:
  static:
    host: example.com
    port: 443
status:
  conditions:
  - type: Accepted
    status: "True"
    reason: Accepted
    message: ok
    lastTransitionTime: "2026-01-01T00:00:00Z"
`;

describe('start options: seed, seedFiles, snapshot, kubeconfig, CLI', () => {
  it('seeds objects and files, creating missing namespaces and keeping status', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'nested', 'objects.yaml'), SEED_YAML);
    fs.writeFileSync(path.join(dir, 'ignored.txt'), 'not yaml');
    const server = await startKubeLocal({
      seedFiles: [dir],
      seed: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'c', namespace: 'other' },
        },
      ],
    });
    try {
      const kc = kubeConfigFor(server.url, server.adminToken);
      const core = kc.makeApiClient(CoreV1Api);
      expect(
        (await core.listNamespace()).items.map(n => n.metadata?.name).sort(),
      ).toEqual([
        'default',
        'kube-node-lease',
        'kube-public',
        'kube-system',
        'other',
        'seeded',
      ]);
      expect(
        (await core.readNamespacedSecret({ namespace: 'seeded', name: 's' }))
          .data,
      ).toEqual({ key: Buffer.from('value').toString('base64') });
      expect(
        (await core.readNamespacedConfigMap({ namespace: 'other', name: 'c' }))
          .metadata?.name,
      ).toBe('c');
      const b = await kc
        .makeApiClient(CustomObjectsApi)
        .getNamespacedCustomObject({
          group: 'agentgateway.dev',
          version: 'v1alpha1',
          namespace: 'seeded',
          plural: 'agentgatewaybackends',
          name: 'b',
        });
      expect(b.status).toEqual(STATUS);
    } finally {
      await server.close();
    }
  });

  it('refuses to start with an invalid seed object, naming it', async () => {
    await expect(
      startKubeLocal({
        seed: [
          {
            apiVersion: 'agentgateway.dev/v1alpha1',
            kind: 'AgentgatewayBackend',
            metadata: { name: 'bad', namespace: 'x' },
            spec: {},
          },
        ],
      }),
    ).rejects.toThrow(
      /cannot seed AgentgatewayBackend x\/bad: AgentgatewayBackend.agentgateway.dev "bad" is invalid/,
    );
    await expect(
      startKubeLocal({
        seed: [
          { apiVersion: 'nope/v1', kind: 'Thing', metadata: { name: 't' } },
        ],
      }),
    ).rejects.toThrow('no resource type for nope/v1 Thing');
  });

  it('persists to a snapshot file and restores from it', async () => {
    const file = path.join(tmp(), 'state', 'snapshot.json');
    const first = await startKubeLocal({ snapshotFile: file });
    const core = kubeConfigFor(first.url, first.adminToken).makeApiClient(
      CoreV1Api,
    );
    const cm = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'persisted' }, data: { a: '1' } },
    });
    await first.close();
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['snapshot.json']);

    const second = await startKubeLocal({
      snapshotFile: file,
      seed: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'persisted', namespace: 'default' },
          data: { a: 'seed' },
        },
      ],
    });
    try {
      const core2 = kubeConfigFor(second.url, second.adminToken).makeApiClient(
        CoreV1Api,
      );
      const restored = await core2.readNamespacedConfigMap({
        namespace: 'default',
        name: 'persisted',
      });
      expect(restored.data).toEqual({ a: '1' });
      expect(restored.metadata?.uid).toBe(cm.metadata?.uid);
      expect(restored.metadata?.resourceVersion).toBe(
        cm.metadata?.resourceVersion,
      );
      const next = await core2.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'after' } },
      });
      expect(Number(next.metadata?.resourceVersion)).toBeGreaterThan(
        Number(cm.metadata?.resourceVersion),
      );
      const old = await fetch(
        `${second.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1`,
        { headers: { Authorization: `Bearer ${second.adminToken}` } },
      );
      expect(JSON.parse((await old.text()).trim())).toMatchObject({
        type: 'ERROR',
        object: { code: 410, reason: 'Expired' },
      });
    } finally {
      await second.close();
    }
  });

  it('writes a kubeconfig that client-node loads', async () => {
    const file = path.join(tmp(), 'kubeconfig');
    const server = await startKubeLocal({
      kubeconfigPath: file,
      adminToken: 'fixed-token',
    });
    try {
      expect(server.adminToken).toBe('fixed-token');
      const kc = new KubeConfig();
      kc.loadFromFile(file);
      expect(kc.getCurrentCluster()?.server).toBe(server.url);
      expect(kc.getCurrentUser()?.token).toBe('fixed-token');
      expect(
        (await kc.makeApiClient(CoreV1Api).listNamespace()).items.length,
      ).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('serves HTTPS with a self-signed certificate that the kubeconfig trusts', async () => {
    const file = path.join(tmp(), 'kubeconfig');
    const server = await startKubeLocal({ tls: true, kubeconfigPath: file });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(server.ca).toContain('BEGIN CERTIFICATE');
      const kc = new KubeConfig();
      kc.loadFromFile(file);
      expect(kc.getCurrentCluster()?.skipTLSVerify).toBeFalsy();
      expect(kc.getCurrentCluster()?.caData).toBe(
        Buffer.from(server.ca!).toString('base64'),
      );
      expect(
        (await kc.makeApiClient(CoreV1Api).listNamespace()).items.length,
      ).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('starts in-process quickly once the CRD cache is warm', async () => {
    (await startKubeLocal()).close();
    const started = Date.now();
    const server = await startKubeLocal();
    const elapsed = Date.now() - started;
    await server.close();
    expect(elapsed).toBeLessThan(2000);
  });

  it('runs as a CLI with a token file, kubeconfig and seed folder', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'seed.yaml'), SEED_YAML);
    const tokenFile = path.join(dir, 'token');
    const kubeconfig = path.join(dir, 'kubeconfig');
    const bin = path.join(__dirname, '..', '..', 'bin', 'kube-local');
    const child = spawn(
      bin,
      [
        '--port',
        '0',
        '--seed',
        dir,
        '--token-file',
        tokenFile,
        '--kubeconfig',
        kubeconfig,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', d => {
          out += d;
          const m = /listening on (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.stderr.on('data', d => (out += d));
        child.on('exit', code => reject(new Error(`exited ${code}: ${out}`)));
      });
      const token = fs.readFileSync(tokenFile, 'utf8').trim();
      expect(token).toMatch(/^[0-9a-f]{48}$/);
      const kc = new KubeConfig();
      kc.loadFromFile(kubeconfig);
      expect(kc.getCurrentCluster()?.server).toBe(url);
      const secret = await kc
        .makeApiClient(CoreV1Api)
        .readNamespacedSecret({ namespace: 'seeded', name: 's' });
      expect(secret.metadata?.name).toBe('s');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
