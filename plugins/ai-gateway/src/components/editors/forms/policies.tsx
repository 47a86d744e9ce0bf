import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { getIn } from '../objectPath';
import { ApiKeyForm, JwtForm } from './policyAuth';
import { POLICY } from './policyCommon';
import {
  AuthorizationForm,
  CorsForm,
  PromptGuardForm,
  RateLimitForm,
  TimeoutsForm,
} from './policyTraffic';
import { FormDescriptor } from './types';

const gatewayTarget = () => [
  { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: '' },
];
const routeTarget = () => [
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: '' },
];
const policy = (spec: Record<string, unknown>): KubeObject => ({
  ...POLICY,
  metadata: { name: '' },
  spec,
});
const has = (path: string) => (o: KubeObject) =>
  o.kind === POLICY.kind && getIn(o, path) !== undefined;

export const policyForms: FormDescriptor[] = [
  {
    id: 'policy-apikey',
    kind: POLICY.kind,
    label: 'Policy: API-key authentication',
    matches: has('spec.traffic.apiKeyAuthentication'),
    template: () =>
      policy({
        targetRefs: gatewayTarget(),
        traffic: {
          apiKeyAuthentication: { mode: 'Strict', secretRef: { name: '' } },
        },
      }),
    Form: ApiKeyForm,
    credentials: {
      refPath: 'spec.traffic.apiKeyAuthentication.secretRef',
      defaultName: n => `${n}-api-keys`,
    },
  },
  {
    id: 'policy-jwt',
    kind: POLICY.kind,
    label: 'Policy: JWT authentication',
    matches: has('spec.traffic.jwtAuthentication'),
    template: () =>
      policy({
        targetRefs: gatewayTarget(),
        traffic: {
          jwtAuthentication: {
            mode: 'Strict',
            providers: [{ issuer: '', jwks: { inline: '' } }],
          },
        },
      }),
    Form: JwtForm,
  },
  {
    id: 'policy-ratelimit',
    kind: POLICY.kind,
    label: 'Policy: local rate limit (requests / LLM tokens)',
    matches: has('spec.traffic.rateLimit.local'),
    template: () =>
      policy({
        targetRefs: routeTarget(),
        traffic: { rateLimit: { local: [{ requests: 10, unit: 'Minutes' }] } },
      }),
    Form: RateLimitForm,
  },
  {
    id: 'policy-promptguard',
    kind: POLICY.kind,
    label: 'Policy: prompt guard',
    matches: has('spec.backend.ai.promptGuard'),
    template: () =>
      policy({
        targetRefs: routeTarget(),
        backend: {
          ai: {
            promptGuard: {
              request: [
                {
                  regex: { action: 'Reject', builtins: ['CreditCard'] },
                  response: {
                    message: 'Rejected by prompt guard',
                    statusCode: 403,
                  },
                },
              ],
            },
          },
        },
      }),
    Form: PromptGuardForm,
  },
  {
    id: 'policy-authz',
    kind: POLICY.kind,
    label: 'Policy: CEL authorization (HTTP / LLM)',
    matches: has('spec.traffic.authorization'),
    template: () =>
      policy({
        targetRefs: gatewayTarget(),
        traffic: {
          authorization: { action: 'Allow', policy: { matchExpressions: [] } },
        },
      }),
    Form: () => (
      <AuthorizationForm
        base="spec.traffic.authorization"
        title="CEL authorization"
      />
    ),
  },
  {
    id: 'policy-mcp-authz',
    kind: POLICY.kind,
    label: 'Policy: MCP tool authorization (CEL)',
    matches: has('spec.backend.mcp.authorization'),
    template: () =>
      policy({
        targetRefs: [
          { group: 'agentgateway.dev', kind: 'AgentgatewayBackend', name: '' },
        ],
        backend: {
          mcp: {
            authorization: {
              action: 'Allow',
              policy: { matchExpressions: ["mcp.tool.name == 'get_me'"] },
            },
          },
        },
      }),
    Form: () => (
      <AuthorizationForm
        base="spec.backend.mcp.authorization"
        title="MCP tool rules (CEL over mcp.tool.name, jwt...)"
        kinds={['AgentgatewayBackend', 'HTTPRoute', 'Gateway']}
      />
    ),
  },
  {
    id: 'policy-cors',
    kind: POLICY.kind,
    label: 'Policy: CORS',
    matches: has('spec.traffic.cors'),
    template: () =>
      policy({
        targetRefs: routeTarget(),
        traffic: {
          cors: {
            allowOrigins: ['https://example.com'],
            allowMethods: ['GET', 'POST'],
          },
        },
      }),
    Form: CorsForm,
  },
  {
    id: 'policy-timeouts',
    kind: POLICY.kind,
    label: 'Policy: timeouts and retries',
    matches: o =>
      has('spec.traffic.timeouts')(o) || has('spec.traffic.retry')(o),
    template: () =>
      policy({
        targetRefs: routeTarget(),
        traffic: {
          timeouts: { request: '30s' },
          retry: { attempts: 3, backoff: '1s', codes: [502, 503] },
        },
      }),
    Form: TimeoutsForm,
  },
];
