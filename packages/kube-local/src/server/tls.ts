import { generateKeyPairSync } from 'node:crypto';

export interface TlsMaterial {
  cert: string;
  key: string;
}

/**
 * A self-signed serving certificate for 127.0.0.1 / localhost / the given host (RSA 2048 generated natively, signed
 * with node-forge through `selfsigned`). It is its own CA: put it in a kubeconfig's `certificate-authority-data`.
 */
export function selfSignedCertificate(host: string): TlsMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const altNames: Array<Record<string, unknown>> = [
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
    { type: 2, value: 'localhost' },
  ];
  if (/^[\d.]+$/.test(host) && host !== '127.0.0.1' && host !== '0.0.0.0')
    altNames.push({ type: 7, ip: host });
  else if (
    /^[a-z0-9.-]+$/i.test(host) &&
    host !== 'localhost' &&
    host !== '0.0.0.0'
  )
    altNames.push({ type: 2, value: host });
  const opts = {
    days: 365,
    algorithm: 'sha256',
    keyPair: { privateKey, publicKey },
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      {
        name: 'keyUsage',
        keyCertSign: true,
        digitalSignature: true,
        keyEncipherment: true,
        critical: true,
      },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  };
  // loaded on first use: node-forge is large and only needed with TLS
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const selfsigned: typeof import('selfsigned') = require('selfsigned');
  const pems = selfsigned.generate(
    [{ name: 'commonName', value: 'kube-local' }],
    opts as Parameters<typeof selfsigned.generate>[1],
  );
  return { cert: pems.cert, key: privateKey };
}
