import { getKind } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import { kubeConfigFor } from '../cluster/KubernetesClusters';
import { KubeApiError, createKubeWriteClient } from './kubeClient';

jest.setTimeout(120_000);

describe('createKubeWriteClient against kube-local', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  beforeAll(async () => {
    kube = await startKubeLocal({
      port: 0,
      seed: [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'ns', labels: { a: 'b' } },
        },
      ],
    });
  });
  afterAll(() => kube?.close());
  const client = () =>
    createKubeWriteClient(
      kubeConfigFor({
        name: 'local',
        url: kube.url,
        serviceAccountToken: kube.adminToken,
        skipTLSVerify: false,
      }),
    );
  const backend = getKind('AgentgatewayBackend');
  const secret = getKind('Secret');
  const obj = (rv?: string, model = 'm') => ({
    apiVersion: 'agentgateway.dev/v1alpha1',
    kind: 'AgentgatewayBackend',
    metadata: {
      name: 'b',
      namespace: 'ns',
      ...(rv ? { resourceVersion: rv } : {}),
    },
    spec: { ai: { provider: { openai: { model } } } },
  });

  it('dry-runs without storing, creates, replaces with a resourceVersion precondition, deletes', async () => {
    const c = client();
    await c.create(backend, obj(), true);
    expect(await c.get(backend, 'ns', 'b')).toBeUndefined();
    const created = await c.create(backend, obj(), false);
    expect(created.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'backstage-ai-gateway' }),
    ]);
    const replaced = await c.replace(
      backend,
      obj(created.metadata.resourceVersion, 'n'),
      false,
    );
    expect(replaced.spec.ai.provider.openai.model).toBe('n');
    const stale = await c
      .replace(backend, obj(created.metadata.resourceVersion, 'o'), false)
      .catch(e => e);
    expect(stale).toBeInstanceOf(KubeApiError);
    expect(stale.code).toBe(409);
    await expect(
      c.delete(backend, 'ns', 'b', {
        dryRun: false,
        resourceVersion: created.metadata.resourceVersion,
      }),
    ).rejects.toMatchObject({ code: 409 });
    await c.delete(backend, 'ns', 'b', { dryRun: true });
    expect(await c.get(backend, 'ns', 'b')).toBeDefined();
    await c.delete(backend, 'ns', 'b', {
      dryRun: false,
      resourceVersion: replaced.metadata.resourceVersion,
    });
    expect(await c.get(backend, 'ns', 'b')).toBeUndefined();
  });

  it('never returns Secret values, and reads namespace labels', async () => {
    const c = client();
    const s = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'ns' },
      stringData: { token: 'top-secret' },
    };
    const created = await c.create(secret, s, false);
    expect(created.data).toEqual({ token: '' });
    expect(JSON.stringify(await c.get(secret, 'ns', 's'))).not.toContain(
      Buffer.from('top-secret').toString('base64'),
    );
    expect(await c.namespaceLabels('ns')).toMatchObject({ a: 'b' });
    expect(await c.namespaceLabels('missing')).toBeUndefined();
  });

  it('reports Status errors with their code and causes', async () => {
    const bad = await client()
      .create(
        backend,
        { ...obj(), spec: { ai: { provider: { openai: { model: 5 } } } } },
        true,
      )
      .catch(e => e);
    expect(bad.code).toBe(422);
    expect(bad.body.details.causes[0].field).toBe(
      'spec.ai.provider.openai.model',
    );
  });
});
