/*
 * The object writer against a real local API server, with a fault injected into the client after the Secret
 * writes: a resource and its Secrets are written all or nothing (rotated Secrets restored, created ones gone).
 */
import { ServiceUnavailableError } from '@backstage/errors';
import { startKubeLocal } from '@ai-gateway-backstage/kube-local';
import {
  KubeObject,
  RESOURCE_KINDS,
  ResourceKindDescriptor,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  createCrdValidator,
  loadBundledCrds,
} from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { ResourceCaches } from '../cache/ResourceCaches';
import { InMemoryCollection } from '../cache/testSource';
import { kubeConfigFor } from '../cluster/KubernetesClusters';
import { NotFoundError } from '@backstage/errors';
import {
  KubeApiError,
  KubeWriteClient,
  createKubeWriteClient,
} from './kubeClient';
import { ObjectWriter } from './ObjectWriter';
import { WriteScope } from './scopes';

jest.setTimeout(120_000);

const NS = 'pairs';

/** A scope that owns everything in one namespace (the writer, not the strategy, is under test here). */
const scope: WriteScope = {
  kinds: ['entity'],
  authorize: async () => undefined,
  place: () => ({ cluster: 'local', namespace: NS }),
  claim: (object, namespace) => ({
    ...object,
    metadata: { ...object.metadata, namespace },
  }),
  owns: () => true,
  assertSoleOwner: async () => undefined,
  notFound: (kind, name) => new NotFoundError(`${kind} ${name} not found`),
  partitionSubject: namespace => ({ namespace }),
  partitionExempt: async () => true,
};

describe('ObjectWriter: a resource and its Secrets, all or nothing', () => {
  let kube: Awaited<ReturnType<typeof startKubeLocal>>;
  let caches: ResourceCaches;
  /** when set, the real (not dry-run) write of this kind fails after the Secrets were written */
  let failKind: string | undefined;

  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${kube.url}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${kube.adminToken}`,
        'Content-Type': 'application/json',
      },
    });
  const secretData = async (name: string) => {
    const res = await admin(`/api/v1/namespaces/${NS}/secrets/${name}`);
    if (res.status === 404) return undefined;
    const body = await res.json();
    return Object.fromEntries(
      Object.entries(body.data ?? {}).map(([k, v]) => [
        k,
        Buffer.from(String(v), 'base64').toString(),
      ]),
    );
  };
  const backendModel = async () => {
    const res = await admin(
      `/apis/agentgateway.dev/v1alpha1/namespaces/${NS}/agentgatewaybackends/llm`,
    );
    return (await res.json()).spec.ai.provider.openai.model;
  };

  const writer = () => {
    const raw = createKubeWriteClient(
      kubeConfigFor({
        name: 'local',
        url: kube.url,
        serviceAccountToken: kube.adminToken,
        skipTLSVerify: false,
      }),
    );
    const faulty: KubeWriteClient = {
      ...raw,
      replace: (kind: ResourceKindDescriptor, object, dryRun, warnings) =>
        !dryRun && kind.kind === failKind
          ? Promise.reject(
              new KubeApiError(500, { message: 'injected failure' }),
            )
          : raw.replace(kind, object, dryRun, warnings),
    };
    return new ObjectWriter({
      validator: createCrdValidator(loadBundledCrds()),
      reader: caches,
      clientFor: () => faulty,
    });
  };

  beforeAll(async () => {
    kube = await startKubeLocal({
      port: 0,
      seed: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'llm-key', namespace: NS },
          type: 'Opaque',
          stringData: { Authorization: 'old-auth', extra: 'old-extra' },
        },
        {
          apiVersion: 'agentgateway.dev/v1alpha1',
          kind: 'AgentgatewayBackend',
          metadata: { name: 'llm', namespace: NS },
          spec: { ai: { provider: { openai: { model: 'gpt-a' } } } },
        },
      ],
    });
    caches = new ResourceCaches({
      clusters: ['local'],
      sourceFor: () => new InMemoryCollection(),
    });
    caches.start();
    await caches.waitUntilSettled(
      RESOURCE_KINDS.map(k => k.kind),
      2000,
    );
  });
  afterAll(async () => {
    caches?.stop();
    await kube?.close();
  });

  const update = async (model: string) => {
    const current = await (
      await admin(
        `/apis/agentgateway.dev/v1alpha1/namespaces/${NS}/agentgatewaybackends/llm`,
      )
    ).json();
    const object: KubeObject = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: {
        name: 'llm',
        resourceVersion: current.metadata.resourceVersion,
      },
      spec: { ai: { provider: { openai: { model } } } },
    };
    const w = writer();
    const plan = await w.plan(scope, {
      action: 'update',
      kind: 'AgentgatewayBackend',
      name: 'llm',
      object,
      secrets: [
        { name: 'llm-key', stringData: { Authorization: 'new-auth' } },
        { name: 'llm-new', stringData: { token: 'new-token' } },
      ],
    });
    expect(plan.causes).toEqual([]);
    expect(plan.steps.map(s => `${s.write} ${s.kind.kind} ${s.name}`)).toEqual([
      'merge Secret llm-key',
      'create Secret llm-new',
      'replace AgentgatewayBackend llm',
    ]);
    return w.apply(plan);
  };

  it('a failure after the Secret writes leaves the Secrets and the object as they were', async () => {
    failKind = 'AgentgatewayBackend';
    const error = await update('gpt-b').catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(/injected failure/);
    expect(await secretData('llm-key')).toEqual({
      Authorization: 'old-auth',
      extra: 'old-extra',
    });
    expect(await secretData('llm-new')).toBeUndefined();
    expect(await backendModel()).toBe('gpt-a');
  });

  it('without the failure, rotates only the keys sent, creates the new Secret, replaces the object', async () => {
    failKind = undefined;
    const result = await update('gpt-c');
    expect(result.item?.spec.ai.provider.openai.model).toBe('gpt-c');
    expect(result.secrets.map(s => [s.metadata.name, s.data])).toEqual([
      ['llm-key', { Authorization: '', extra: '' }],
      ['llm-new', { token: '' }],
    ]);
    expect(JSON.stringify(result)).not.toMatch(/new-auth|old-extra|new-token/);
    expect(await secretData('llm-key')).toEqual({
      Authorization: 'new-auth',
      extra: 'old-extra',
    });
    expect(await secretData('llm-new')).toEqual({ token: 'new-token' });
    expect(await backendModel()).toBe('gpt-c');
  });
});
