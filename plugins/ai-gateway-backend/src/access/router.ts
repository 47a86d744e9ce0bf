import { Request } from 'express';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi.generated';
import { AccessService } from './service/types';
import { parseApiRef, parseConsumerRef } from './service/refs';

/**
 * The self-service access routes (`/access/...`, paths: `ACCESS_PATHS` of -common) on the plugin's typed router:
 * `openapi.yaml` declares their parameters, bodies (lengths, list sizes, no unknown fields) and answers, and the
 * router validates every request against it (400 naming the field) before a handler runs. Refs are then parsed
 * strictly here (kind checked, normalized). Users and service principals are authenticated (no token → 401);
 * the service checks every permission, audits every step and refuses mutations by service principals that do
 * not act for a user.
 */
export function addAccessRoutes(
  api: ApiRouter<typeof spec>,
  options: { httpAuth: HttpAuthService; access: AccessService },
): void {
  const { httpAuth, access } = options;
  const who = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  api.post('/access/requests', async (req, res) => {
    const c = await who(req);
    const out = await access.createRequest(
      {
        ...req.body,
        apiRef: parseApiRef(req.body.apiRef),
        consumerRef: parseConsumerRef(req.body.consumerRef),
      },
      c,
    );
    res.status(201).json(out);
  });
  api.get('/access/requests/:id', async (req, res) => {
    const c = await who(req);
    res.json(await access.getRequest(req.params.id, c));
  });
  api.post('/access/requests/:id/approve', async (req, res) => {
    const c = await who(req);
    res.json(await access.approve(req.params.id, req.body ?? {}, c));
  });
  api.post('/access/requests/:id/deny', async (req, res) => {
    const c = await who(req);
    res.json(await access.deny(req.params.id, req.body ?? {}, c));
  });
  api.post('/access/requests/:id/cancel', async (req, res) => {
    const c = await who(req);
    res.json(await access.cancel(req.params.id, c));
  });
  api.get('/access/inbox', async (req, res) => {
    res.json(await access.inbox(await who(req)));
  });
  api.get('/access/grants/:id', async (req, res) => {
    const c = await who(req);
    res.json(await access.getGrant(req.params.id, c));
  });
  api.post('/access/grants/:id/key', async (req, res) => {
    const c = await who(req);
    res.set('Cache-Control', 'no-store');
    res.json(await access.claimKey(req.params.id, c));
  });
  api.post('/access/grants/:id/rotate', async (req, res) => {
    const c = await who(req);
    res.set('Cache-Control', 'no-store');
    res.json(await access.rotate(req.params.id, c));
  });
  api.post('/access/grants/:id/revoke', async (req, res) => {
    const c = await who(req);
    res.json(await access.revoke(req.params.id, c));
  });
  api.post('/access/grants/:id/reapply', async (req, res) => {
    const c = await who(req);
    res.json(await access.reapply(req.params.id, c));
  });
  api.get('/access/apis/:apiRef', async (req, res) => {
    const c = await who(req);
    res.json(await access.apiView(parseApiRef(req.params.apiRef), c));
  });
  api.get('/access/consumers/:consumerRef', async (req, res) => {
    const c = await who(req);
    res.json(
      await access.consumerView(parseConsumerRef(req.params.consumerRef), c),
    );
  });
  api.get('/access/effective', async (req, res) => {
    const c = await who(req);
    res.json(
      await access.effective(
        parseApiRef(req.query.apiRef),
        parseConsumerRef(req.query.consumerRef),
        c,
      ),
    );
  });
}
