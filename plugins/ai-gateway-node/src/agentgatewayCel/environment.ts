/**
 * The agentgateway CEL environment: the root variables a policy expression may read (upstream `schema/cel.md`,
 * `/work/shared/agentgateway/reference/cel-context.md`) and the functions it may call: the CEL standard library, the
 * `strings` extension, the Kubernetes IP / CIDR library and agentgateway's own functions (./functions.ts) and macros
 * (./macros.ts).
 */
import { CelEnv, celEnv } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { kubernetesLibrary } from '../validation/cel/library';
import { cachedRe2 } from '../validation/cel/compile';
import { agentgatewayFunctions } from './functions';

/** Root variables of agentgateway's CEL context and what they hold. */
export const AGENTGATEWAY_CEL_VARIABLES: Readonly<Record<string, string>> = {
  request:
    'the incoming HTTP request: method, path, pathAndQuery, host, scheme, uri, version, headers, body, bodyPrefix, startTime, endTime',
  response: 'the response: code, grpcStatus, headers, body, bodyPrefix',
  proxy: 'the selected gateway, listener and route, and proxy timings',
  env: 'selected process attributes: podName, namespace, gateway',
  jwt: 'claims of a verified JWT (jwtAuthentication), e.g. jwt.sub; jwt.rawToken',
  apiKey:
    'the verified API key (apiKey.key) and the metadata fields of its Secret entry, e.g. apiKey.grant',
  basicAuth: 'the verified basic-auth user: basicAuth.username',
  llm: 'the LLM request / response (ai backends): requestModel, responseModel, provider, streaming, token counts, prompt, params, cost',
  llmRequest: 'the raw LLM request (during LLM policies only)',
  source:
    'the downstream peer: address, port, identity.*, certificate fields, unverifiedWorkload.*',
  destination: 'the downstream destination at agentgateway: address, port',
  mcp: 'the MCP request: methodName, sessionId, tool / prompt / resource / task (.name, .target)',
  backend: 'the chosen backend: name, type, protocol',
  extauthz: 'dynamic metadata from ext_authz',
  extproc: 'dynamic metadata from ext_proc',
  mcpGuardrails: 'dynamic metadata from mcpGuardrails processors',
  metadata: 'values set by transformation metadata expressions',
};

export const AGENTGATEWAY_ROOT_VARIABLES: ReadonlySet<string> = new Set(
  Object.keys(AGENTGATEWAY_CEL_VARIABLES),
);

/** The Kubernetes IP / CIDR functions agentgateway registers (not the URL or quantity libraries). */
const IP_FUNCTIONS = new Set([
  'isIP',
  'ip',
  'ip.isCanonical',
  'family',
  'isLoopback',
  'isUnspecified',
  'isCIDR',
  'cidr',
  'prefixLength',
  'containsIP',
  'containsCIDR',
]);

export const agentgatewayCelEnv: CelEnv = celEnv({
  funcs: [
    ...strings,
    ...kubernetesLibrary.filter(f => IP_FUNCTIONS.has(f.name)),
    ...agentgatewayFunctions,
  ],
  re2: cachedRe2,
});

/** Calls the planner evaluates itself (no function binding). */
export const SPECIAL_FORMS: ReadonlySet<string> = new Set([
  '_[_]',
  '_[?_]',
  '_?._',
  '_?_:_',
  '_&&_',
  '_||_',
  '@not_strictly_false',
  '__not_strictly_false__',
]);

export function isKnownFunction(name: string): boolean {
  return (
    SPECIAL_FORMS.has(name) || agentgatewayCelEnv.funcs.find(name) !== undefined
  );
}
