/* eslint-disable no-console */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { UserSpec } from './auth/Authorizer';
import { startKubeLocal } from './startKubeLocal';

const USAGE = `kube-local — a small Kubernetes-API-compatible server

  --port <n>          port (default 6443; 0 = random)
  --host <addr>       listen address (default 127.0.0.1)
  --seed <path>       YAML file or folder to seed (repeatable)
  --token-file <f>    admin token: read from this file if it exists, else a random one is written to it
  --token <t>         admin token (overrides --token-file)
  --kubeconfig <f>    write a kubeconfig for the admin user
  --snapshot <f>      load at start / write after every change
  --users <f>         YAML list of users: [{name, token, rules: [{verbs, resources, namespaces}]}]
  --watch-history <n> events kept for watch resume (default 1000)
  --tls               serve HTTPS with a self-signed certificate (needed for kubectl: it never sends a
                      bearer token over plain HTTP); the kubeconfig then carries the certificate as CA
  --no-bundled-crds   do not install the bundled CRDs
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', multiple: true, default: [] },
      'token-file': { type: 'string' },
      token: { type: 'string' },
      kubeconfig: { type: 'string' },
      snapshot: { type: 'string' },
      users: { type: 'string' },
      'watch-history': { type: 'string' },
      'no-bundled-crds': { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  let adminToken = values.token;
  const tokenFile = values['token-file'];
  if (!adminToken && tokenFile && fs.existsSync(tokenFile))
    adminToken = fs.readFileSync(tokenFile, 'utf8').trim() || undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const users = values.users
    ? ((require('yaml') as typeof import('yaml')).parse(
        fs.readFileSync(values.users, 'utf8'),
      ) as UserSpec[])
    : undefined;
  const server = await startKubeLocal({
    port: Number(values.port),
    host: values.host,
    seedFiles: values.seed,
    adminToken,
    users,
    snapshotFile: values.snapshot,
    kubeconfigPath: values.kubeconfig,
    watchHistory: values['watch-history']
      ? Number(values['watch-history'])
      : undefined,
    crds: values['no-bundled-crds'] ? [] : undefined,
    tls: values.tls,
  });
  if (tokenFile)
    fs.writeFileSync(tokenFile, `${server.adminToken}\n`, { mode: 0o600 });
  console.log(`kube-local listening on ${server.url}`);
  if (server.kubeconfigPath)
    console.log(`kubeconfig: ${server.kubeconfigPath}`);
  if (!tokenFile && !values.token)
    console.log(`admin token: ${server.adminToken}`);
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(e => {
  console.error(`kube-local: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
