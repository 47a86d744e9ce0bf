/**
 * Discovery benchmark: one full provider run for 1,000 routes — the backend's snapshot (buildSnapshot over 50
 * gateways, 300 backends (LLM / MCP with 25 tools each / A2A), 1,000 routes, 100 policies, 100 owning components),
 * the snapshot's JSON over the wire, and the catalog module's entity provider turning it into a full mutation.
 * Prints the backend CPU time (user + system) per run; the budget is 2 s.
 *
 *   npx tsx scripts/bench-discovery.ts [--iterations 5]
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DiscoverySnapshot,
  KubeObject,
  McpDiscoveryResult,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import {
  buildCluster,
  buildSnapshot,
  buildSnapshotWithHashes,
  BuiltSnapshot,
} from '../plugins/ai-gateway-backend/src/discovery/buildSnapshot';
import { rebuildClusters } from '../plugins/ai-gateway-backend/src/discovery/rebuildClusters';
import { changedEntities } from '../plugins/ai-gateway-backend/src/discovery/versions';
import { readDiscoveryConfig } from '../plugins/ai-gateway-backend/src/discovery/config';
import {
  OwnerLookup,
  toOwnerEntities,
} from '../plugins/ai-gateway-backend/src/discovery/owners';
import { AiGatewayEntityProvider } from '../plugins/catalog-backend-module-ai-gateway/src/AiGatewayEntityProvider';

const arg = (name: string, fallback: number) =>
  process.argv.includes(`--${name}`)
    ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1])
    : fallback;
/** `--scale N`: N times the backends, routes and policies per cluster (14 × 5 clusters ≈ 100,000 objects) */
const SCALE = arg('scale', 1);
const GATEWAYS = 50;
const BACKENDS = 300 * SCALE;
const ROUTES = 1000 * SCALE;
const POLICIES = 100 * SCALE;
const TEAMS = 100;
const TOOLS = 25;
const BUDGET_MS = 2000;
const iterations = arg('iterations', 5);

const GW = 'gateway.networking.k8s.io';
const AGW = 'agentgateway.dev';
const ns = (i: number) => `team-${i % TEAMS}`;
const label = (i: number) => ({
  'backstage.io/kubernetes-id': `svc-${i % TEAMS}`,
});

function cluster() {
  const gateways: KubeObject[] = [];
  const backends: KubeObject[] = [];
  const routes: KubeObject[] = [];
  const policies: KubeObject[] = [];
  for (let g = 0; g < GATEWAYS; g++) {
    gateways.push({
      apiVersion: `${GW}/v1`,
      kind: 'Gateway',
      metadata: { name: `gw-${g}`, namespace: 'platform' },
      spec: {
        gatewayClassName: 'agentgateway',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80 },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 443,
            hostname: `gw-${g}.example.com`,
          },
        ],
      },
    });
  }
  for (let b = 0; b < BACKENDS; b++) {
    const spec =
      b % 3 === 0
        ? {
            ai: {
              groups: [
                { providers: [{ name: 'a', openai: { model: `gpt-${b}` } }] },
                {
                  providers: [
                    { name: 'b', anthropic: { model: `claude-${b}` } },
                  ],
                },
              ],
            },
          }
        : b % 3 === 1
        ? {
            mcp: {
              targets: [
                {
                  name: 'kb',
                  static: {
                    host: `mcp-${b}.svc`,
                    port: 8080,
                    path: '/mcp',
                    protocol: 'StreamableHTTP',
                  },
                },
                {
                  name: 'web',
                  selector: { services: { matchLabels: { mcp: 'true' } } },
                },
              ],
            },
          }
        : { a2a: { host: `agent-${b}.svc`, port: 9090 } };
    backends.push({
      apiVersion: `${AGW}/v1alpha1`,
      kind: 'AgentgatewayBackend',
      metadata: { name: `be-${b}`, namespace: ns(b), labels: label(b) },
      spec,
    });
  }
  for (let r = 0; r < ROUTES; r++) {
    const b = r % BACKENDS;
    routes.push({
      apiVersion: `${GW}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: `route-${r}`, namespace: ns(b), labels: label(b) },
      spec: {
        parentRefs: [{ name: `gw-${r % GATEWAYS}`, namespace: 'platform' }],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: `/r/${r}` } }],
            backendRefs: [
              { name: `be-${b}`, group: AGW, kind: 'AgentgatewayBackend' },
            ],
          },
        ],
      },
    });
  }
  for (let p = 0; p < POLICIES; p++) {
    const traffic =
      p % 2 === 0
        ? {
            apiKeyAuthentication: {
              mode: 'Strict',
              secretRef: { name: 'keys' },
            },
            rateLimit: {
              local: [
                { requests: 60, unit: 'Minutes' },
                { tokens: 10000, unit: 'Minutes' },
              ],
            },
          }
        : {
            jwtAuthentication: {
              mode: 'Strict',
              providers: [{ issuer: 'idp' }],
            },
          };
    policies.push({
      apiVersion: `${AGW}/v1alpha1`,
      kind: 'AgentgatewayPolicy',
      metadata: { name: `pol-${p}`, namespace: ns(p) },
      spec: {
        targetRefs: Array.from({ length: 10 }, (_, i) => ({
          group: GW,
          kind: 'HTTPRoute',
          name: `route-${p + i * POLICIES}`,
        })),
        traffic,
      },
    });
  }
  return {
    name: 'bench',
    ok: true,
    gateways,
    routes,
    models: [],
    backends,
    policies,
  };
}

const components: Entity[] = Array.from({ length: TEAMS }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `svc-${i}`,
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': `svc-${i}`,
      'backstage.io/kubernetes-namespace': `team-${i}`,
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: `group:default/team-${i}`,
    system: `system-${i}`,
  },
}));

const tools: McpDiscoveryResult = {
  status: 'ok',
  tools: Array.from({ length: TOOLS }, (_, i) => ({
    name: `tool_${i}`,
    description: `Tool number ${i}`,
    inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
  })),
  prompts: [],
  resources: [],
  discoveredAt: '2026-12-01T00:00:00Z',
};

const logger: LoggerService = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => logger,
};

async function main() {
  if (process.argv.includes('--events')) {
    watchEvents(arg('events', 20), arg('clusters', 5));
    return;
  }
  const data = cluster();
  const config = readDiscoveryConfig(
    new ConfigReader({
      aiGateway: { catalog: { defaultOwner: 'group:default/platform' } },
    }),
  );
  const owners = toOwnerEntities(components);
  const mcp = { getServer: () => tools, onChange: () => () => {} };
  let wire = '';
  let snapshot!: DiscoverySnapshot;
  let applied: EntityProviderMutation | undefined;
  const provider = new AiGatewayEntityProvider({
    read: async () => JSON.parse(wire),
    logger,
    enabled: true,
  });
  await provider.connect({
    applyMutation: async m => {
      applied = m;
    },
    refresh: async () => {},
  });
  const runs: number[] = [];
  for (let i = 0; i < iterations + 1; i++) {
    const start = process.cpuUsage();
    // backend: snapshot from the caches' objects, answered as JSON
    snapshot = buildSnapshot({
      clusters: [data],
      owners: new OwnerLookup(owners, config.defaultOwner),
      mcp,
      config,
    });
    wire = JSON.stringify(snapshot);
    // catalog module: parse, build the entities, hand the full mutation to the catalog
    await provider.refresh();
    const used = process.cpuUsage(start);
    if (i > 0) runs.push((used.user + used.system) / 1000); // the first run warms the JIT
  }
  const entities = applied?.type === 'full' ? applied.entities.length : 0;
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)];
  console.log(
    `discovery: ${ROUTES} routes → ${snapshot.apis.length} APIs + ${snapshot.resources.length} Resources ` +
      `(${entities} entities, snapshot ${(wire.length / 1e6).toFixed(1)} MB)`,
  );
  console.log(
    `full provider run, backend CPU: median ${median.toFixed(0)} ms, max ${runs[
      runs.length - 1
    ].toFixed(0)} ms ` +
      `over ${runs.length} runs (budget ${BUDGET_MS} ms) → ${
        median <= BUDGET_MS ? 'OK' : 'OVER BUDGET'
      }`,
  );
  if (median > BUDGET_MS) process.exitCode = 1;
}

/**
 * `--events N [--clusters C] [--scale S]`: the backend's CPU for one debounced watch event (one object of a random
 * cluster changed: its labels, or a route detached / re-attached) — a whole build, against the update of that
 * cluster only (`rebuildClusters`), each with the changed-entities diff the change event needs; the two must give
 * the same version.
 */
function watchEvents(events: number, clusterCount: number) {
  const config = readDiscoveryConfig(
    new ConfigReader({
      aiGateway: { catalog: { defaultOwner: 'group:default/platform' } },
    }),
  );
  const owners = new OwnerLookup(
    toOwnerEntities(components),
    config.defaultOwner,
  );
  const mcp = { getServer: () => tools, onChange: () => () => {} };
  const clusters = Array.from({ length: clusterCount }, (_, i) => ({
    ...cluster(),
    name: `c${i}`,
  }));
  const input = () => ({ clusters: clusters.slice(), owners, mcp, config });
  const objects = clusters.reduce(
    (n, c) =>
      n +
      c.gateways.length +
      c.routes.length +
      c.backends.length +
      c.policies.length,
    0,
  );
  let previous = buildSnapshotWithHashes(input());
  const cpu = (fn: () => void) => {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const whole: number[] = [];
  const update: number[] = [];
  const ofWhich: number[] = [];
  let seed = 1;
  const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let e = 0; e < events + 1; e++) {
    const at = Math.floor(rnd() * clusters.length);
    const c = { ...clusters[at] };
    const kind = (['routes', 'backends', 'policies', 'gateways'] as const)[
      e % 4
    ];
    const list = c[kind].slice();
    const i = Math.floor(rnd() * list.length);
    const obj = structuredClone(list[i]);
    obj.metadata.labels = { ...obj.metadata.labels, rev: String(e) };
    if (kind === 'routes' && e % 8 === 0)
      obj.spec = { ...obj.spec, parentRefs: e % 16 ? [] : obj.spec.parentRefs };
    list[i] = obj;
    c[kind] = list;
    clusters[at] = c;
    let full!: BuiltSnapshot;
    let next!: BuiltSnapshot;
    const w = cpu(() => {
      full = buildSnapshotWithHashes(input());
      changedEntities(previous.hashes, full.hashes);
    });
    const u = cpu(() => {
      next = rebuildClusters(previous, input(), new Set([c.name]))!;
      changedEntities(previous.hashes, next.hashes);
    });
    // of which the changed cluster's entities (the rest: assembling, hashing the new entities, the diff)
    const b = cpu(() => buildCluster(c, input(), clusters.length > 1));
    if (next.snapshot.version !== full.snapshot.version)
      throw new Error(`event ${e}: the update differs from a whole build`);
    previous = next;
    if (e > 0) {
      // the first event warms the JIT
      whole.push(w);
      update.push(u);
      ofWhich.push(b);
    }
  }
  const median = (xs: number[]) =>
    xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `watch events: ${objects} objects in ${clusterCount} clusters → ${previous.snapshot.apis.length} APIs + ${previous.snapshot.resources.length} Resources; ${events} events, one object each`,
  );
  console.log(
    `backend CPU per event: whole build median ${median(whole).toFixed(
      0,
    )} ms (max ${Math.max(...whole).toFixed(
      0,
    )}), update of the cluster median ${median(update).toFixed(
      0,
    )} ms (max ${Math.max(...update).toFixed(
      0,
    )}; building that cluster's entities alone: median ${median(
      ofWhich,
    ).toFixed(0)} ms); same version every time`,
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
