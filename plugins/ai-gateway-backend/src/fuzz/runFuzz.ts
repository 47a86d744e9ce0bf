import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findKind } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AccessFuzzOptions, AccessWorld } from './access';
import { WriteOperation, writeOperations } from './endpoints';
import { SECRET_VALUE, secretLeak } from './leaks';
import {
  Json,
  MUTATIONS,
  MUTATION_NAMES,
  Random,
  clone,
  pick,
  seededRandom,
  serialize,
} from './mutate';
import type { FuzzSummary } from './summary';

export { formatSummary } from './summary';
export type { FuzzFailure, FuzzSummary } from './summary';

export interface FuzzOptions {
  /** the Backstage backend, e.g. `http://localhost:7007` */
  baseUrl: string;
  /** a Backstage token (Authorization: Bearer) */
  token?: string;
  /** the entity whose endpoints are fuzzed, `kind:namespace/name` */
  entityRef: string;
  /** bodies to send (stops at whichever of count / seconds comes first) */
  count: number;
  seconds: number;
  /** requests in flight */
  concurrency?: number;
  seed?: number;
  /** the namespace the platform endpoints are fuzzed in */
  platformNamespace?: string;
  /** objects / Secrets created by the run are deleted at the end (default true) */
  cleanup?: boolean;
  /** only these operationIds (default every write operation of the document) */
  operations?: string[];
  /** real refs for the `/access/...` operations (without them those get unknown and malformed ids only) */
  access?: AccessFuzzOptions;
}

/** The path parameters the generator fills; an operation with another one makes the run fail, naming it. */
export const KNOWN_PATH_PARAMS = [
  'kind',
  'namespace',
  'name',
  'resourceKind',
  'resourceName',
  'secretName',
  'id',
];

/** The curated upstream examples (plugin-ai-gateway-node), names prefixed `fuzz-` so no real object is touched. */
export function loadSeeds(): { entity: Json[]; platform: Json[] } {
  const dir = join(
    dirname(
      require.resolve(
        '@ai-gateway-backstage/plugin-ai-gateway-node/package.json',
      ),
    ),
    'src/__fixtures__/curated',
  );
  const entity: Json[] = [];
  const platform: Json[] = [];
  for (const file of readdirSync(dir).filter(f => f.endsWith('.yaml'))) {
    for (const doc of parseAllDocuments(
      readFileSync(join(dir, file), 'utf8'),
    )) {
      const o = doc.toJSON();
      const scope = o?.kind ? findKind(o.kind)?.scope : undefined;
      if (!scope || o.kind === 'Secret') continue;
      const { namespace: _ns, ...metadata } = o.metadata ?? {};
      const seed = {
        ...o,
        metadata: { ...metadata, name: `fuzz-${metadata.name}` },
      };
      (scope === 'entity' ? entity : platform).push(seed);
    }
  }
  return { entity, platform };
}

interface FuzzRequest {
  op: WriteOperation;
  url: string;
  mutation: string;
  body?: string;
  contentType?: string;
  /** the access operations' decider token (default the run's token) */
  token?: 'main' | 'decider';
}

const encode = encodeURIComponent;
/** A seed object's kind and name (the seeds are manifests: objects with `kind` and `metadata.name`). */
function identity(o: Json): { kind: string; name: string } {
  const fields = (v: Json | undefined) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
  const { kind } = fields(o);
  const { name } = fields(fields(o).metadata);
  return {
    kind: typeof kind === 'string' ? kind : '',
    name: typeof name === 'string' ? name : '',
  };
}

const refOf = (o: Json, namespace?: string) => {
  const { kind, name } = identity(o);
  return [kind, ...(namespace ? [namespace] : []), name].map(encode).join('/');
};

function buildRequest(
  op: WriteOperation,
  random: Random,
  seeds: { entity: Json[]; platform: Json[] },
  entityPath: string,
  platformNamespace: string,
  access: AccessWorld,
): FuzzRequest {
  if (!op.path.startsWith('/entity/') && !op.path.startsWith('/platform/')) {
    const r = access.build(op, random);
    return {
      op,
      url: r.url,
      token: r.token,
      mutation: r.mutation,
      body: r.body === undefined ? undefined : serialize(r.body),
    };
  }
  const platform = op.path.startsWith('/platform');
  const seed = pick(random, platform ? seeds.platform : seeds.entity);
  const base = identity(seed);
  const mutation = pick(random, MUTATION_NAMES);
  // path parameters: mostly the object's own, sometimes fuzzed too
  const name =
    random() < 0.9
      ? base.name
      : pick(random, ['', 'Ünï', 'a'.repeat(300), '..', 'fuzz-x%2Fy']);
  const kind =
    random() < 0.9
      ? base.kind
      : pick(random, ['Pod', 'Secret', 'nosuch', 'gateway']);
  const secretName =
    random() < 0.9
      ? `fuzz-secret-${Math.floor(random() * 5)}`
      : pick(random, ['', 'A_B', 'x'.repeat(300)]);
  const url = op.path
    .replace('/entity/{kind}/{namespace}/{name}', entityPath)
    .replace('{resourceKind}', encode(kind))
    .replace('{namespace}', encode(platformNamespace))
    .replace('{resourceName}', encode(name))
    .replace('{secretName}', encode(secretName));
  if (op.method === 'DELETE') {
    const rv =
      random() < 0.3
        ? `?resourceVersion=${encode(pick(random, ['1', 'x', '-1', '🤖']))}`
        : '';
    return { op, url: `${url}${rv}`, mutation: 'none' };
  }
  // a valid body from the schema's properties, then mutated as a whole
  const valid: Record<string, Json> = {};
  for (const p of op.bodyProperties) {
    if (p === 'object') valid.object = clone(seed);
    else if (p === 'stringData') valid.stringData = { key: SECRET_VALUE };
    else if (p === 'type' && random() < 0.3)
      valid.type = pick(random, [
        'Opaque',
        'kubernetes.io/tls',
        'kubernetes.io/basic-auth',
      ]);
    else if (p === 'secrets' && random() < 0.3)
      valid.secrets = [
        { name: secretName, stringData: { apiKey: SECRET_VALUE } },
      ];
  }
  if (random() < 0.03) {
    const raw = pick(random, [
      '{',
      '',
      'null',
      '[]',
      '"x"',
      '{"object":',
      '\u0000',
    ]);
    return { op, url, mutation: 'rawBody', body: raw };
  }
  if (random() < 0.02)
    return {
      op,
      url,
      mutation: 'wrongContentType',
      body: 'object=1',
      contentType: 'application/x-www-form-urlencoded',
    };
  return {
    op,
    url,
    mutation,
    body: serialize(MUTATIONS[mutation](valid, random)),
  };
}

/** Sends generated bodies to every write endpoint until `count` or `seconds` is reached; never throws on answers. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(options.entityRef);
  if (!match)
    throw new Error(
      `entityRef must be kind:namespace/name, got ${options.entityRef}`,
    );
  const [, kind, namespace, name] = match;
  const entityPath = `/entity/${encode(kind.toLowerCase())}/${encode(
    namespace,
  )}/${encode(name)}`;
  const api = `${options.baseUrl.replace(/\/$/, '')}/api/ai-gateway`;
  const random = seededRandom(options.seed ?? Date.now());
  const seeds = loadSeeds();
  const ops = writeOperations().filter(
    o => !options.operations || options.operations.includes(o.operationId),
  );
  const missing = (options.operations ?? []).filter(
    id => !ops.some(o => o.operationId === id),
  );
  if (missing.length || !ops.length)
    throw new Error(`fuzz: no write operation ${missing.join(', ')}`);
  const unknown = ops.flatMap(o =>
    o.pathParams
      .filter(p => !KNOWN_PATH_PARAMS.includes(p))
      .map(p => `${o.operationId} {${p}}`),
  );
  if (unknown.length)
    throw new Error(
      `fuzz: no generator for the path parameters of ${unknown.join(', ')}`,
    );
  const headers = (
    contentType = 'application/json',
    which: 'main' | 'decider' = 'main',
  ): Record<string, string> => {
    const token =
      which === 'decider'
        ? options.access?.deciderToken ?? options.token
        : options.token;
    return {
      'Content-Type': contentType,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    };
  };
  const call = async (
    method: string,
    path: string,
    which: 'main' | 'decider',
    body?: Json,
  ) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: headers('application/json', which),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  };
  const access = options.access
    ? await AccessWorld.prepare(options.access, call)
    : AccessWorld.without();
  const summary: FuzzSummary = {
    sent: 0,
    seconds: 0,
    byStatus: {},
    byOperation: {},
    byMutation: {},
    failures: [],
    serverErrors: 0,
    leaks: 0,
    cleanedUp: 0,
    samples: {},
  };
  const start = Date.now();
  const deadline = start + options.seconds * 1000;
  const record = (r: FuzzRequest, status: number | 'network', text: string) => {
    const key = String(status);
    summary.byStatus[key] = (summary.byStatus[key] ?? 0) + 1;
    const perOp = (summary.byOperation[r.op.operationId] ??= {});
    perOp[key] = (perOp[key] ?? 0) + 1;
    summary.byMutation[r.mutation] = (summary.byMutation[r.mutation] ?? 0) + 1;
    summary.samples[`${r.op.operationId} ${key}`] ??= text.slice(0, 300);
    const leak =
      status === 'network'
        ? undefined
        : secretLeak(r.op.operationId, status, text);
    if (leak) summary.leaks++;
    if (status === 'network' || status >= 500 || leak) {
      if (!leak) summary.serverErrors++;
      if (summary.failures.length < 20)
        summary.failures.push({
          operationId: r.op.operationId,
          method: r.op.method,
          url: r.url,
          mutation: r.mutation,
          status,
          body: `${leak ? `LEAK of ${leak}: ` : ''}${text.slice(0, 500)}`,
        });
    }
  };
  const one = async () => {
    const r = buildRequest(
      pick(random, ops),
      random,
      seeds,
      entityPath,
      options.platformNamespace ?? 'fuzz-platform',
      access,
    );
    summary.sent++;
    try {
      const res = await fetch(`${api}${r.url}`, {
        method: r.op.method,
        headers: headers(r.contentType, r.token),
        body: r.body,
      });
      const text = await res.text();
      record(r, res.status, text);
      if (r.op.path.startsWith('/access/') && res.ok) {
        try {
          access.observe(r.op.operationId, res.status, JSON.parse(text));
        } catch {
          // not JSON: nothing to keep
        }
      }
    } catch (e) {
      record(r, 'network', String(e));
    }
  };
  const worker = async () => {
    while (summary.sent < options.count && Date.now() < deadline) await one();
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  if (options.cleanup !== false) {
    // every name the run can have created: the seeds' objects, the fuzz Secrets, the platform seeds
    const urls = [
      ...seeds.entity.map(o => `${entityPath}/resources/${refOf(o)}`),
      ...Array.from(
        { length: 5 },
        (_, i) => `${entityPath}/secrets/fuzz-secret-${i}`,
      ),
      ...seeds.platform.map(
        o =>
          `/platform/resources/${refOf(
            o,
            options.platformNamespace ?? 'fuzz-platform',
          )}`,
      ),
    ];
    for (const url of urls) {
      const res = await fetch(`${api}${url}`, {
        method: 'DELETE',
        headers: headers(),
      }).catch(() => undefined);
      if (res && (res.status === 204 || res.status === 202))
        summary.cleanedUp++;
    }
    summary.cleanedUp += await access.cleanup(call);
  }
  summary.seconds = (Date.now() - start) / 1000;
  return summary;
}
