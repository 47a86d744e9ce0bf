import { promisify } from 'node:util';
import {
  constants,
  crc32,
  deflateRaw as deflateRawCb,
  deflateRawSync,
} from 'node:zlib';
import { JoinedGraph, JoinedSegment } from './joinMetrics';

const deflateRaw = promisify(deflateRawCb);
const FLUSH = {
  level: constants.Z_DEFAULT_COMPRESSION,
  finishFlush: constants.Z_SYNC_FLUSH,
};
/**
 * Chunks compressed on the calling thread (at most {@link SYNC_CHUNKS}: those a watch event changed, or all
 * of a small graph's) use the fastest level: about a third of level 6's CPU for 16 KB of JSON, some 15 %
 * more bytes for those chunks. A graph's other chunks, and all of a large graph's after a scrape, use level 6
 * on the libuv pool.
 */
const FAST = {
  level: constants.Z_BEST_SPEED,
  finishFlush: constants.Z_SYNC_FLUSH,
};
const COMMA = Buffer.from(',');
/** up to this many new chunks are compressed on the request's thread (cheaper than a thread-pool trip) */
const SYNC_CHUNKS = 4;
/** a chunk is cut once it holds this many bytes of JSON */
const MAX_CHUNK = 16 * 1024;

/** A response body serialized once per graph version (and per cluster states, which rarely change). */
export interface TopologyBody {
  readonly json: Buffer;
  gzip: () => Promise<Buffer>;
}

type List = 'nodes' | 'edges' | 'mcpNodes' | 'mcpEdges';

/**
 * A run of consecutive segments' items of one list, comma-separated JSON, compressed on its own as raw
 * deflate ending in a sync flush: deflate streams cut like that can be concatenated, so a body's gzip is
 * its chunks' bytes between a header and a trailer, and a watch event recompresses only the chunks that
 * hold a segment it changed. A chunk is found again by its first segment and reused while it holds the
 * same joined segments.
 */
interface Chunk {
  segments: JoinedSegment[];
  /** the array's first chunk (no comma before it) */
  first: boolean;
  raw: Buffer;
  crc: number;
  /** x^(8 × length) mod the CRC polynomial: shifts a CRC past this chunk (see {@link crc32Combine}) */
  shift: number;
  deflated?: Promise<Buffer>;
}

// CRC-32 of two parts from theirs (zlib's crc32_combine): the body's CRC without reading its bytes again
const POLY = 0xedb88320;
function multmodp(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  let x = b;
  for (;;) {
    if (a & m) {
      p ^= x;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    x = x & 1 ? (x >>> 1) ^ POLY : x >>> 1;
  }
  return p >>> 0;
}
const X2N: number[] = [];
for (let n = 0, p = 0x40000000; n < 32; n++)
  X2N.push(n ? (p = multmodp(p, p)) : p);
function x2nmodp(bytes: number, start: number): number {
  let p = 0x80000000;
  let k = start;
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++)
    if (n % 2) p = multmodp(X2N[k & 31], p);
  return p;
}
/** The CRC-32 of `a + b` from the CRC-32 of each and the length of `b`. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number) {
  return (multmodp(x2nmodp(lengthB, 3), crcA) ^ crcB) >>> 0;
}

/** How many chunks were compressed, and how many bytes they held, so far (tests and the bench). */
export const compressed = { chunks: 0, bytes: 0 };

const LISTS: List[] = ['nodes', 'mcpNodes', 'edges', 'mcpEdges'];
const chunkByFirst: Record<List, WeakMap<JoinedSegment, Chunk>> = {
  nodes: new WeakMap(),
  mcpNodes: new WeakMap(),
  edges: new WeakMap(),
  mcpEdges: new WeakMap(),
};
const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const ITEMS: Record<List, (s: JoinedSegment) => object[]> = {
  nodes: s => s.nodes,
  mcpNodes: s => s.mcpNodes,
  edges: s => s.edges,
  mcpEdges: s => s.mcpEdges,
};

/** A joined segment's items of one list as JSON without the brackets, stringified once. */
function pieceOf(s: JoinedSegment, list: List): Buffer {
  let b = s.json[list];
  if (!b)
    s.json[list] = b = Buffer.from(JSON.stringify(ITEMS[list](s)).slice(1, -1));
  return b;
}

function chunkOf(run: JoinedSegment[], list: List, first: boolean): Chunk {
  const hit = chunkByFirst[list].get(run[0]);
  if (hit && hit.first === first && sameItems(hit.segments, run)) return hit;
  const parts: Buffer[] = [];
  run.forEach((s, i) => {
    if (i || !first) parts.push(COMMA);
    parts.push(pieceOf(s, list));
  });
  const raw = Buffer.concat(parts);
  const chunk: Chunk = {
    segments: run,
    first,
    raw,
    crc: crc32(raw),
    shift: x2nmodp(raw.length, 3),
  };
  chunkByFirst[list].set(run[0], chunk);
  return chunk;
}

/**
 * An array's chunks (`nodes` then `mcpNodes`, or the edges): a chunk ends after a segment marked as a
 * boundary (by its key, so a change moves no boundary), at the end of a list, or once it holds
 * {@link MAX_CHUNK} bytes (so a watch event never recompresses a long run; such a cut can move only up
 * to the next boundary).
 */
function chunked(segments: JoinedSegment[], lists: List[]): Chunk[] {
  const out: Chunk[] = [];
  for (const list of lists) {
    const items = ITEMS[list];
    let run: JoinedSegment[] = [];
    let bytes = 0;
    for (const s of segments) {
      if (!items(s).length) continue;
      run.push(s);
      bytes += pieceOf(s, list).length;
      if (!s.boundary && bytes < MAX_CHUNK) continue;
      out.push(chunkOf(run, list, !out.length));
      run = [];
      bytes = 0;
    }
    if (run.length) out.push(chunkOf(run, list, !out.length));
  }
  return out;
}

/**
 * Bytes as stored (uncompressed) deflate blocks, for the small head and tail that differ per body: no
 * compressor to set up for them. Each block: its header byte (final or not), then LEN and ~LEN.
 */
function stored(bytes: Buffer, last: boolean): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length || !out.length; at += 0xffff) {
    const part = bytes.subarray(at, at + 0xffff);
    const header = Buffer.alloc(5);
    header[0] = last && at + 0xffff >= bytes.length ? 1 : 0;
    header.writeUInt16LE(part.length, 1);
    header.writeUInt16LE(~part.length & 0xffff, 3);
    out.push(header, part);
  }
  return out;
}

const MIDDLE = Buffer.from('],"edges":[');
const MIDDLE_CHUNK: Chunk = {
  segments: [],
  first: true,
  raw: MIDDLE,
  crc: crc32(MIDDLE),
  shift: x2nmodp(MIDDLE.length, 3),
};
// gzip member header: deflate, no name, no mtime, OS unix (RFC 1952)
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

class ChunkedBody implements TopologyBody {
  private raw?: Buffer;
  private zipped?: Promise<Buffer>;

  constructor(
    private readonly head: Buffer,
    private readonly chunks: Chunk[],
    private readonly tail: Buffer,
  ) {}

  get json(): Buffer {
    this.raw ??= Buffer.concat([
      this.head,
      ...this.chunks.map(c => c.raw),
      this.tail,
    ]);
    return this.raw;
  }

  gzip(): Promise<Buffer> {
    this.zipped ??= this.compress();
    return this.zipped;
  }

  private async compress(): Promise<Buffer> {
    // each chunk once across the bodies that hold it: a few (a watch event's) at once, many (a scrape's)
    // on the libuv thread pool
    const todo = this.chunks.filter(c => !c.deflated);
    compressed.chunks += todo.length;
    for (const c of todo) compressed.bytes += c.raw.length;
    for (const c of todo)
      c.deflated =
        todo.length <= SYNC_CHUNKS
          ? Promise.resolve(deflateRawSync(c.raw, FAST))
          : deflateRaw(c.raw, FLUSH).catch(e => {
              c.deflated = undefined;
              throw e;
            });
    const deflated = await Promise.all(this.chunks.map(c => c.deflated!));
    let crc = crc32(this.head);
    let length = this.head.length;
    for (const c of this.chunks) {
      crc = (multmodp(c.shift, crc) ^ c.crc) >>> 0;
      length += c.raw.length;
    }
    crc = crc32Combine(crc, crc32(this.tail), this.tail.length);
    length += this.tail.length;
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc, 0);
    trailer.writeUInt32LE(length % 2 ** 32, 4);
    return Buffer.concat([
      GZIP_HEADER,
      ...stored(this.head, false),
      ...deflated,
      ...stored(this.tail, true),
      trailer,
    ]);
  }
}

/**
 * `{...head, nodes, edges, clusters}` as UTF-8 JSON — the bytes `JSON.stringify` gives — assembled from
 * the cached JSON of each joined segment, with a gzip assembled from cached compressed chunks.
 */
export function topologyBody(g: JoinedGraph, clusters: string): TopologyBody {
  return new ChunkedBody(
    Buffer.from(`${JSON.stringify(g.head).slice(0, -1)},"nodes":[`),
    [
      ...chunked(g.segments, LISTS.slice(0, 2)),
      MIDDLE_CHUNK,
      ...chunked(g.segments, LISTS.slice(2)),
    ],
    Buffer.from(`],"clusters":${clusters}}`),
  );
}
