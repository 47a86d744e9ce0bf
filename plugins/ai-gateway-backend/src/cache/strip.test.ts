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
});
