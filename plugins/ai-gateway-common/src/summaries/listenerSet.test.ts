import { getKind } from '../registry/kinds';
import type { KubeObject } from '../registry/types';
import { listenerSetGateway, listenerSetListeners } from './listenerSet';

const listenerSet = (parentRef: object): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'ListenerSet',
  metadata: { name: 'extra', namespace: 'team-search' },
  spec: {
    parentRef,
    listeners: [
      { name: 'plain', protocol: 'HTTP', port: 8080 },
      {
        name: 'tls',
        protocol: 'HTTPS',
        port: 8443,
        hostname: 'search.example.com',
        tls: { certificateRefs: [{ name: 'search-tls' }] },
      },
    ],
  },
  status: {
    conditions: [
      { type: 'Accepted', status: 'True', reason: 'Accepted', message: '' },
      {
        type: 'Programmed',
        status: 'False',
        reason: 'ListenersNotValid',
        message: 'listener tls: HostnameConflict',
      },
    ],
    listeners: [{ name: 'plain', attachedRoutes: 2, conditions: [] }],
  },
});

describe('ListenerSet descriptor', () => {
  const d = getKind('ListenerSet');
  const obj = listenerSet({
    name: 'ai-gateway',
    namespace: 'agentgateway-system',
  });

  it('is a platform kind the cluster may not serve', () => {
    expect(d).toMatchObject({
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      plural: 'listenersets',
      scope: 'platform',
      optional: true,
    });
    expect(d.readOnly).toBeUndefined();
    expect(d.tab).toBeUndefined();
  });

  it('summarizes its Gateway, listeners and attached routes; references the Gateway and certificates', () => {
    expect(d.summarize(obj)).toEqual({
      gateways: ['agentgateway-system/ai-gateway'],
      listeners: ['plain HTTP/8080', 'tls HTTPS/8443 search.example.com'],
      attachedRoutes: ['plain: 2'],
    });
    expect(d.references(obj)).toEqual([
      {
        role: 'parent',
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        namespace: 'agentgateway-system',
        name: 'ai-gateway',
      },
      expect.objectContaining({
        role: 'secret',
        kind: 'Secret',
        namespace: 'team-search',
        name: 'search-tls',
      }),
    ]);
    expect(d.conditions(obj).map(c => [c.type, c.status])).toEqual([
      ['Accepted', 'True'],
      ['Programmed', 'False'],
    ]);
  });

  it('resolves the parent Gateway (its own namespace by default) and the listeners’ hostnames', () => {
    expect(listenerSetGateway(listenerSet({ name: 'gw' }))).toBe(
      'team-search/gw',
    );
    expect(listenerSetGateway(listenerSet({ name: 'gw', kind: 'Other' }))).toBe(
      undefined,
    );
    expect(listenerSetGateway(listenerSet({}))).toBe(undefined);
    expect(listenerSetListeners(obj)).toEqual({
      plain: undefined,
      tls: 'search.example.com',
    });
  });
});
