import { Request } from 'express';
import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi.generated';
import { entityRefFromPath } from '../entities/EntityResolver';
import { AuditEventId, MutationAuditMeta, actorOf, audited } from './audit';
import { InspectService } from './InspectService';
import { MutationService } from './MutationService';
import { PlatformService } from './PlatformService';
import { SecretService } from './SecretService';

export interface MutationRouteOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  mutations: MutationService;
  secrets: SecretService;
  platform: PlatformService;
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

  /** An audited attempt: the event is opened before authentication so unauthenticated attempts are recorded too. */
  const attempt = <T>(
    req: Request,
    eventId: AuditEventId,
    meta: MutationAuditMeta,
    run: (
      credentials: BackstageCredentials,
      meta: MutationAuditMeta,
    ) => Promise<T>,
  ) =>
    audited(o.auditor, req, eventId, meta, async m => {
      const credentials = await creds(req);
      m.actor = actorOf(credentials);
      return run(credentials, m);
    });

  api.post('/entity/:kind/:namespace/:name/resources', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const eventId = req.body.secrets?.length
      ? 'ai-gateway-secret-write'
      : 'ai-gateway-resource-mutate';
    const meta = {
      action: 'create' as const,
      entityRef,
      kind: req.body.object?.kind,
      name: req.body.object?.metadata?.name,
    };
    const result = await attempt(req, eventId, meta, (c, m) =>
      o.mutations.create(entityRef, req.body as any, c, m),
    );
    res.status(201).json(result as any);
  });

  api.put(
    '/entity/:kind/:namespace/:name/resources/:resourceKind/:resourceName',
    async (req, res) => {
      const entityRef = entityRefFromPath(req.params);
      const { resourceKind, resourceName } = req.params;
      const meta = {
        action: 'update' as const,
        entityRef,
        kind: resourceKind,
        name: resourceName,
      };
      const item = await attempt(
        req,
        'ai-gateway-resource-mutate',
        meta,
        (c, m) =>
          o.mutations.update(
            entityRef,
            resourceKind,
            resourceName,
            req.body as any,
            c,
            m,
          ),
      );
      res.json({ item } as any);
    },
  );

  api.delete(
    '/entity/:kind/:namespace/:name/resources/:resourceKind/:resourceName',
    async (req, res) => {
      const entityRef = entityRefFromPath(req.params);
      const { resourceKind, resourceName } = req.params;
      const resourceVersion = (req.query as { resourceVersion?: string })
        .resourceVersion;
      const meta = {
        action: 'delete' as const,
        entityRef,
        kind: resourceKind,
        name: resourceName,
      };
      await attempt(req, 'ai-gateway-resource-mutate', meta, (c, m) =>
        o.mutations.delete(
          entityRef,
          resourceKind,
          resourceName,
          resourceVersion,
          c,
          m,
        ),
      );
      res.status(204).end();
    },
  );

  api.get(
    '/entity/:kind/:namespace/:name/resources/:resourceKind/:resourceName/referrers',
    async (req, res) => {
      const credentials = await creds(req);
      const { resourceKind, resourceName } = req.params;
      res.json(
        await o.inspect.referrers(
          entityRefFromPath(req.params),
          resourceKind,
          resourceName,
          credentials,
        ),
      );
    },
  );

  api.post('/entity/:kind/:namespace/:name/validate', async (req, res) => {
    const credentials = await creds(req);
    res.json(
      (await o.inspect.validate(
        entityRefFromPath(req.params),
        req.body.object as any,
        credentials,
      )) as any,
    );
  });

  api.put(
    '/entity/:kind/:namespace/:name/secrets/:secretName',
    async (req, res) => {
      const entityRef = entityRefFromPath(req.params);
      const meta = {
        action: 'update' as const,
        entityRef,
        kind: 'Secret',
        name: req.params.secretName,
      };
      const item = await attempt(req, 'ai-gateway-secret-write', meta, (c, m) =>
        o.secrets.put(entityRef, req.params.secretName, req.body as any, c, m),
      );
      res.json({ item } as any);
    },
  );

  api.patch(
    '/entity/:kind/:namespace/:name/secrets/:secretName',
    async (req, res) => {
      const entityRef = entityRefFromPath(req.params);
      const meta = {
        action: 'update' as const,
        entityRef,
        kind: 'Secret',
        name: req.params.secretName,
      };
      const item = await attempt(req, 'ai-gateway-secret-write', meta, (c, m) =>
        o.secrets.patch(
          entityRef,
          req.params.secretName,
          req.body as any,
          c,
          m,
        ),
      );
      res.json({ item } as any);
    },
  );

  api.delete(
    '/entity/:kind/:namespace/:name/secrets/:secretName',
    async (req, res) => {
      const entityRef = entityRefFromPath(req.params);
      const meta = {
        action: 'delete' as const,
        entityRef,
        kind: 'Secret',
        name: req.params.secretName,
      };
      await attempt(req, 'ai-gateway-secret-write', meta, (c, m) =>
        o.secrets.delete(entityRef, req.params.secretName, c, m),
      );
      res.status(204).end();
    },
  );

  api.get('/entity/:kind/:namespace/:name/capabilities', async (req, res) => {
    const credentials = await creds(req);
    res.json(
      await o.inspect.capabilities(entityRefFromPath(req.params), credentials),
    );
  });

  api.get('/platform/capabilities', async (req, res) => {
    const credentials = await creds(req);
    res.json(await o.inspect.platformCapabilities(credentials));
  });

  api.get('/entity/:kind/:namespace/:name/problems', async (req, res) => {
    const credentials = await creds(req);
    res.json(
      (await o.inspect.problems(
        entityRefFromPath(req.params),
        credentials,
      )) as any,
    );
  });

  api.post('/platform/resources', async (req, res) => {
    const meta = {
      action: 'create' as const,
      kind: req.body.object?.kind,
      name: req.body.object?.metadata?.name,
    };
    const result = await attempt(
      req,
      'ai-gateway-resource-mutate',
      meta,
      (c, m) => o.platform.create(req.body.object as any, c, m),
    );
    res.status(201).json(result as any);
  });

  api.put(
    '/platform/resources/:resourceKind/:namespace/:resourceName',
    async (req, res) => {
      const { resourceKind, namespace, resourceName } = req.params;
      const meta = {
        action: 'update' as const,
        kind: resourceKind,
        namespace,
        name: resourceName,
      };
      const item = await attempt(
        req,
        'ai-gateway-resource-mutate',
        meta,
        (c, m) =>
          o.platform.update(
            resourceKind,
            namespace,
            resourceName,
            req.body.object as any,
            c,
            m,
          ),
      );
      res.json({ item } as any);
    },
  );

  api.delete(
    '/platform/resources/:resourceKind/:namespace/:resourceName',
    async (req, res) => {
      const { resourceKind, namespace, resourceName } = req.params;
      const resourceVersion = (req.query as { resourceVersion?: string })
        .resourceVersion;
      const meta = {
        action: 'delete' as const,
        kind: resourceKind,
        namespace,
        name: resourceName,
      };
      await attempt(req, 'ai-gateway-resource-mutate', meta, (c, m) =>
        o.platform.delete(
          resourceKind,
          namespace,
          resourceName,
          resourceVersion,
          c,
          m,
        ),
      );
      res.status(204).end();
    },
  );
}
