import { Request, Response } from 'express';
import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi.generated';
import { entityRefFromPath } from '../entities/EntityResolver';
import { AuditEventId, MutationAuditMeta, MutationAuditSession } from './audit';
import { InspectService } from './InspectService';
import { ObjectWriter } from './ObjectWriter';
import { WriteRequest } from './plan';
import { itemsOf, kubeObject, secretInputs } from './answers';
import { WriteScope } from './scopes';
import { WriteScopes } from './createMutationServices';

export interface MutationRouteOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  logger?: LoggerService;
  writer: ObjectWriter;
  scopes: WriteScopes;
  inspect: InspectService;
}

type ApiRouter = ReturnType<typeof createValidatedOpenApiRouter<typeof spec>>;

/** The write routes (and the read-only helpers the editors use), all generic over the registry. */
export function addMutationRoutes(
  api: ApiRouter,
  o: MutationRouteOptions,
): void {
  const creds = (req: Request) =>
    o.httpAuth.credentials(req, { allow: ['user', 'service'] });

  /**
   * One audited write: the route opens the audit session (before authentication, so unauthenticated attempts
   * are recorded too), the writer plans and applies, the route closes the session with the plan's target.
   */
  const write = async (
    req: Request,
    eventId: AuditEventId,
    meta: MutationAuditMeta,
    scopeFor: (credentials: BackstageCredentials) => WriteScope,
    request: WriteRequest,
  ) => {
    const audit = await MutationAuditSession.start(o.auditor, {
      req,
      eventId,
      meta,
      logger: o.logger,
    });
    try {
      const credentials = await creds(req);
      audit.setActor(credentials);
      const plan = await o.writer.plan(scopeFor(credentials), request);
      audit.setTarget(plan.target);
      const result = await o.writer.apply(plan);
      await audit.finalize();
      return itemsOf(plan, result);
    } catch (e) {
      await audit.finalize(e as Error);
      throw e;
    }
  };
  const entity = (
    req: Request<{ kind: string; namespace: string; name: string }>,
  ) => entityRefFromPath(req.params);
  /** 204 when the object is gone, 202 with it when its finalizers keep it (terminating). */
  const deleted = (
    res: Response,
    answer: Awaited<ReturnType<typeof write>>,
  ) => {
    if (answer.item)
      res.status(202).json({ item: answer.item, ...answer.warnings });
    else res.status(204).end();
  };

  api.post('/entity/:kind/:namespace/:name/resources', async (req, res) => {
    const entityRef = entity(req);
    const object = kubeObject(req.body.object);
    const secrets = secretInputs(req.body.secrets);
    const answer = await write(
      req,
      secrets?.length
        ? 'ai-gateway-secret-write'
        : 'ai-gateway-resource-mutate',
      {
        action: 'create',
        entityRef,
        kind: object.kind,
        name: object.metadata.name,
      },
      c => o.scopes.entity(entityRef, c),
      { action: 'create', object, secrets },
    );
    res.status(201).json({
      item: answer.item!,
      secrets: answer.secrets,
      ...answer.warnings,
    });
  });

  const RESOURCE =
    '/entity/:kind/:namespace/:name/resources/:resourceKind/:resourceName';
  api.put(RESOURCE, async (req, res) => {
    const entityRef = entity(req);
    const { resourceKind: kind, resourceName: name } = req.params;
    const secrets = secretInputs(req.body.secrets);
    const answer = await write(
      req,
      secrets?.length
        ? 'ai-gateway-secret-write'
        : 'ai-gateway-resource-mutate',
      { action: 'update', entityRef, kind, name },
      c => o.scopes.entity(entityRef, c),
      {
        action: 'update',
        kind,
        name,
        object: kubeObject(req.body.object),
        secrets,
      },
    );
    res.json({
      item: answer.item!,
      ...(secrets?.length ? { secrets: answer.secrets } : {}),
      ...answer.warnings,
    });
  });

  api.delete(RESOURCE, async (req, res) => {
    const entityRef = entity(req);
    const { resourceKind: kind, resourceName: name } = req.params;
    const { resourceVersion } = req.query;
    deleted(
      res,
      await write(
        req,
        'ai-gateway-resource-mutate',
        { action: 'delete', entityRef, kind, name },
        c => o.scopes.entity(entityRef, c),
        { action: 'delete', kind, name, resourceVersion },
      ),
    );
  });

  api.get(`${RESOURCE}/referrers`, async (req, res) => {
    const credentials = await creds(req);
    const { resourceKind, resourceName } = req.params;
    res.json(
      await o.inspect.referrers(
        entity(req),
        resourceKind,
        resourceName,
        credentials,
      ),
    );
  });

  api.post('/entity/:kind/:namespace/:name/validate', async (req, res) => {
    const credentials = await creds(req);
    res.json(
      await o.writer.validate(
        o.scopes.entity(entity(req), credentials),
        kubeObject(req.body.object),
      ),
    );
  });

  const SECRET = '/entity/:kind/:namespace/:name/secrets/:secretName';
  /** The Secret routes: the entity's Secrets scope (`ai-gateway.secret.write`), audited as Secret writes. */
  const secretWrite = (
    req: Request<{
      kind: string;
      namespace: string;
      name: string;
      secretName: string;
    }>,
    action: 'update' | 'delete',
    request: (name: string) => WriteRequest,
  ) => {
    const entityRef = entity(req);
    const name = req.params.secretName;
    return write(
      req,
      'ai-gateway-secret-write',
      { action, entityRef, kind: 'Secret', name },
      c => o.scopes.secrets(entityRef, c),
      request(name),
    );
  };
  api.put(SECRET, async (req, res) => {
    const answer = await secretWrite(req, 'update', name => ({
      action: 'putSecret',
      name,
      secret: req.body,
    }));
    res.json({ item: answer.item!, ...answer.warnings });
  });
  api.patch(SECRET, async (req, res) => {
    const answer = await secretWrite(req, 'update', name => ({
      action: 'patchSecret',
      name,
      secret: req.body,
    }));
    res.json({ item: answer.item!, ...answer.warnings });
  });
  api.delete(SECRET, async (req, res) =>
    deleted(
      res,
      await secretWrite(req, 'delete', name => ({
        action: 'delete',
        kind: 'Secret',
        name,
      })),
    ),
  );

  api.get('/entity/:kind/:namespace/:name/problems', async (req, res) => {
    const credentials = await creds(req);
    res.json(await o.inspect.problems(entity(req), credentials));
  });

  api.post('/platform/resources', async (req, res) => {
    const object = kubeObject(req.body.object);
    const answer = await write(
      req,
      'ai-gateway-resource-mutate',
      { action: 'create', kind: object.kind, name: object.metadata.name },
      c => o.scopes.platform(c),
      { action: 'create', object },
    );
    res
      .status(201)
      .json({ item: answer.item!, secrets: [], ...answer.warnings });
  });

  const PLATFORM = '/platform/resources/:resourceKind/:namespace/:resourceName';
  api.put(PLATFORM, async (req, res) => {
    const { resourceKind: kind, namespace, resourceName: name } = req.params;
    const answer = await write(
      req,
      'ai-gateway-resource-mutate',
      { action: 'update', kind, namespace, name },
      c => o.scopes.platform(c),
      {
        action: 'update',
        kind,
        namespace,
        name,
        object: kubeObject(req.body.object),
      },
    );
    res.json({ item: answer.item!, ...answer.warnings });
  });

  api.delete(PLATFORM, async (req, res) => {
    const { resourceKind: kind, namespace, resourceName: name } = req.params;
    const { resourceVersion } = req.query;
    deleted(
      res,
      await write(
        req,
        'ai-gateway-resource-mutate',
        { action: 'delete', kind, namespace, name },
        c => o.scopes.platform(c),
        { action: 'delete', kind, namespace, name, resourceVersion },
      ),
    );
  });
}
