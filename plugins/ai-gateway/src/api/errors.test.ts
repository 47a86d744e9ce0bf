import {
  AiGatewayApiError,
  causesOf,
  describeApiError,
  messageOf,
  statusOf,
} from './errors';

// the class itself is -common's (tested there); these are what the UI relies on
describe('AiGatewayApiError in the UI', () => {
  it('reads causes at the top level or inside error', () => {
    const top = AiGatewayApiError.fromBody(422, {
      error: { name: 'InputError', message: 'bad' },
      causes: [{ field: 'spec.x', message: 'm', reason: 'FieldValueInvalid' }],
    });
    expect(top).toMatchObject({
      status: 422,
      name: 'InputError',
      message: 'bad',
    });
    expect(causesOf(top)).toEqual([
      { field: 'spec.x', message: 'm', reason: 'FieldValueInvalid' },
    ]);
    const inner = AiGatewayApiError.fromBody(422, {
      error: {
        name: 'InputError',
        message: 'bad',
        causes: [{ field: 'metadata.name', message: 'required' }],
      },
    });
    expect(inner.causes).toEqual([
      { field: 'metadata.name', message: 'required' },
    ]);
    expect(causesOf(new Error('x'))).toEqual([]);
  });

  it('keeps current, claimants and warnings; tolerates bodies that are not JSON objects', () => {
    const current = {
      cluster: 'local',
      kind: 'HTTPRoute',
      name: 'r',
      resourceVersion: '7',
      object: {},
    };
    const e = AiGatewayApiError.fromBody(409, {
      error: {
        name: 'AmbiguousOwnership',
        message: 'two owners',
        claimants: ['component:default/a'],
      },
      current,
      warnings: ['unknown field "spec.burts"'],
    });
    expect(e.current).toEqual(current);
    expect(e.claimants).toEqual(['component:default/a']);
    expect(e.warnings).toEqual(['unknown field "spec.burts"']);
    const bare = AiGatewayApiError.fromBody(502, 'Bad Gateway', 'Bad Gateway');
    expect(bare).toMatchObject({
      status: 502,
      name: 'Error',
      message: 'Bad Gateway',
      causes: [],
      claimants: [],
    });
    expect(statusOf(bare)).toBe(502);
    expect(statusOf(new Error('offline'))).toBeUndefined();
    expect(messageOf('plain')).toBe('plain');
  });

  it('categorizes errors for the tab states', () => {
    const of = (status: number, name: string) =>
      describeApiError(
        AiGatewayApiError.fromBody(status, { error: { name, message: 'm' } }),
      );
    expect(of(400, 'EntityNotAnnotatedError').category).toBe('notAnnotated');
    expect(of(403, 'NotAllowedError').category).toBe('notAllowed');
    expect(of(404, 'NotFoundError')).toEqual({
      name: 'NotFoundError',
      message: 'm',
      statusCode: 404,
      category: 'notFound',
    });
    expect(describeApiError(new TypeError('Failed to fetch'))).toEqual({
      name: 'TypeError',
      message: 'Failed to fetch',
      category: 'other',
    });
  });
});
