import type {
  AccessGrant,
  AccessRequest,
  ApiAccessView,
  EffectiveAccess,
  IssuedKey,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export const BASE_URL = 'http://backend.test/api/ai-gateway';

/** One call the UI made: method, path under the plugin's base URL (with query), parsed JSON body. */
export interface SeenCall {
  method: string;
  path: string;
  body?: unknown;
}

type Api = Omit<ApiAccessView, 'requests' | 'grants'>;
type Json = Record<string, unknown>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

const NOW = '2026-12-02T10:00:00.000Z';

/**
 * The access routes of the backend as the contract (`ACCESS_PATHS`, the wire types of -common) describes them,
 * in memory: requests, decisions, grants, claim once (409 afterwards), rotate with a grace time, revoke, re-apply.
 * Errors are Backstage error bodies, as the backend's error middleware writes them. Every call is recorded.
 */
export class AccessBackend {
  readonly calls: SeenCall[] = [];
  readonly requests: AccessRequest[] = [];
  readonly grants: AccessGrant[] = [];
  effective: Record<string, EffectiveAccess> = {};
  /** the next answer of `POST /access/requests` fails with this (e.g. a 409 for a second pending request) */
  failNextCreate?: { status: number; name: string; message: string };
  private seq = 0;

  constructor(private readonly apis: Api[]) {}

  private api(ref: string): Api {
    const api = this.apis.find(a => a.apiRef === ref);
    if (!api)
      throw new HttpError(404, 'NotFoundError', `${ref} is not an AI API`);
    return api;
  }

  private grant(id: string): AccessGrant {
    const g = this.grants.find(x => x.id === id);
    if (!g) throw new HttpError(404, 'NotFoundError', `grant ${id} not found`);
    return g;
  }

  private pending(id: string): AccessRequest {
    const r = this.requests.find(x => x.id === id);
    if (!r)
      throw new HttpError(404, 'NotFoundError', `request ${id} not found`);
    if (r.state !== 'pending')
      throw new HttpError(409, 'ConflictError', `request ${id} is ${r.state}`);
    return r;
  }

  addGrant(
    g: Partial<AccessGrant> &
      Pick<AccessGrant, 'apiRef' | 'consumerRef' | 'scope'>,
  ): AccessGrant {
    const grant: AccessGrant = {
      id: `g${++this.seq}`,
      requestId: `r${this.seq}`,
      state: 'active',
      createdAt: NOW,
      expiresAt: '2027-03-02T23:59:59.000Z',
      approvedBy: 'user:default/owner',
      objects: [],
      ...g,
    };
    this.grants.push(grant);
    return grant;
  }

  addRequest(
    r: Partial<AccessRequest> &
      Pick<AccessRequest, 'apiRef' | 'consumerRef' | 'scope'>,
  ): AccessRequest {
    const request: AccessRequest = {
      id: `r${++this.seq}`,
      requestedBy: 'user:default/dev',
      reason: 'triage bot',
      expiresAt: '2027-03-02T23:59:59.000Z',
      state: 'pending',
      createdAt: NOW,
      ...r,
    };
    this.requests.push(request);
    return request;
  }

  private issue(g: AccessGrant): IssuedKey {
    const key = `agw_KEY${++this.seq}xxxxxxxxxxxxxxxxxxxxxxxxxxxx`;
    g.state = 'active';
    g.keyId = `key-${this.seq}`;
    g.keyPrefix = key.slice(0, 8);
    g.keyIssuedAt = NOW;
    const api = this.api(g.apiRef);
    return {
      grantId: g.id,
      key,
      keyPrefix: g.keyPrefix,
      header: 'Authorization',
      scheme: 'Bearer ',
      baseUrl:
        api.apiType === 'llm'
          ? 'http://ai.demo.local:8080/support/openai/v1'
          : 'http://ai.demo.local:8080/support/mcp',
    };
  }

  private grantFor(r: AccessRequest, by: string): AccessGrant {
    r.state = 'approved';
    r.decidedBy = by;
    r.decidedAt = NOW;
    const g = this.addGrant({
      requestId: r.id,
      apiRef: r.apiRef,
      consumerRef: r.consumerRef,
      scope: r.scope,
      state: 'awaiting-key',
      expiresAt: r.expiresAt,
      approvedBy: by,
    });
    r.grantId = g.id;
    return g;
  }

  private route(
    method: string,
    path: string,
    body: Json,
  ): { status: number; body: unknown } {
    const [pathname, search = ''] = path.split('?');
    const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const ok = (b: unknown, status = 200) => ({ status, body: b });
    if (parts[0] !== 'access')
      throw new HttpError(404, 'NotFoundError', `no route ${path}`);
    const [, what, id, action] = parts;
    if (method === 'GET' && what === 'apis') {
      const api = this.api(id);
      return ok({
        ...api,
        requests: this.requests.filter(r => r.apiRef === id),
        grants: this.grants.filter(g => g.apiRef === id),
      });
    }
    if (method === 'GET' && what === 'consumers')
      return ok({
        consumerRef: id,
        requests: this.requests.filter(r => r.consumerRef === id),
        grants: this.grants.filter(g => g.consumerRef === id),
      });
    if (method === 'GET' && what === 'inbox')
      return ok(this.requests.filter(r => r.state === 'pending'));
    if (method === 'GET' && what === 'effective') {
      const q = new URLSearchParams(search);
      const found =
        this.effective[`${q.get('apiRef')} ${q.get('consumerRef')}`];
      if (!found)
        throw new HttpError(404, 'NotFoundError', 'no grant for this consumer');
      return ok(found);
    }
    if (method === 'GET' && what === 'grants') return ok(this.grant(id));
    if (method === 'POST' && what === 'requests' && !id) {
      if (this.failNextCreate) {
        const f = this.failNextCreate;
        this.failNextCreate = undefined;
        throw new HttpError(f.status, f.name, f.message);
      }
      const api = this.api(String(body.apiRef));
      const tools = (body.tools as string[] | undefined) ?? [];
      const unknown = tools.filter(t => !api.offers.tools.includes(t));
      if (unknown.length)
        throw new HttpError(
          400,
          'InputError',
          `tools: not offered by ${api.apiRef}: ${unknown.join(', ')}`,
        );
      const r = this.addRequest({
        apiRef: api.apiRef,
        consumerRef: String(body.consumerRef),
        scope: {
          models: body.models as string[],
          tools: body.tools as string[],
          limits: body.limits as Json,
        },
        reason: String(body.reason),
        expiresAt: String(body.expiresAt),
      });
      if (!api.autoApprove) return ok({ request: r }, 201);
      r.autoApproved = true;
      return ok({ request: r, grant: this.grantFor(r, 'auto-approve') }, 201);
    }
    if (method === 'POST' && what === 'requests' && action === 'approve') {
      const r = this.pending(id);
      r.scope = { ...r.scope, ...body };
      if (body.expiresAt) r.expiresAt = String(body.expiresAt);
      const grant = this.grantFor(r, 'user:default/owner');
      return ok({ request: r, grant });
    }
    if (
      method === 'POST' &&
      what === 'requests' &&
      (action === 'deny' || action === 'cancel')
    ) {
      const r = this.pending(id);
      r.state = action === 'deny' ? 'denied' : 'cancelled';
      if (body.note) r.decisionNote = String(body.note);
      return ok(r);
    }
    if (method === 'POST' && what === 'grants') {
      const g = this.grant(id);
      if (action === 'key') {
        if (g.state !== 'awaiting-key')
          throw new HttpError(
            409,
            'ConflictError',
            `the key of grant ${id} was already claimed; rotate it`,
          );
        return ok(this.issue(g));
      }
      if (action === 'rotate') {
        g.previousKeyExpiresAt = '2026-12-03T10:00:00.000Z';
        return ok(this.issue(g));
      }
      if (action === 'revoke') {
        Object.assign(g, {
          state: 'revoked',
          revokedBy: 'user:default/owner',
          revokedAt: NOW,
        });
        return ok(g);
      }
      if (action === 'reapply') {
        delete g.drift;
        return ok(g);
      }
    }
    throw new HttpError(404, 'NotFoundError', `no route ${method} ${path}`);
  }

  /** The `fetchApi.fetch` the client uses. */
  readonly fetch = async (
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Promise<Response> => {
    const url = String(input);
    const path = url.startsWith(BASE_URL) ? url.slice(BASE_URL.length) : url;
    const method = init?.method ?? 'GET';
    const body: Json | undefined =
      typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    this.calls.push({ method, path, ...(body !== undefined ? { body } : {}) });
    let status: number;
    let payload: unknown;
    try {
      ({ status, body: payload } = this.route(method, path, body ?? {}));
    } catch (e: unknown) {
      if (!(e instanceof HttpError)) throw e;
      status = e.status;
      payload = {
        error: { name: e.errorName, message: e.message },
        request: { method, url: path },
        response: { statusCode: e.status },
      };
    }
    // a copy, so the UI never holds the backend's objects
    return new Response(JSON.stringify(payload), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}
