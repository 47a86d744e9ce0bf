import path from 'node:path';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { loadObjectsFromPath } from '@ai-gateway-backstage/traffic-simulator';

/** The traffic simulator's demo cluster: two gateways, LLM / MCP / static backends, JWT and rate-limit policies. */
export const DEMO_CLUSTER_FILE = path.resolve(__dirname, '../../../../packages/traffic-simulator/fixtures/demo-cluster.yaml');

export function demoObjects(): KubeObject[] {
  return loadObjectsFromPath(DEMO_CLUSTER_FILE);
}
