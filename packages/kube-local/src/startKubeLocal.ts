import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { bundledCrdsCached } from './seed/bundledCrds';
import type { CustomResourceDefinition } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { Authorizer, UserSpec } from './auth/Authorizer';
import { Cluster } from './cluster/Cluster';
import { ResourceRegistry } from './registry/ResourceRegistry';
import { seedObjects } from './seed/seedObjects';
import { loadManifests } from './seed/loadManifests';
import { KubeApi, RequestRecord } from './server/KubeApi';
import { writeKubeconfig } from './server/kubeconfig';
import { TlsMaterial, selfSignedCertificate } from './server/tls';
import { ObjectStore } from './store/ObjectStore';
import { SnapshotWriter, readSnapshot } from './store/snapshotFile';
import { KubeObject } from './types';
import { ObjectValidation } from './validation/ObjectValidation';
import { Admission } from './admission/Admission';
import { startQuotaController } from './admission/resourceQuota';
import { ValidatingWebhook } from './admission/webhooks';
import { GarbageCollector } from './cluster/garbageCollector';
import {
  BOOTSTRAP_CLUSTER_ROLES,
  BOOTSTRAP_CLUSTER_ROLE_BINDINGS,
} from './auth/bootstrapPolicy';
import { ClusterRoleAggregator } from './auth/aggregation';

export interface KubeLocalOptions {
  /** 0 = random (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** CRDs installed at start (default: the bundled agentgateway + Gateway API CRDs). More can be POSTed at runtime. */
  crds?: CustomResourceDefinition[];
  /** Objects created at start (after CRDs); missing namespaces are created. */
  seed?: object[];
  /** YAML files / folders (multi-document) to seed. */
  seedFiles?: string[];
  /** Non-admin users: bearer token + allow rules. */
  users?: UserSpec[];
  /** Default: random. The admin may do everything. */
  adminToken?: string;
  /**
   * Anonymous authentication (kube-apiserver's default, `--anonymous-auth=true`): a request without credentials is
   * user `system:anonymous` in group `system:unauthenticated` (allowed `/version` and health, 403 elsewhere unless
   * RBAC grants more). `false`: such requests get 401. Default true.
   */
  anonymous?: boolean;
  /** Loaded at start if it exists; written (atomically, debounced) after each write. */
  snapshotFile?: string;
  /** Write a kubeconfig (cluster url, admin token, current-context). */
  kubeconfigPath?: string;
  /** How many events are kept for watch resume (default 1000); older resourceVersions get 410 Expired. */
  watchHistory?: number;
  /** How often watches with allowWatchBookmarks get a BOOKMARK (default 10 s). */
  bookmarkIntervalMs?: number;
  /**
   * Serve HTTPS: `true` generates a self-signed certificate (its own CA, returned as `ca`), or pass a cert + key.
   * Needed for kubectl, which never sends a bearer token over plain HTTP. Default: plain HTTP.
   */
  tls?: boolean | TlsMaterial;
  /**
   * Validating admission webhooks, called in-process for every matching create / update / delete after the object
   * passed validation. A denial is answered like kube-apiserver: `admission webhook "<name>" denied the request:
   * <message>` (403 when `review` returns a message string).
   */
  admissionWebhooks?: ValidatingWebhook[];
}

export interface KubeLocal {
  url: string;
  port: number;
  adminToken: string;
  kubeconfigPath?: string;
  /** PEM of the serving certificate's CA when serving HTTPS (the self-signed certificate itself). */
  ca?: string;
  /** Every request served so far (method, path, verb, resource, user, code). */
  requests: RequestRecord[];
  /** Current resourceVersion of the store. */
  resourceVersion(): string;
  close(): Promise<void>;
}

const DEFAULT_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/** Start a Kubernetes-API-compatible server (see README.md for the supported surface). */
export async function startKubeLocal(
  opts: KubeLocalOptions = {},
): Promise<KubeLocal> {
  const host = opts.host ?? '127.0.0.1';
  const registry = new ResourceRegistry();
  const store = new ObjectStore(opts.watchHistory ?? 1000);
  const validation = new ObjectValidation();
  const cluster = new Cluster(
    registry,
    store,
    validation,
    new Admission(store, opts.admissionWebhooks ?? []),
  );
  const aggregator = new ClusterRoleAggregator(cluster);
  const controllers = [
    startQuotaController(store),
    new GarbageCollector(cluster),
    aggregator,
  ];

  const snapshot = opts.snapshotFile
    ? readSnapshot(opts.snapshotFile)
    : undefined;
  if (snapshot) {
    store.restore(snapshot);
    for (const crd of store.list(
      'apiextensions.k8s.io/customresourcedefinitions',
    )) {
      registry.registerCrd(crd as CustomResourceDefinition);
      validation.setCrd(crd as CustomResourceDefinition);
    }
  }
  const namespaces = DEFAULT_NAMESPACES.map(name => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  }));
  const crds: KubeObject[] = (opts.crds ?? bundledCrdsCached()).map(crd => ({
    ...crd,
  }));
  const seeds = [
    ...((opts.seed ?? []) as KubeObject[]),
    ...loadManifests(opts.seedFiles ?? []),
  ];
  // the RBAC bootstrap policy first (as the apiserver's post-start hook), missing roles only
  seedObjects(cluster, [
    ...namespaces,
    ...BOOTSTRAP_CLUSTER_ROLES,
    ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS,
    ...crds,
    ...seeds,
  ]);
  // admin <- edit <- view: one aggregation pass per level, so the roles are complete when the server listens
  for (let i = 0; i < 3; i++) aggregator.sync();

  const writer = opts.snapshotFile
    ? new SnapshotWriter(store, opts.snapshotFile)
    : undefined;
  writer?.flush();

  const adminToken = opts.adminToken ?? randomBytes(24).toString('hex');
  let url = '';
  const api = new KubeApi(
    cluster,
    new Authorizer(adminToken, opts.users ?? [], {
      anonymous: opts.anonymous,
      store,
    }),
    {
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 10_000,
      serverAddress: () => url.replace(/^https?:\/\//, ''),
    },
  );
  const tls =
    opts.tls === true ? selfSignedCertificate(host) : opts.tls || undefined;
  const server = tls
    ? https.createServer({ cert: tls.cert, key: tls.key }, api.handle)
    : http.createServer(api.handle);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `${tls ? 'https' : 'http'}://${
    host.includes(':') ? `[${host}]` : host
  }:${port}`;
  if (opts.kubeconfigPath)
    writeKubeconfig(opts.kubeconfigPath, url, adminToken, tls?.cert);

  return {
    url,
    port,
    adminToken,
    kubeconfigPath: opts.kubeconfigPath,
    ca: tls?.cert,
    requests: api.requests,
    resourceVersion: () => String(store.resourceVersion),
    close: async () => {
      api.closeWatches();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      writer?.close();
      for (const c of controllers)
        if (typeof c === 'function') c();
        else c.stop();
    },
  };
}
