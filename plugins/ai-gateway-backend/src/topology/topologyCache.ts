import {
  MetricsResult,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { TopologyObject } from './scope';

type Built = Omit<TopologyResponse, 'clusters'>;

interface Entry {
  fingerprint: string;
  metrics: Array<MetricsResult | undefined>;
  built: Built;
}

/**
 * Built graphs per (scope, window), reused while neither the objects nor the metrics changed: the metrics
 * sources hand out the same result object until their next read (Prometheus: `cacheSeconds`; pod proxy:
 * the next scrape), and the objects' fingerprint (uid + resourceVersion of every object) changes with any
 * watch event. So every request between two scrapes gets the graph for the cost of a fingerprint.
 */
export class TopologyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 256) {}

  static fingerprint(objects: TopologyObject[]): string {
    const parts: string[] = new Array(objects.length);
    for (let i = 0; i < objects.length; i++) {
      const { cluster, object } = objects[i];
      const m = object.metadata;
      parts[i] = `${cluster}|${object.kind}|${m.namespace ?? ''}|${m.name}|${
        m.uid ?? ''
      }|${m.resourceVersion ?? ''}`;
    }
    return parts.join('\n');
  }

  get(
    key: string,
    fingerprint: string,
    metrics: Record<string, MetricsResult>,
    build: () => Built,
  ): Built {
    const clusters = Object.keys(metrics).sort();
    const results = clusters.map(c => metrics[c]);
    const k = `${key}|${clusters.join(',')}`;
    const hit = this.entries.get(k);
    if (
      hit &&
      hit.fingerprint === fingerprint &&
      hit.metrics.length === results.length &&
      hit.metrics.every((m, i) => m === results[i])
    )
      return hit.built;
    const built = build();
    this.entries.delete(k);
    this.entries.set(k, { fingerprint, metrics: results, built });
    if (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string);
    return built;
  }
}
