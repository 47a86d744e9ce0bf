import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

export interface DataPlanePod {
  namespace: string;
  name: string;
  /** metrics port: the `prometheus.io/port` annotation, else 15020 */
  port: number;
  /** the `prometheus.io/path` annotation without the leading slash, else `metrics` */
  path: string;
}

/** How the pod-proxy source reaches the data plane; the default goes through the Kubernetes API. */
export interface PodProxyTransport {
  listPods(labelSelector: string): Promise<DataPlanePod[]>;
  scrape(pod: DataPlanePod): Promise<string>;
}

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} timed out after ${ms} ms`)),
      ms,
    );
    p.then(
      v => {
        clearTimeout(timer);
        resolve(v);
      },
      e => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });

/**
 * Lists the proxy pods and reads `GET /api/v1/namespaces/{ns}/pods/{pod}:{port}/proxy/{path}` with
 * `@kubernetes/client-node` (the service account needs `get` on `pods/proxy`).
 */
export class KubePodProxyTransport implements PodProxyTransport {
  private readonly api: CoreV1Api;

  constructor(kubeConfig: KubeConfig, private readonly timeoutMs = 5_000) {
    this.api = kubeConfig.makeApiClient(CoreV1Api);
  }

  async listPods(labelSelector: string): Promise<DataPlanePod[]> {
    const list = await withTimeout(
      this.api.listPodForAllNamespaces({ labelSelector }),
      this.timeoutMs,
      'Listing data-plane pods',
    );
    return list.items
      .filter(p => !p.status?.phase || p.status.phase === 'Running')
      .map(p => {
        const a = p.metadata?.annotations ?? {};
        return {
          namespace: p.metadata?.namespace ?? 'default',
          name: p.metadata?.name ?? '',
          port: Number(a['prometheus.io/port']) || 15020,
          path: (a['prometheus.io/path'] ?? '/metrics').replace(/^\/+/, ''),
        };
      })
      .filter(p => p.name);
  }

  scrape(pod: DataPlanePod): Promise<string> {
    return withTimeout(
      this.api.connectGetNamespacedPodProxyWithPath({
        name: `${pod.name}:${pod.port}`,
        namespace: pod.namespace,
        path: pod.path,
      }),
      this.timeoutMs,
      `Scraping ${pod.namespace}/${pod.name}`,
    );
  }
}
