import express from 'express';
import request from 'supertest';
import { NotFoundError } from '@backstage/errors';
import {
  AdmissionRefusedError,
  AmbiguousOwnershipError,
  ClusterAccessError,
  StaleObjectError,
  ValidationFailedError,
  fromKubeError,
  redact,
} from './errors';
import { KubeApiError, warningText } from './kubeClient';
import { apiErrorHandler } from './errorResponse';

const status = (
  code: number,
  reason: string,
  message: string,
  causes?: object[],
) =>
  new KubeApiError(code, {
    kind: 'Status',
    code,
    reason,
    message,
    ...(causes ? { details: { causes } } : {}),
  });

describe('fromKubeError', () => {
  it('maps 422 Invalid to a 422 with every cause', () => {
    const e = fromKubeError(
      status(422, 'Invalid', 'x is invalid', [
        {
          field: 'spec.a',
          reason: 'FieldValueRequired',
          message: 'Required value',
        },
      ]),
      'c1',
    );
    expect(e).toBeInstanceOf(ValidationFailedError);
    expect(e.name).toBe('InputError');
    expect((e as ValidationFailedError).causes).toEqual([
      {
        field: 'spec.a',
        reason: 'FieldValueRequired',
        message: 'Required value',
      },
    ]);
  });

  it.each([
    [409, 'ConflictError'],
    [404, 'NotFoundError'],
    [400, 'InputError'],
    [401, 'ClusterAccessError'],
    [403, 'ClusterAccessError'],
    [500, 'ServiceUnavailableError'],
  ])('maps %i to %s', (code, name) => {
    const e = fromKubeError(status(code, 'X', 'the message'), 'c1');
    expect(e.name).toBe(name);
    expect(e.message).toContain('the message');
  });

  it('names the cluster and the service account for 403, and answers 503 when unreachable', () => {
    expect(
      fromKubeError(status(403, 'Forbidden', 'nope'), 'prod').message,
    ).toMatch(/Cluster prod refused the plugin's service account \(403\)/);
    const down = fromKubeError(
      Object.assign(new Error('connect ECONNREFUSED'), {
        code: 'ECONNREFUSED',
      }),
      'prod',
    );
    expect(down.name).toBe('ServiceUnavailableError');
    expect(down.message).toMatch(/Cluster prod could not be reached/);
  });

  it('tells admission refusals (the caller’s 403) from RBAC denials of the plugin’s identity (502)', () => {
    const quota = fromKubeError(
      status(
        403,
        'Forbidden',
        'agentgatewaybackends.agentgateway.dev "b" is forbidden: exceeded quota: q1, requested: count/agentgatewaybackends.agentgateway.dev=1, used: count/agentgatewaybackends.agentgateway.dev=0, limited: count/agentgatewaybackends.agentgateway.dev=0',
      ),
      'prod',
    );
    expect(quota).toBeInstanceOf(AdmissionRefusedError);
    expect((quota as AdmissionRefusedError).statusCode).toBe(403);
    expect(quota.message).toMatch(/exceeded quota: q1/);
    const webhook = fromKubeError(
      status(
        403,
        'Forbidden',
        'admission webhook "policy.example.com" denied the request: no public models',
      ),
      'prod',
    );
    expect(webhook.name).toBe('AdmissionRefused');
    expect(webhook.message).toMatch(/policy\.example\.com/);
    const rbac = fromKubeError(
      status(
        403,
        'Forbidden',
        'agentgatewaybackends.agentgateway.dev is forbidden: User "system:serviceaccount:backstage:ai-gateway" cannot create resource "agentgatewaybackends" in API group "agentgateway.dev" in the namespace "team-a"',
      ),
      'prod',
    );
    expect(rbac).toBeInstanceOf(ClusterAccessError);
    expect(rbac.message).toMatch(
      /refused the plugin's service account \(403\)/,
    );
  });

  it('maps a strict decoding error (fieldValidation=Strict) to a 422 at every unknown field', () => {
    const e = fromKubeError(
      status(
        400,
        'BadRequest',
        'strict decoding error: unknown field "spec.burts", unknown field "spec.ai.x"',
      ),
      'c1',
    ) as ValidationFailedError;
    expect(e).toBeInstanceOf(ValidationFailedError);
    expect(e.causes.map(c => c.field)).toEqual(['spec.burts', 'spec.ai.x']);
  });

  it('reads the text of Warning headers', () => {
    expect(warningText('299 - "unknown field \\"spec.burts\\""')).toBe(
      'unknown field "spec.burts"',
    );
    expect(warningText('not a warn-value')).toBe('not a warn-value');
  });

  it('redacts secret values from messages and causes', () => {
    const e = fromKubeError(
      status(422, 'Invalid', 'value s3cr3t is bad', [
        { field: 'data', message: 'has s3cr3t' },
      ]),
      'c1',
      ['s3cr3t'],
    ) as ValidationFailedError;
    expect(e.message).toBe('value [redacted] is bad');
    expect(e.causes[0].message).toBe('has [redacted]');
    expect(redact('a-b-a', ['a'])).toBe('[redacted]-b-[redacted]');
  });
});

describe('the error body of these errors (apiErrorHandler)', () => {
  const app = (error: Error) => {
    const a = express();
    a.get('/x', () => {
      throw error;
    });
    a.use(apiErrorHandler());
    return a;
  };

  it('writes causes, current and claimants into the error body', async () => {
    const causes = [{ field: 'spec.x', message: 'bad' }];
    const v = await request(
      app(new ValidationFailedError('invalid', causes)),
    ).get('/x');
    expect(v.status).toBe(422);
    expect(v.body).toMatchObject({
      error: { name: 'InputError', message: 'invalid', causes },
      causes,
      response: { statusCode: 422 },
    });

    const current: any = { name: 'o', resourceVersion: '7' };
    const c = await request(app(new StaleObjectError('changed', current))).get(
      '/x',
    );
    expect(c.status).toBe(409);
    expect(c.body).toMatchObject({ error: { name: 'ConflictError' }, current });

    const a = await request(
      app(
        new AmbiguousOwnershipError('two', [
          'component:default/a',
          'component:default/b',
        ]),
      ),
    ).get('/x');
    expect(a.status).toBe(409);
    expect(a.body).toMatchObject({
      error: { name: 'AmbiguousOwnership' },
      claimants: ['component:default/a', 'component:default/b'],
    });

    expect(
      (await request(app(new ClusterAccessError('sa'))).get('/x')).status,
    ).toBe(502);
  });

  it('answers every other error with its own status and no extras', async () => {
    const res = await request(app(new NotFoundError('x'))).get('/x');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { name: 'NotFoundError', message: 'x' },
      request: { method: 'GET', url: '/x' },
      response: { statusCode: 404 },
    });
  });
});
