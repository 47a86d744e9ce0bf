import { ApiException } from '@kubernetes/client-node';
import { classifyClusterError } from './errors';

describe('classifyClusterError', () => {
  it('maps a 401 ApiException to Unauthorized with the Status message', () => {
    const body = JSON.stringify({
      kind: 'Status',
      code: 401,
      message: 'Unauthorized',
    });
    expect(
      classifyClusterError(new ApiException(401, 'Unauthorized', body, {})),
    ).toEqual({
      reason: 'Unauthorized',
      status: 401,
      message: 'Unauthorized',
    });
  });

  it('maps a 403 to Forbidden', () => {
    const body = {
      kind: 'Status',
      code: 403,
      message: 'secrets is forbidden: User "x" cannot list resource "secrets"',
    };
    const c = classifyClusterError(
      new ApiException(403, 'Forbidden', body, {}),
    );
    expect(c.reason).toBe('Forbidden');
    expect(c.message).toContain('cannot list resource "secrets"');
  });

  it('maps a failed watch request (statusCode) like the same LIST failure', () => {
    expect(
      classifyClusterError(
        Object.assign(new Error('Forbidden'), { statusCode: 403 }),
      ).reason,
    ).toBe('Forbidden');
    expect(
      classifyClusterError(
        Object.assign(new Error('Unauthorized'), { statusCode: 401 }),
      ).reason,
    ).toBe('Unauthorized');
  });

  it('maps network failures to Unreachable', () => {
    const refused = Object.assign(
      new Error('request to http://127.0.0.1:1/ failed'),
      {
        type: 'system',
        code: 'ECONNREFUSED',
        errno: 'ECONNREFUSED',
      },
    );
    expect(classifyClusterError(refused)).toEqual({
      reason: 'Unreachable',
      message: 'request to http://127.0.0.1:1/ failed (ECONNREFUSED)',
    });
    const nested = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }),
    });
    expect(classifyClusterError(nested).reason).toBe('Unreachable');
    expect(
      classifyClusterError(
        Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }),
      ).reason,
    ).toBe('Unreachable');
  });

  it('maps other statuses and unknown errors to Unknown', () => {
    expect(
      classifyClusterError(
        new ApiException(
          404,
          'Not Found',
          '{"message":"the server could not find"}',
          {},
        ),
      ),
    ).toEqual({
      reason: 'Unknown',
      status: 404,
      message: 'the server could not find',
    });
    expect(classifyClusterError(new Error('boom'))).toEqual({
      reason: 'Unknown',
      message: 'boom',
    });
  });
});
