import { X509Certificate } from 'node:crypto';
import { selfSignedCertificate } from './tls';

describe('selfSignedCertificate', () => {
  it('creates a CA-capable serving certificate for localhost and 127.0.0.1 matching its key', () => {
    const { cert, key } = selfSignedCertificate('127.0.0.1');
    const x = new X509Certificate(cert);
    expect(x.ca).toBe(true);
    expect(x.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x.subjectAltName).toContain('DNS:localhost');
    expect(
      x.checkPrivateKey(require('node:crypto').createPrivateKey(key)),
    ).toBe(true);
    expect(x.verify(x.publicKey)).toBe(true);
  });
});
