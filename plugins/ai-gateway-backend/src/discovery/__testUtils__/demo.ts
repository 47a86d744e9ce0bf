import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { readDiscoveryConfig } from '../config';
import { ClusterObjects } from '../context';

const ROOT = resolve(__dirname, '../../../../..');

function readYamlDir<T>(dir: string): T[] {
  return readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .flatMap(f =>
      parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map(
        d => d.toJSON() as T,
      ),
    )
    .filter(Boolean);
}

/** The demo cluster (`examples/cluster`) and catalog (`examples/catalog`). */
export const demoObjects = readYamlDir<KubeObject>(
  join(ROOT, 'examples/cluster'),
);
export const demoEntities = readYamlDir<Entity>(join(ROOT, 'examples/catalog'));

export const ofKind = (objects: KubeObject[], kind: string) =>
  objects.filter(o => o.kind === kind);

export function clusterOf(
  objects: KubeObject[],
  name = 'local',
): ClusterObjects {
  return {
    name,
    ok: true,
    gateways: ofKind(objects, 'Gateway'),
    routes: ofKind(objects, 'HTTPRoute'),
    models: ofKind(objects, 'AgentgatewayModel'),
    backends: ofKind(objects, 'AgentgatewayBackend'),
    policies: ofKind(objects, 'AgentgatewayPolicy'),
  };
}

export const demoConfig = (extra: object = {}) =>
  readDiscoveryConfig(
    new ConfigReader({
      aiGateway: {
        gateways: [
          {
            gateway: 'agentgateway-system/ai-gateway',
            url: 'https://ai.example.com/',
          },
        ],
        ...extra,
      },
    }),
  );
