import { AiGatewayApiError } from './AiGatewayApiError';
import type { ResourceItem } from '../api';

const current: ResourceItem = {
  cluster: 'local',
  kind: 'HTTPRoute',
  group: 'gateway.networking.k8s.io',
  version: 'v1',
  name: 'chat',
  namespace: 'team-a',
  summary: {},
  conditions: [],
  references: [],
  relation: 'owned',
  object: {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'chat', namespace: 'team-a', resourceVersion: '7' },
  },
};

describe('AiGatewayApiError', () => {
  it('reads every documented field of the error body', () => {
    const e = AiGatewayApiError.fromBody(422, {
      error: { name: 'InputError', message: 'spec.rules[0] is invalid' },
      response: { statusCode: 422 },
      causes: [
        { field: 'spec.rules[0]', message: 'bad', reason: 'FieldValueInvalid' },
        { field: 'metadata.name', message: 'required' },
      ],
      current,
      claimants: ['component:default/a', 'component:default/b'],
      warnings: ['deprecated field'],
    });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(AiGatewayApiError);
    expect(e).toMatchObject({
      status: 422,
      name: 'InputError',
      message: 'spec.rules[0] is invalid',
      causes: [
        { field: 'spec.rules[0]', message: 'bad', reason: 'FieldValueInvalid' },
        { field: 'metadata.name', message: 'required' },
      ],
      claimants: ['component:default/a', 'component:default/b'],
      warnings: ['deprecated field'],
    });
    expect(e.current).toEqual(current);
    const body = e.toBody({ method: 'PUT', url: '/api/ai-gateway/x' });
    expect(body.request).toEqual({ method: 'PUT', url: '/api/ai-gateway/x' });
    expect(AiGatewayApiError.fromBody(422, body)).toEqual(e);
  });

  it('accepts the details inside `error` (older bodies) and drops malformed ones', () => {
    const e = AiGatewayApiError.fromBody(409, {
      error: {
        name: 'ConflictError',
        message: 'stale',
        claimants: ['component:default/a', 3],
        current: { name: 'x' },
        details: { causes: [{ field: 'a', message: 'b' }, 'junk'] },
      },
    });
    expect(e.name).toBe('ConflictError');
    expect(e.claimants).toEqual(['component:default/a']);
    expect(e.current).toBeUndefined();
    expect(e.causes).toEqual([{ field: 'a', message: 'b' }]);
    expect(e.warnings).toEqual([]);
  });

  it('names bodies that are not Backstage error bodies by their status', () => {
    expect(AiGatewayApiError.fromBody(502, undefined)).toMatchObject({
      name: 'Error',
      message: 'Request failed with status 502',
    });
    expect(AiGatewayApiError.fromBody(404, ['x'], 'Not Found')).toMatchObject({
      name: 'HTTP 404',
      message: 'Not Found',
    });
  });

  it('reads a fetch Response', async () => {
    const json = new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'denied' },
        response: { statusCode: 403 },
      }),
      { status: 403, statusText: 'Forbidden' },
    );
    expect(await AiGatewayApiError.fromResponse(json)).toMatchObject({
      status: 403,
      name: 'NotAllowedError',
      message: 'denied',
    });

    const text = new Response('upstream timed out', { status: 504 });
    expect(await AiGatewayApiError.fromResponse(text)).toMatchObject({
      status: 504,
      name: 'Error',
      message: 'upstream timed out',
    });

    const jsonWithoutMessage = new Response('{"secret":"value"}', {
      status: 500,
      statusText: 'Internal Server Error',
    });
    const e = await AiGatewayApiError.fromResponse(jsonWithoutMessage);
    expect(e.message).toBe('Internal Server Error');
  });
});
