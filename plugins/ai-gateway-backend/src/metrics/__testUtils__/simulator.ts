import path from 'node:path';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  TrafficSimulator,
  loadObjectsFromPath,
} from '@ai-gateway-backstage/traffic-simulator';
import { DataPlanePod, PodProxyTransport } from '../podProxyTransport';

/** The traffic simulator's demo cluster: two gateways, LLM / MCP / static backends, JWT and rate-limit policies. */
export const DEMO_CLUSTER_FILE = path.join(
  path.dirname(
    require.resolve('@ai-gateway-backstage/traffic-simulator/package.json'),
  ),
  'fixtures/demo-cluster.yaml',
);

export function demoObjects(): KubeObject[] {
  return loadObjectsFromPath(DEMO_CLUSTER_FILE);
}

/** The demo cluster plus `label-joins.yaml`: a Service backendRef, MCP selector targets, a missing backend. */
export function allFixtureObjects(): KubeObject[] {
  return loadObjectsFromPath(path.dirname(DEMO_CLUSTER_FILE));
}

/** A pod-proxy transport over an in-process simulator (one pod per gateway) whose clock the test drives. */
export class SimulatorTransport implements PodProxyTransport {
  constructor(private readonly sim: TrafficSimulator) {}
  async listPods(): Promise<DataPlanePod[]> {
    return this.sim.gateways().map(g => ({
      namespace: g.split('/')[0],
      name: g.split('/')[1],
      port: 15020,
      path: 'metrics',
    }));
  }
  async scrape(pod: DataPlanePod): Promise<string> {
    return this.sim.render(`${pod.namespace}/${pod.name}`);
  }
}
