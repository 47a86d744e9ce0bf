import fs from 'node:fs';
import path from 'node:path';

/** yaml is loaded on first use (it is a noticeable part of a cold start). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): typeof import('yaml') => require('yaml');

/**
 * A kubeconfig for the server: one cluster, the admin token user, current-context set.
 * Over HTTPS the self-signed certificate is the cluster's `certificate-authority-data`. Over plain HTTP
 * `insecure-skip-tls-verify` is set because @kubernetes/client-node 1.x refuses `http://` clusters otherwise
 * ("HTTP protocol is not allowed when skipTLSVerify is not set or false"). Note that kubectl (client-go) never sends
 * a bearer token over plain HTTP: use HTTPS (`tls: true`, CLI `--tls`) for kubectl.
 */
export function kubeconfigYaml(
  url: string,
  token: string,
  ca?: string,
  name = 'kube-local',
): string {
  const cluster: Record<string, unknown> = { server: url };
  if (ca)
    cluster['certificate-authority-data'] = Buffer.from(ca).toString('base64');
  else cluster['insecure-skip-tls-verify'] = true;
  return yaml().stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name: `${name}-admin`, user: { token } }],
    contexts: [
      {
        name,
        context: { cluster: name, user: `${name}-admin`, namespace: 'default' },
      },
    ],
    'current-context': name,
    preferences: {},
  });
}

export function writeKubeconfig(
  file: string,
  url: string,
  token: string,
  ca?: string,
): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, kubeconfigYaml(url, token, ca), { mode: 0o600 });
}
