import type { KubeObjectOf } from '../registry/types';
import { summarizeGateway, summarizeModel } from './gateway';

const model = (name: string, spec: Record<string, any>) => ({
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayModel',
  metadata: { name, namespace: 'team-search' },
  spec: {
    parentRefs: [{ name: 'ai-gateway', namespace: 'agentgateway-system' }],
    ...spec,
  },
});

describe('summarizeModel', () => {
  it('reads the provider enum and defaults the matched model to the object name', () => {
    expect(
      summarizeModel(model('gemini-2.5-flash', { provider: 'Gemini' })),
    ).toEqual({
      provider: 'gemini',
      model: 'gemini-2.5-flash',
      visibility: 'Public',
      gateways: ['ai-gateway'],
    });
  });

  it('prefers spec.match.model and keeps the visibility', () => {
    const s = summarizeModel(
      model('search-vertex-gemini-pro', {
        provider: 'VertexAI',
        vertexai: { projectId: 'p', region: 'us-central1' },
        match: { model: 'gemini-2.5-pro' },
        visibility: 'Internal',
      }),
    );
    expect(s).toMatchObject({
      provider: 'vertexai',
      model: 'gemini-2.5-pro',
      visibility: 'Internal',
    });
  });

  it('names the routing strategy of a virtual model', () => {
    const s = summarizeModel(
      model('search-default', {
        virtualModel: {
          failover: { targets: [{ modelRef: { name: 'a' }, priority: 0 }] },
        },
      }),
    );
    expect(s).toMatchObject({
      provider: 'virtual (failover)',
      model: 'search-default',
    });
  });
});

describe('summarizeGateway', () => {
  it('lists listeners and counts attached routes per listener (a route on two listeners counts on each)', () => {
    const gw = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'ai-gateway', namespace: 'agentgateway-system' },
      spec: {
        gatewayClassName: 'agentgateway',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80 },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 443,
            hostname: '*.example.com',
          },
        ],
      },
      status: {
        addresses: [{ type: 'IPAddress', value: '10.0.0.7' }],
        listeners: [
          { name: 'http', attachedRoutes: 14 },
          { name: 'https', attachedRoutes: 14 },
        ],
      },
    } as KubeObjectOf<'Gateway'>;
    expect(summarizeGateway(gw)).toEqual({
      class: 'agentgateway',
      listeners: ['http HTTP/80', 'https HTTPS/443 *.example.com'],
      addresses: ['10.0.0.7'],
      attachedRoutes: ['http: 14', 'https: 14'],
    });
  });
});
