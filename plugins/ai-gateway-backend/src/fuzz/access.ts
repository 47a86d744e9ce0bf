/**
 * The self-service access operations (`/access/...`) in the fuzzer: their `{id}` path parameter is a REAL access
 * request / grant id (made at the start of the run and by every request the run gets accepted) or a malformed one,
 * their bodies are generated from the request schemas with real API / consumer refs and the API's real models /
 * tools. A second token (`deciderToken`, an owner of the APIs) decides requests, so the lifecycle goes on past
 * `pending`; at the end the run cancels what is still pending and revokes its grants.
 */
import { WriteOperation } from './endpoints';
import { Json, Random, pick } from './mutate';
import { Hints, SCHEMA_MODES, SchemaMode, schemaBody } from './schemaValues';

export interface AccessFuzzOptions {
  /** entity refs of discovered APIs (`api:default/team.route`) the token may ask for */
  apiRefs: string[];
  /** a consumer (component / system / group) the token owns */
  consumerRef: string;
  /** a token of an owner of the APIs (approves / denies / re-applies); without it the run's own token is used */
  deciderToken?: string;
}

type Call = (
  method: string,
  path: string,
  token: 'main' | 'decider',
  body?: Json,
) => Promise<{ status: number; json: unknown }>;

/** `json.a.b…` when every step is an object, else undefined (answers are read defensively: they are fuzzed). */
function at(json: unknown, ...path: string[]): unknown {
  let value = json;
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const texts = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

/** Ids well-formed but unknown, and malformed ones (the contract's pattern is `^[A-Za-z0-9_-]{1,64}$`). */
const OTHER_IDS = [
  'fuzzunknownid0000000000000',
  'x'.repeat(64),
  'x'.repeat(65),
  '..',
  'a b',
  'a/b',
  '🤖',
  '%00',
  "1' OR '1'='1",
  '0',
];

export class AccessWorld {
  readonly requestIds = new Set<string>();
  readonly grantIds = new Set<string>();
  private readonly hints: Hints;

  private constructor(
    private readonly options: AccessFuzzOptions,
    offers: { models: string[]; tools: string[] },
  ) {
    this.hints = {
      ...(options.apiRefs.length ? { apiRef: options.apiRefs } : {}),
      ...(options.consumerRef ? { consumerRef: [options.consumerRef] } : {}),
      ...(offers.models.length ? { models: offers.models } : {}),
      ...(offers.tools.length ? { tools: offers.tools } : {}),
      expiresAt: [new Date(Date.now() + 7 * 86_400_000).toISOString()],
      reason: ['fuzz: generated access request'],
    };
  }

  /** No real refs: the access operations get unknown and malformed ids, bodies from the schemas alone. */
  static without(): AccessWorld {
    return new AccessWorld(
      { apiRefs: [], consumerRef: '' },
      { models: [], tools: [] },
    );
  }

  /** Reads what the APIs offer and makes one real request per API (approved by the decider when there is one). */
  static async prepare(
    options: AccessFuzzOptions,
    call: Call,
  ): Promise<AccessWorld> {
    const offers = { models: [] as string[], tools: [] as string[] };
    const scopes = new Map<string, { models?: string[]; tools?: string[] }>();
    for (const apiRef of options.apiRefs) {
      const view = await call(
        'GET',
        `/access/apis/${encodeURIComponent(apiRef)}`,
        'main',
      );
      if (view.status !== 200)
        throw new Error(
          `fuzz: access view of ${apiRef} answered ${view.status}`,
        );
      const models = texts(at(view.json, 'offers', 'models'));
      const tools = texts(at(view.json, 'offers', 'tools'));
      offers.models.push(...models);
      offers.tools.push(...tools);
      // a valid scope for the setup request: one offered model or tool of this API
      scopes.set(apiRef, {
        ...(models.length ? { models: models.slice(0, 1) } : {}),
        ...(tools.length ? { tools: tools.slice(0, 1) } : {}),
      });
    }
    const world = new AccessWorld(options, offers);
    for (const apiRef of options.apiRefs) {
      const created = await call('POST', '/access/requests', 'main', {
        apiRef,
        consumerRef: options.consumerRef,
        reason: 'fuzz: setup',
        ...scopes.get(apiRef),
      });
      // 409: the consumer already has a pending request for the API (an earlier run's); anything else is a setup error
      if (created.status !== 201 && created.status !== 409)
        throw new Error(
          `fuzz: setup request for ${apiRef} answered ${
            created.status
          }: ${JSON.stringify(created.json)}`,
        );
      world.observe('createAccessRequest', created.status, created.json);
      const id = text(at(created.json, 'request', 'id'));
      if (id && !at(created.json, 'grant') && options.deciderToken) {
        const approved = await call(
          'POST',
          `/access/requests/${encodeURIComponent(id)}/approve`,
          'decider',
          {},
        );
        world.observe('approveAccessRequest', approved.status, approved.json);
      }
    }
    return world;
  }

  /** Keeps the ids of what an answer created. */
  observe(operationId: string, status: number, json: unknown) {
    if (status < 200 || status >= 300) return;
    const requestId = text(at(json, 'request', 'id'));
    const grantId = text(at(json, 'grant', 'id'));
    const ownId = text(at(json, 'id'));
    if (requestId) this.requestIds.add(requestId);
    if (grantId) this.grantIds.add(grantId);
    if (operationId === 'createAccessRequest' && ownId)
      this.requestIds.add(ownId);
  }

  /** The `{id}` of an access path: mostly a real one of the path's collection, sometimes another or malformed. */
  private id(path: string, random: Random): string {
    let pool = [...this.requestIds, ...this.grantIds];
    if (path.startsWith('/access/grants')) pool = [...this.grantIds];
    if (path.startsWith('/access/requests')) pool = [...this.requestIds];
    const r = random();
    if (pool.length && r < 0.75) return pick(random, pool);
    // a request id on a grant path and the other way round
    if (r < 0.85 && (this.requestIds.size || this.grantIds.size))
      return pick(random, [...this.requestIds, ...this.grantIds]);
    return pick(random, OTHER_IDS);
  }

  /** An access operation's URL, token and body. */
  build(
    op: WriteOperation,
    random: Random,
  ): {
    url: string;
    token: 'main' | 'decider';
    mutation: string;
    body?: Json;
  } {
    const url = op.path.replace(
      '{id}',
      encodeURIComponent(this.id(op.path, random)),
    );
    // the decisions mostly as the decider (their 403 for others is still sent), the rest mostly as the requester
    const decision = /\/(approve|deny|reapply)$/.test(op.path);
    const token =
      this.options.deciderToken && random() < (decision ? 0.85 : 0.15)
        ? 'decider'
        : 'main';
    if (!op.schema) return { url, token, mutation: 'none' };
    const mode: SchemaMode = pick(random, SCHEMA_MODES);
    return {
      url,
      token,
      mutation: `schema:${mode}`,
      body: schemaBody(op.schema, mode, random, this.hints),
    };
  }

  /** Cancels the run's pending requests and revokes its grants; the number of objects it ended. */
  async cleanup(call: Call): Promise<number> {
    let ended = 0;
    for (const id of this.requestIds) {
      const res = await call(
        'POST',
        `/access/requests/${encodeURIComponent(id)}/cancel`,
        'main',
      );
      if (res.status === 200) ended++;
    }
    for (const id of this.grantIds) {
      const res = await call(
        'POST',
        `/access/grants/${encodeURIComponent(id)}/revoke`,
        'main',
      );
      if (res.status === 200) ended++;
    }
    return ended;
  }
}
