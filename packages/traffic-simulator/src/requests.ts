import { Flow, LlmFlow } from './plan';
import { Random, logNormal } from './prng';
import { Labels, inc, labelKey as labelKeyOf, observe } from './series';
import { Families } from './families';

const CLIENTS = ['web', 'mobile', 'batch'];

/**
 * The label arrays of a flow, built once per distinct combination: the same array object each time lets
 * `labelKey` reuse its series key (thousands of requests per simulated second at high rate scales).
 */
const memo = new WeakMap<Flow, Map<string, Labels>>();
function labelsOf(flow: Flow, key: string, build: () => Labels): Labels {
  let m = memo.get(flow);
  if (!m) {
    m = new Map();
    memo.set(flow, m);
  }
  let labels = m.get(key);
  if (!labels) {
    labels = build();
    m.set(key, labels);
  }
  return labels;
}

/**
 * One simulated request through agentgateway's request path, recorded in the families with the label sets of
 * `crates/agentgateway/src/telemetry/metrics.rs` (HTTPLabels, MinimalHTTPLabels, GenAILabels, MCPCall,
 * OutboundCallLabels, GuardrailLabels; custom labels last) and `telemetry/log.rs` L1160-1318.
 */
export function simulateRequest(
  f: Families,
  random: Random,
  flow: Flow,
  route: Labels,
): void {
  let method = 'POST';
  if (flow.protocol === 'http' && random() < 0.8) method = 'GET';
  // custom labels (`apiKey.client`...): a CEL expression that fails (no API key yet) records `unknown`
  const client = CLIENTS[Math.floor(random() * CLIENTS.length)];
  const custom = (known: boolean): Labels =>
    flow.customLabels.map(name => [name, known ? client : 'unknown']);
  const http = (
    backend: string,
    protocol: string,
    status: string,
    reason: string,
    known = true,
  ): Labels =>
    labelsOf(
      flow,
      `h|${backend}|${protocol}|${method}|${status}|${reason}|${
        known && client
      }`,
      () => [
        ['backend', backend],
        ['protocol', protocol],
        ['method', method],
        ['status', status],
        ['reason', reason],
        ...route,
        ...custom(known),
      ],
    );
  const record = (labels: Labels, seconds: number, bytes: number) => {
    inc(f.requests, labels);
    observe(f.duration, labels, seconds);
    inc(f.responseBytes, labels, bytes);
  };
  const roll = random();
  let acc = 0;
  for (const d of flow.denials) {
    acc += d.share;
    if (roll >= acc) continue;
    // authentication / authorization / request rate limits run before the backend is resolved
    const before = d.beforeBackend || flow.missing;
    const labels = before
      ? http('unknown', 'http', d.status, d.reason, d.status !== '401')
      : http(flow.backend, flow.protocol, d.status, d.reason);
    record(labels, logNormal(random, 0.002, 0.4), 60);
    if (d.reason === 'Guardrail')
      inc(f.guardrails, [
        ['phase', 'Request'],
        ['action', 'Reject'],
      ]);
    return;
  }
  if (flow.missing) {
    // ProxyError::BackendDoesNotExist → 500, reason NoHealthyBackend (proxy/mod.rs L56-65, L339)
    record(
      http('unknown', 'http', '500', 'NoHealthyBackend'),
      logNormal(random, 0.001, 0.4),
      0,
    );
    return;
  }
  const failed = roll < acc + flow.failureShare;
  const latency = logNormal(random, flow.medianLatency, 0.5) * (failed ? 3 : 1);
  let status = '200';
  if (failed) status = random() < 0.6 ? '503' : '502';
  const labels = http(
    flow.backend,
    flow.protocol,
    status,
    failed ? 'UpstreamFailure' : 'Upstream',
  );
  const minimal = labelsOf(flow, `m|${client}`, () => [
    ['backend', flow.backend],
    ...route,
    ...custom(true),
  ]);
  observe(f.requestProcessing, minimal, logNormal(random, 0.0004, 0.6));
  observe(f.responseProcessing, minimal, logNormal(random, 0.0002, 0.6));
  const subtype = { llm: 'Llm', mcp: 'Mcp', http: 'Http', a2a: 'Http' }[
    flow.protocol
  ];
  observe(
    f.upstreamCall,
    [
      ['kind', 'Primary'],
      ['subtype', subtype],
    ],
    latency * 0.97,
  );
  if (random() < 0.05)
    observe(
      f.upstreamConnect,
      [['transport', flow.protocol === 'llm' ? 'tls' : 'plaintext']],
      logNormal(random, flow.protocol === 'llm' ? 0.03 : 0.002, 0.5),
    );
  if (failed && random() < 0.5) inc(f.retries, labels);
  record(
    labels,
    latency,
    failed ? 90 : Math.round(logNormal(random, 1800, 0.7)),
  );
  if (failed) return;
  if (flow.guardrail) {
    inc(f.guardrails, [
      ['phase', 'Request'],
      ['action', 'Allow'],
    ]);
    inc(f.guardrails, [
      ['phase', 'Response'],
      ['action', random() < 0.1 ? 'Mask' : 'Allow'],
    ]);
  }
  if (flow.llm?.length)
    simulateLlm(f, random, flow, route, custom(true), latency);
  if (flow.mcp?.length) simulateMcp(f, random, flow, route, custom(true));
}

function simulateLlm(
  f: Families,
  random: Random,
  flow: Flow,
  route: Labels,
  custom: Labels,
  latency: number,
): void {
  const targets = flow.llm ?? [];
  // failover groups: the first provider takes almost everything
  const target: LlmFlow =
    targets.length > 1 && random() < 0.05
      ? targets[1 + Math.floor(random() * (targets.length - 1))]
      : targets[0];
  const genAi = labelsOf(
    flow,
    `g|${target.system}|${target.requestModel}|${custom.map(c => c[1]).join()}`,
    () => [
      ['gen_ai_operation_name', 'chat'],
      ['gen_ai_system', target.system],
      ['gen_ai_request_model', target.requestModel],
      ['gen_ai_response_model', target.responseModel],
      ...route,
      ...custom,
    ],
  );
  const input = Math.max(1, Math.round(logNormal(random, 400, 0.8)));
  const output = Math.max(1, Math.round(logNormal(random, 180, 0.7)));
  const token = (type: string, n: number) =>
    observe(
      f.tokens,
      labelsOf(flow, `t|${type}|${genAi.length}|${labelKeyOf(genAi)}`, () => [
        ['gen_ai_token_type', type],
        ...genAi,
      ]),
      n,
    );
  token('input', input);
  token('output', output);
  // prompt caching: providers report cache reads often and cache writes sometimes
  const cacheRead = random() < 0.4 ? Math.round(input * 0.6) : 0;
  const cacheWrite = random() < 0.1 ? Math.round(input * 0.3) : 0;
  if (cacheRead) token('input_cache_read', cacheRead);
  if (cacheWrite) token('input_cache_write', cacheWrite);
  inc(
    f.cost,
    genAi,
    (input * target.inputPrice + output * target.outputPrice) / 1e6,
  );
  inc(
    f.costLookups,
    labelsOf(flow, `l|${labelKeyOf(genAi)}`, () => [
      ['status', 'Exact'],
      ...genAi,
    ]),
  );
  observe(f.genAiDuration, genAi, latency);
  // streamed responses record time to first token and time per output token (telemetry/log.rs)
  if (random() < 0.7) {
    const ttft = Math.min(
      latency * 0.9,
      logNormal(random, latency * 0.25, 0.4),
    );
    observe(f.timeToFirstToken, genAi, ttft);
    observe(f.timePerOutputToken, genAi, Math.max(0, latency - ttft) / output);
  }
}

function simulateMcp(
  f: Families,
  random: Random,
  flow: Flow,
  route: Labels,
  custom: Labels,
): void {
  const mcp = (
    method: string,
    type: string,
    server: string,
    resource: string,
  ): Labels =>
    labelsOf(
      flow,
      `p|${method}|${server}|${resource}|${custom.map(c => c[1]).join()}`,
      () => [
        ['method', method],
        ['resource_type', type],
        ['server', server],
        ['resource', resource],
        ...route,
        ...custom,
      ],
    );
  const roll = random();
  if (roll < 0.1)
    inc(f.mcp, mcp('initialize', 'unknown', 'unknown', 'unknown'));
  else if (roll < 0.25)
    inc(f.mcp, mcp('tools/list', 'unknown', 'unknown', 'unknown'));
  else {
    const servers = flow.mcp ?? [];
    if (!servers.length) return;
    const server = servers[Math.floor(random() * servers.length)];
    const tool = server.tools[Math.floor(random() * server.tools.length)];
    inc(f.mcp, mcp('tools/call', 'tool', server.name, tool));
  }
}
