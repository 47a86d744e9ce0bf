import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { cleanForWrite, kindForWrite } from './request';
import { secretCauses } from './validation';

const route = (
  apiVersion = 'gateway.networking.k8s.io/v1beta1',
): KubeObject => ({
  apiVersion,
  kind: 'HTTPRoute',
  metadata: {
    name: 'r',
    uid: 'u',
    resourceVersion: '5',
    managedFields: [],
    creationTimestamp: 't',
    generation: 2,
    labels: { a: 'b' },
  },
  spec: { rules: [] },
  status: { parents: [] },
});

describe('kindForWrite', () => {
  it('resolves entity kinds and sends platform, secret, read-only and unknown kinds elsewhere', () => {
    expect(kindForWrite(route(), ['entity']).kind).toBe('HTTPRoute');
    expect(() =>
      kindForWrite({ ...route(), kind: 'Gateway' }, ['entity']),
    ).toThrow(/\/platform\/resources/);
    expect(() => kindForWrite(undefined, ['entity'], 'Secret')).toThrow(
      /\/secrets/,
    );
    expect(() => kindForWrite(undefined, ['platform'], 'GatewayClass')).toThrow(
      /read-only/,
    );
    expect(() => kindForWrite(undefined, ['entity'], 'Deployment')).toThrow(
      /not a kind this plugin manages/,
    );
    expect(() => kindForWrite(route('v1'), ['entity'])).toThrow(/apiVersion/);
    expect(() =>
      kindForWrite(route(), ['entity'], 'AgentgatewayPolicy'),
    ).toThrow(/the URL names AgentgatewayPolicy/);
  });
});

describe('cleanForWrite', () => {
  it('drops server-managed metadata and status, uses the registry version', () => {
    const kind = kindForWrite(route(), ['entity']);
    expect(cleanForWrite(kind, route(), false)).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', labels: { a: 'b' } },
      spec: { rules: [] },
    });
    expect(cleanForWrite(kind, route(), true).metadata.resourceVersion).toBe(
      '5',
    );
    expect(() =>
      cleanForWrite(kind, { apiVersion: 'x', kind: 'HTTPRoute' } as any, false),
    ).toThrow(/metadata/);
  });
});

describe('secretCauses', () => {
  it('checks the name and keys without echoing values', () => {
    const causes = secretCauses({
      name: 'Bad_Name',
      stringData: { 'ok-key': 'v1', 'bad key': 'hunter2' },
    });
    expect(causes.map(c => c.field)).toEqual([
      'metadata.name',
      'stringData[bad key]',
    ]);
    expect(JSON.stringify(causes)).not.toContain('hunter2');
    expect(
      secretCauses({ name: 'k', stringData: {} }, 'secrets[0].').map(
        c => c.field,
      ),
    ).toEqual(['secrets[0].stringData']);
    expect(secretCauses({ name: 'key', stringData: { token: 'x' } })).toEqual(
      [],
    );
  });
});
