import { stripObject } from './strip';

describe('stripObject', () => {
  it('drops managedFields and the last-applied annotation, keeps everything else', () => {
    const obj = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: {
        name: 'b',
        namespace: 'n',
        resourceVersion: '7',
        labels: { a: 'b' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"big":true}',
          keep: 'me',
        },
        managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
      },
      spec: { ai: {} },
      status: { conditions: [] },
    };
    expect(stripObject(obj)).toEqual({
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: {
        name: 'b',
        namespace: 'n',
        resourceVersion: '7',
        labels: { a: 'b' },
        annotations: { keep: 'me' },
      },
      spec: { ai: {} },
      status: { conditions: [] },
    });
    const plain = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' } };
    expect(stripObject(plain)).toBe(plain);
  });

  it('does not modify its input and keeps the fields around managedFields in their order', () => {
    const input = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: {
        name: 'b',
        namespace: 'n',
        managedFields: [{ manager: 'kube-local-seed' }],
        resourceVersion: '3',
      },
      spec: { ai: { provider: { openai: { model: 'gpt-4o' } } } },
    };
    const before = JSON.stringify(input);
    const out = stripObject(input, {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
    });
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.keys(out.metadata)).toEqual([
      'name',
      'namespace',
      'resourceVersion',
    ]);
    expect(out.spec).toEqual(input.spec);
  });

  it('drops managedFields when it is the last field (as kube-apiserver writes it)', () => {
    const input = {
      apiVersion: 'v1',
      kind: 'X',
      metadata: {
        name: 'x',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        },
        managedFields: [{ manager: 'kubectl' }],
      },
    };
    const out = stripObject(input);
    expect(out.metadata).toEqual({ name: 'x' });
    expect(input.metadata.managedFields).toHaveLength(1);
  });

  it('keeps an apiVersion / kind that differs from the kind strings given', () => {
    const obj = { apiVersion: 'v9', kind: 'Other', metadata: { name: 'o' } };
    expect(stripObject(obj, { apiVersion: 'v1', kind: 'X' })).toEqual({
      apiVersion: 'v9',
      kind: 'Other',
      metadata: { name: 'o' },
    });
    const frozen = Object.freeze({
      apiVersion: 'v1',
      kind: 'X',
      metadata: Object.freeze({ name: 'f', labels: { a: 'b' } }),
    });
    expect(stripObject(frozen, { apiVersion: 'v1', kind: 'X' })).toBe(frozen);
  });
});
