import { ConfigReader } from '@backstage/config';
import { positiveNumbers, readEndpointBase } from './config';

describe('remote discovery config', () => {
  it('reads an endpoint mapping and names the bad field', () => {
    const read = (e: object) =>
      readEndpointBase(new ConfigReader(e), 3, 'aiGateway.x');
    expect(
      read({
        backend: 'ns/b',
        url: 'http://127.0.0.1:1',
        cluster: 'c',
        headers: { Authorization: 'Bearer t' },
      }),
    ).toEqual({
      cluster: 'c',
      backend: 'ns/b',
      url: 'http://127.0.0.1:1',
      headers: { Authorization: 'Bearer t' },
    });
    expect(() => read({ backend: 'b', url: 'http://x' })).toThrow(
      "aiGateway.x.endpoints[3].backend must be '<namespace>/<backend>', got 'b'",
    );
    expect(() => read({ backend: 'ns/b', url: 'ftp://x' })).toThrow(
      "aiGateway.x.endpoints[3].url must be an http(s) URL, got 'ftp://x'",
    );
  });

  it('reads positive numbers with a default', () => {
    const positive = positiveNumbers(
      new ConfigReader({ timeoutSeconds: 2, concurrency: 0 }),
      'aiGateway.x',
    );
    expect(positive('timeoutSeconds', 10)).toBe(2);
    expect(positive('maxSkills', 500)).toBe(500);
    expect(() => positive('concurrency', 4)).toThrow(
      'aiGateway.x.concurrency must be a positive number, got 0',
    );
  });
});
