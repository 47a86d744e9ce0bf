import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  apiErrorHandler,
  compactJson,
  jsonBody,
} from '../mutations/errorResponse';
import { AccessService } from './service/types';
import { parseApiRef, parseConsumerRef, parseId } from './service/refs';

const names = z.array(z.string().min(1).max(200)).max(500);
const limits = z
  .object({
    requestsPerMinute: z.number().int().positive().optional(),
    tokensPerMinute: z.number().int().positive().optional(),
  })
  .strict();
const isoDate = z.string().max(64);

const createBody = z
  .object({
    apiRef: z.string().max(300),
    consumerRef: z.string().max(300),
    models: names.optional(),
    tools: names.optional(),
    limits: limits.optional(),
    expiresAt: isoDate.optional(),
    reason: z.string().max(2000),
  })
  .strict();
const approveBody = z
  .object({
    models: names.optional(),
    tools: names.optional(),
    limits: limits.optional(),
    expiresAt: isoDate.optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();
const denyBody = z.object({ note: z.string().max(2000).optional() }).strict();

/** Validates a body against its schema: a 400 naming the first offending field. */
function body<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : 'request body';
  const extra =
    issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
  throw new InputError(`${field}: ${issue.message}${extra}`);
}

function query(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value)
    throw new InputError(`${field}: required query parameter`);
  return value;
}

/**
 * The self-service access routes under `/api/ai-gateway` (paths: `ACCESS_PATHS` of -common). Users and service
 * principals are authenticated (no token → 401); the service checks every permission, audits every step and
 * refuses mutations by service principals that do not act for a user.
 */
export function createAccessRouter(options: {
  httpAuth: HttpAuthService;
  access: AccessService;
  logger?: LoggerService;
}): express.Router {
  const { httpAuth, access } = options;
  const who = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const api = Router();
  api.use(compactJson());
  api.use('/access', jsonBody());

  api.post('/access/requests', async (req, res) => {
    const c = await who(req);
    const b = body(createBody, req.body);
    const out = await access.createRequest(
      {
        ...b,
        apiRef: parseApiRef(b.apiRef),
        consumerRef: parseConsumerRef(b.consumerRef),
      },
      c,
    );
    res.status(201).json(out);
  });
  api.get('/access/requests/:id', async (req, res) => {
    const c = await who(req);
    res.json(await access.getRequest(parseId(req.params.id, 'id'), c));
  });
  api.post('/access/requests/:id/approve', async (req, res) => {
    const c = await who(req);
    const id = parseId(req.params.id, 'id');
    res.json(await access.approve(id, body(approveBody, req.body), c));
  });
  api.post('/access/requests/:id/deny', async (req, res) => {
    const c = await who(req);
    const id = parseId(req.params.id, 'id');
    res.json(await access.deny(id, body(denyBody, req.body), c));
  });
  api.post('/access/requests/:id/cancel', async (req, res) => {
    const c = await who(req);
    res.json(await access.cancel(parseId(req.params.id, 'id'), c));
  });
  api.get('/access/inbox', async (req, res) => {
    res.json(await access.inbox(await who(req)));
  });
  api.get('/access/grants/:id', async (req, res) => {
    const c = await who(req);
    res.json(await access.getGrant(parseId(req.params.id, 'id'), c));
  });
  api.post('/access/grants/:id/key', async (req, res) => {
    const c = await who(req);
    res.set('Cache-Control', 'no-store');
    res.json(await access.claimKey(parseId(req.params.id, 'id'), c));
  });
  api.post('/access/grants/:id/rotate', async (req, res) => {
    const c = await who(req);
    res.set('Cache-Control', 'no-store');
    res.json(await access.rotate(parseId(req.params.id, 'id'), c));
  });
  api.post('/access/grants/:id/revoke', async (req, res) => {
    const c = await who(req);
    res.json(await access.revoke(parseId(req.params.id, 'id'), c));
  });
  api.post('/access/grants/:id/reapply', async (req, res) => {
    const c = await who(req);
    res.json(await access.reapply(parseId(req.params.id, 'id'), c));
  });
  api.get('/access/apis/:apiRef', async (req, res) => {
    const c = await who(req);
    res.json(await access.apiView(parseApiRef(req.params.apiRef, 'apiRef'), c));
  });
  api.get('/access/consumers/:consumerRef', async (req, res) => {
    const c = await who(req);
    res.json(
      await access.consumerView(
        parseConsumerRef(req.params.consumerRef, 'consumerRef'),
        c,
      ),
    );
  });
  api.get('/access/effective', async (req, res) => {
    const c = await who(req);
    res.json(
      await access.effective(
        parseApiRef(query(req.query.apiRef, 'apiRef')),
        parseConsumerRef(query(req.query.consumerRef, 'consumerRef')),
        c,
      ),
    );
  });
  api.use('/access', apiErrorHandler(options.logger));
  return api;
}
