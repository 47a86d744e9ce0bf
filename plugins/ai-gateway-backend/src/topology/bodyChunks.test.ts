import * as zlib from 'node:zlib';
import {
  TopologyEdge,
  TopologyNode,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { compressed, crc32Combine, topologyBody } from './bodyChunks';
import { JoinedGraph, JoinedSegment } from './joinMetrics';

const node = (id: string, label = id): TopologyNode => ({
  id,
  type: 'route',
  label,
  cluster: 'dev',
  relation: 'owned',
  status: 'ok',
  details: { hostnames: [`${id}.example.com`] },
  metrics: { available: true, rps: 1.5, errorRate: 0, errors: [] },
});
const edge = (source: string, target: string): TopologyEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  type: 'backend',
  rps: 1.5,
});

function segment(i: number, label?: string): JoinedSegment {
  return {
    nodes: [node(`n${i}`, label)],
    edges: i % 3 ? [edge(`n${i}`, `n${i + 1}`)] : [],
    mcpNodes: i % 7 ? [] : [node(`n${i}#mcp:t`)],
    mcpEdges: i % 7 ? [] : [edge(`n${i}`, `n${i}#mcp:t`)],
    boundary: i % 10 === 9,
    json: {},
  };
}

function graph(segments: JoinedSegment[]): JoinedGraph {
  return {
    head: {
      window: '5m',
      generatedAt: '2026-01-01T00:00:00.000Z',
      scope: { type: 'platform' },
      metrics: [],
    },
    segments,
  };
}

/** What the body must be: the JSON of the whole answer, as the first version serialized it. */
function expected(g: JoinedGraph, clusters: unknown[]) {
  const s = g.segments;
  return JSON.stringify({
    ...g.head,
    nodes: [...s.flatMap(x => x.nodes), ...s.flatMap(x => x.mcpNodes)],
    edges: [...s.flatMap(x => x.edges), ...s.flatMap(x => x.mcpEdges)],
    clusters,
  });
}

describe('bodyChunks', () => {
  it('combines CRC-32s as zlib computes them over the whole', () => {
    const bytes = Buffer.from(
      Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251),
    );
    for (const cut of [0, 1, 17, 2500, 4999, 5000]) {
      const a = bytes.subarray(0, cut);
      const b = bytes.subarray(cut);
      expect(crc32Combine(zlib.crc32(a), zlib.crc32(b), b.length)).toBe(
        zlib.crc32(bytes),
      );
    }
  });

  it('is the JSON of the answer, and its gzip decompresses to the same bytes', async () => {
    const clusters = [{ name: 'dev', ok: true }];
    const g = graph(Array.from({ length: 200 }, (_, i) => segment(i)));
    const body = topologyBody(g, JSON.stringify(clusters));
    expect(body.json.toString('utf8')).toBe(expected(g, clusters));
    const zipped = await body.gzip();
    expect(zlib.gunzipSync(zipped).toString('utf8')).toBe(
      expected(g, clusters),
    );
    expect(body.gzip()).toBe(body.gzip());
    // compressed: far smaller than the JSON
    expect(zipped.length).toBeLessThan(body.json.length / 4);
  });

  it('an empty graph, and a head and tail longer than one stored block', async () => {
    const empty = topologyBody(graph([]), '[]');
    expect(empty.json.toString('utf8')).toBe(expected(graph([]), []));
    expect(zlib.gunzipSync(await empty.gzip()).toString('utf8')).toBe(
      expected(graph([]), []),
    );
    const many = Array.from({ length: 3000 }, (_, i) => ({
      name: `cluster-${i}`,
      ok: false,
      reason: 'x'.repeat(30),
    }));
    const big = topologyBody(graph([segment(1)]), JSON.stringify(many));
    expect(zlib.gunzipSync(await big.gzip()).toString('utf8')).toBe(
      expected(graph([segment(1)]), many),
    );
  });

  it('after one segment changes, compresses only the chunks that hold it', async () => {
    const segments = Array.from({ length: 300 }, (_, i) => segment(i));
    await topologyBody(graph(segments), '[]').gzip();
    const before = { ...compressed };
    const changed = [...segments];
    changed[123] = segment(123, 'renamed');
    const g = graph(changed);
    const body = topologyBody(g, '[]');
    expect(zlib.gunzipSync(await body.gzip()).toString('utf8')).toBe(
      expected(g, []),
    );
    // the chunk with segment 123's node; its edges are the same objects, so their chunk is reused
    expect(compressed.chunks - before.chunks).toBe(1);
    // about one chunk's worth of the nodes (10 of 300 segments end a chunk)
    expect(compressed.bytes - before.bytes).toBeLessThan(body.json.length / 10);
  });
});
