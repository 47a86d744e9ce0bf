import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Knex } from 'knex';
import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { boundedFetch } from '../../mcp/client';
import { ResultTable } from '../DatabaseResultStore';
import { withDeadline } from '../deadline';
import {
  RemoteDiscoveryKind,
  RemoteDiscoveryService,
} from '../RemoteDiscoveryService';
import { RemoteResult } from '../types';

/** A third kind for the base's tests: a backend with `spec.probe` answers `{ items }` at `<url>/<name>`. */
export interface ProbeResult extends RemoteResult {
  items: string[];
  source?: string;
}

/** Its table: the shared columns (as the shipped migrations create them for MCP and A2A) plus `items`, `source`. */
export async function createProbeTable(knex: Knex) {
  await knex.schema.createTable('test_probe_results', t => {
    t.string('cluster').notNullable();
    t.string('namespace').notNullable();
    t.string('backend').notNullable();
    t.string('status').notNullable();
    t.text('items').notNullable();
    t.string('source').nullable();
    t.string('discovered_at').nullable();
    t.string('error_at').nullable();
    t.text('error_message').nullable();
    t.bigInteger('updated_at').notNullable();
    t.primary(['cluster', 'namespace', 'backend']);
  });
}

export const PROBE_TABLE: ResultTable<ProbeResult> = {
  name: 'test_probe_results',
  columns: r => ({ items: JSON.stringify(r.items), source: r.source ?? null }),
  payload: row => ({
    items: JSON.parse(String(row.items)),
    source: typeof row.source === 'string' ? row.source : undefined,
  }),
};

export const probeBackend = (name: string): KubeObject => ({
  apiVersion: 'agentgateway.dev/v1alpha1',
  kind: 'AgentgatewayBackend',
  metadata: { name, namespace: 'team-a' },
  spec: { probe: {} },
});

/** The probe kind: fetches with one deadline and a byte limit, as MCP and A2A do. */
export function probeKind(
  url: () => string,
  timeoutMs: number,
): RemoteDiscoveryKind<ProbeResult> {
  return {
    label: 'Probe',
    specField: 'probe',
    empty: () => ({ items: [] }),
    fetch: (_cluster, backend) =>
      withDeadline(timeoutMs, async signal => {
        const source = `${url()}/${backend.metadata.name}`;
        const res = await boundedFetch(64 * 1024, signal)(source);
        if (!res.ok) throw new Error(`${source} answered HTTP ${res.status}`);
        const { items } = (await res.json()) as { items: string[] };
        return { items, source };
      }),
  };
}

export type ProbeAnswer =
  | { status: number; items?: string[]; delayMs?: number }
  | 'hang';

/** A probe server: `answer` decides per request (status, items, delay), `'hang'` never answers. */
export async function startProbeServer(answer: (name: string) => ProbeAnswer) {
  const seen = { open: 0, mostAtOnce: 0 };
  const http = createServer((req, res) => {
    const a = answer((req.url ?? '/').slice(1));
    if (a === 'hang') return;
    seen.mostAtOnce = Math.max(seen.mostAtOnce, ++seen.open);
    setTimeout(() => {
      seen.open--;
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: a.items ?? [] }));
    }, a.delayMs ?? 0);
  });
  await new Promise<void>(r => http.listen(0, '127.0.0.1', r));
  return {
    seen,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(r => {
        http.closeAllConnections();
        http.close(() => r());
      }),
  };
}

/** The probe kind's service, with a reader as McpDiscoveryService.getServer / A2aDiscoveryService.getAgent have. */
export class ProbeDiscovery extends RemoteDiscoveryService<ProbeResult> {
  get(name: string) {
    return this.result('local', 'team-a', name);
  }
}
