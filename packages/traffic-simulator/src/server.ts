import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { SimulatorOptions, TrafficSimulator } from './simulator';
import { hashString } from './prng';
import { PROTOBUF_CONTENT_TYPE } from './protobuf';

export interface SimulatorServerOptions extends SimulatorOptions {
  port?: number;
  host?: string;
  /** re-reads the objects every `reloadMs` (e.g. from the Kubernetes API), so new routes get traffic */
  reload?: () => Promise<KubeObject[]>;
  reloadMs?: number;
  onReloadError?: (e: unknown) => void;
}

export interface RunningSimulator {
  url: string;
  port: number;
  simulator: TrafficSimulator;
  /** the data-plane pods the server pretends to run, one per Gateway */
  pods: SimulatedPod[];
  close(): Promise<void>;
}

export interface SimulatedPod {
  namespace: string;
  name: string;
  gateway: string;
}

export const OPENMETRICS_CONTENT_TYPE =
  'application/openmetrics-text; version=1.0.0; charset=utf-8';
/** What agentgateway sends with its OpenMetrics text (metrics_server.rs `ContentType::PlainText`). */
export const TEXT_CONTENT_TYPE = 'text/plain;charset=utf-8';

/**
 * agentgateway's content negotiation (`metrics_server.rs` `content_type`): of `text/plain` and the protobuf
 * media types, the one the `Accept` header weighs highest; anything else (OpenMetrics included) gets text.
 */
export function wantsProtobuf(accept: string | undefined): boolean {
  let text = -1;
  let proto = -1;
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.split(';').map(x => x.trim().toLowerCase());
    const qParam = params.find(p => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (type === 'text/plain') text = Math.max(text, q);
    else if (
      [
        'application/vnd.google.protobuf',
        'application/protobuf',
        'application/x-protobuf',
      ].includes(type)
    )
      proto = Math.max(proto, q);
  }
  return proto > 0 && proto > text;
}

function podFor(gateway: string): SimulatedPod {
  const [namespace, name] = gateway.split('/');
  return {
    namespace,
    name: `${name}-${hashString(gateway).toString(36).slice(0, 5)}`,
    gateway,
  };
}

function podObject(p: SimulatedPod) {
  const gwName = p.gateway.split('/')[1];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      labels: {
        'app.kubernetes.io/instance': gwName,
        'app.kubernetes.io/name': gwName,
        'gateway.networking.k8s.io/gateway-class-name': 'agentgateway',
        'gateway.networking.k8s.io/gateway-name': gwName,
      },
      annotations: {
        'prometheus.io/path': '/metrics',
        'prometheus.io/port': '15020',
        'prometheus.io/scrape': 'true',
      },
    },
    spec: {
      containers: [
        {
          name: 'agentgateway',
          ports: [{ containerPort: 15020, name: 'metrics', protocol: 'TCP' }],
        },
      ],
    },
    status: { phase: 'Running', podIP: '127.0.0.1' },
  };
}

/**
 * Serves the simulated data plane:
 * - `GET /metrics` (and `/stats/prometheus`): every gateway's metrics, for a Prometheus scrape job;
 * - `GET /api/v1/pods`, `GET /api/v1/namespaces/{ns}/pods`: one proxy pod per Gateway, labelled like the
 *   controller labels them;
 * - `GET /api/v1/namespaces/{ns}/pods/{pod}:15020/proxy/metrics`: that pod's (gateway's) metrics, the path the
 *   Kubernetes API pod proxy serves, so the backend's pod-proxy scraper can read it.
 */
export async function startSimulatorServer(
  objects: KubeObject[],
  options: SimulatorServerOptions = {},
): Promise<RunningSimulator> {
  const simulator = new TrafficSimulator(objects, options);
  let pods = simulator.gateways().map(podFor);
  let timer: NodeJS.Timeout | undefined;
  if (options.reload) {
    const reload = options.reload;
    timer = setInterval(() => {
      reload().then(
        fresh => {
          simulator.advanceTo(Date.now());
          simulator.setObjects(fresh);
          pods = simulator.gateways().map(podFor);
        },
        e => options.onReloadError?.(e),
      );
    }, options.reloadMs ?? 10_000);
    timer.unref();
  }
  const send = (
    res: http.ServerResponse,
    status: number,
    type: string,
    body: string,
  ) => {
    res.writeHead(status, { 'Content-Type': type });
    res.end(body);
  };
  const metrics = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    gateway?: string,
  ) => {
    simulator.advanceTo(Date.now());
    // like agentgateway: OpenMetrics text under text/plain (even when OpenMetrics is asked for), or protobuf
    if (wantsProtobuf(req.headers.accept)) {
      res.writeHead(200, { 'Content-Type': PROTOBUF_CONTENT_TYPE });
      res.end(simulator.renderProtobuf(gateway));
      return;
    }
    send(res, 200, TEXT_CONTENT_TYPE, simulator.render(gateway));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = decodeURIComponent(url.pathname);
    if (req.method !== 'GET')
      return send(res, 405, 'text/plain', 'method not allowed\n');
    if (p === '/metrics' || p === '/stats/prometheus') return metrics(req, res);
    if (p === '/healthz/ready') return send(res, 200, 'text/plain', 'ready\n');
    const proxy = p.match(
      /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/:]+)(?::(\d+))?\/proxy\/(metrics|stats\/prometheus)$/,
    );
    if (proxy) {
      const pod = pods.find(
        x => x.namespace === proxy[1] && x.name === proxy[2],
      );
      if (!pod)
        return send(
          res,
          404,
          'application/json',
          JSON.stringify({
            kind: 'Status',
            status: 'Failure',
            reason: 'NotFound',
            code: 404,
          }),
        );
      if (proxy[3] && proxy[3] !== '15020')
        return send(res, 503, 'text/plain', 'connection refused\n');
      return metrics(req, res, pod.gateway);
    }
    const list = p.match(/^\/api\/v1(?:\/namespaces\/([^/]+))?\/pods$/);
    if (list) {
      const selector = url.searchParams.get('labelSelector');
      const items = pods
        .filter(x => !list[1] || x.namespace === list[1])
        .map(podObject)
        .filter(
          o =>
            !selector ||
            selector.split(',').every(term => {
              const [k, v] = term.split('=');
              return v === undefined
                ? k in o.metadata.labels
                : (o.metadata.labels as Record<string, string>)[k] === v;
            }),
        );
      return send(
        res,
        200,
        'application/json',
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'PodList',
          metadata: { resourceVersion: '1' },
          items,
        }),
      );
    }
    return send(res, 404, 'text/plain', 'not found\n');
  });
  await new Promise<void>(resolve =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    simulator,
    get pods() {
      return pods;
    },
    close: () =>
      new Promise(resolve => {
        if (timer) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
