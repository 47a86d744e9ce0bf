import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/**
 * A kubeconfig for the server: one cluster, the admin token user, current-context set.
 * `insecure-skip-tls-verify` is set because the server speaks plain HTTP and @kubernetes/client-node 1.x refuses
 * `http://` clusters otherwise ("HTTP protocol is not allowed when skipTLSVerify is not set or false").
 */
export function kubeconfigYaml(url: string, token: string, name = 'kube-local'): string {
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: `${name}-admin`, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}

export function writeKubeconfig(file: string, url: string, token: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, kubeconfigYaml(url, token), { mode: 0o600 });
}
