/**
 * Where a page's main-thread time goes during one phase (bench-api-page --profile, bench-ui): a CDP CPU profile of
 * the renderer, its self time attributed to source packages through the build's source maps
 * (packages/app/dist/static/*.map), the long tasks (> 50 ms) the page observed, and the requests the phase made
 * (the waterfall: start and end after the phase began, from the Resource Timing entries).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
// a devDependency of the root package.json (also postcss's, so the version the build tooling already uses)
import { SourceMapConsumer } from 'source-map-js';

const DIST = join(__dirname, '..', 'packages', 'app', 'dist');

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
  children?: number[];
}

/** Long tasks as the page saw them; installed before any script runs (addInitScript). */
const LONG_TASKS = `(() => {
  if (window.__benchLong) return;
  window.__benchLong = [];
  try {
    new PerformanceObserver(l => {
      for (const e of l.getEntries())
        window.__benchLong.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

export async function installLongTasks(page: Page) {
  await page.addInitScript({ content: LONG_TASKS });
}

const consumers = new Map<string, SourceMapConsumer | null>();
function consumerFor(url: string): SourceMapConsumer | null {
  if (consumers.has(url)) return consumers.get(url)!;
  const path = /\/static\/([^?#]+\.js)$/.exec(url)?.[1];
  const file = path ? join(DIST, 'static', `${path}.map`) : undefined;
  const c =
    file && existsSync(file)
      ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8')))
      : null;
  consumers.set(url, c);
  return c;
}

/** A source path of the map → its package (node_modules/<pkg>, plugins/<x>, packages/<x>) and, for ours, the file. */
function owner(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const ours = /(plugins|packages)\/([^/]+)\/src\/(.*)$/.exec(source);
  if (ours) {
    const dir = ours[3].split('/').slice(0, -1).join('/') || '.';
    return `${ours[1]}/${ours[2]} (${dir})`;
  }
  return source.replace(/^webpack:\/\//, '');
}

function where(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return `(${frame.functionName || 'program'})`;
  const c = frame.lineNumber >= 0 ? consumerFor(frame.url) : null;
  if (!c) return frame.url.replace(/^https?:\/\/[^/]+/, '');
  const pos = c.originalPositionFor({
    line: frame.lineNumber + 1,
    column: frame.columnNumber,
  });
  return pos.source ? owner(pos.source) : frame.url.split('/').pop()!;
}

export interface PhaseProfile {
  /** self ms per source package (top first) */
  packages: Array<[string, number]>;
  /** per package: the nearest caller of another package (our code, a Backstage plugin), ms of the package's self time */
  callers: Map<string, Array<[string, number]>>;
  longTasks: { count: number; totalMs: number; maxMs: number };
  requests: Array<{ name: string; start: number; end: number; kb: number }>;
  totalSampledMs: number;
  /** samples with a frame of this repo's code (plugins/*, packages/*) on the stack: what our code and its calls cost */
  oursMs: number;
}

/** Starts the CPU profile; the returned function stops it and summarizes the phase. */
export async function profilePhase(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async (
    /** the page's performance.now() at the phase's start (0 for a full page load) */
    since = 0,
  ): Promise<PhaseProfile> => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: {
        nodes: ProfileNode[];
        samples: number[];
        timeDeltas: number[];
      };
    };
    await cdp.detach();
    const byId = new Map(profile.nodes.map(n => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      self.set(id, (self.get(id) ?? 0) + dt);
    });
    const packages = new Map<string, number>();
    const parent = new Map<number, number>();
    for (const n of profile.nodes)
      for (const c of n.children ?? []) parent.set(c, n.id);
    const keyOf = new Map<number, string>();
    const key = (id: number) => {
      let k = keyOf.get(id);
      if (k === undefined) {
        k = where(byId.get(id)!.callFrame);
        keyOf.set(id, k);
      }
      return k;
    };
    const callers = new Map<string, Map<string, number>>();
    const oursMemo = new Map<number, boolean>();
    const ours = (id: number): boolean => {
      let v = oursMemo.get(id);
      if (v === undefined) {
        const up = parent.get(id);
        v =
          /^(plugins|packages)\//.test(key(id)) ||
          (up !== undefined && ours(up));
        oursMemo.set(id, v);
      }
      return v;
    };
    let oursMs = 0;
    let total = 0;
    for (const [id, t] of self) {
      const node = byId.get(id)!;
      if (node.callFrame.functionName === '(idle)') continue;
      total += t;
      if (ours(id)) oursMs += t;
      const own = key(id);
      packages.set(own, (packages.get(own) ?? 0) + t);
      // the nearest frame of another package that is not a library everyone goes through (react, scheduler)
      let up = parent.get(id);
      while (
        up !== undefined &&
        (key(up) === own ||
          /^(react|react-dom|scheduler)$|^\(|^runtime\./.test(key(up)))
      )
        up = parent.get(up);
      const from = up === undefined ? '(root)' : key(up);
      const m = callers.get(own) ?? new Map<string, number>();
      m.set(from, (m.get(from) ?? 0) + t);
      callers.set(own, m);
    }
    const seen = await page.evaluate(start => {
      const w = window as unknown as {
        __benchLong?: Array<{ start: number; duration: number }>;
      };
      const long = (w.__benchLong ?? []).filter(t => t.start >= start);
      const requests = performance
        .getEntriesByType('resource')
        .map(e => e as PerformanceResourceTiming)
        .filter(e => e.startTime >= start)
        .map(e => ({
          name: e.name.replace(/^https?:\/\/[^/]+/, ''),
          start: e.startTime - start,
          end: e.responseEnd - start,
          kb: e.encodedBodySize / 1024,
        }));
      return { long, requests };
    }, since);
    return {
      packages: [...packages].sort((a, b) => b[1] - a[1]),
      callers: new Map(
        [...callers].map(([k, m]) => [
          k,
          [...m].sort((a, b) => b[1] - a[1]).slice(0, 3),
        ]),
      ),
      longTasks: {
        count: seen.long.length,
        totalMs: seen.long.reduce((s, t) => s + t.duration, 0),
        maxMs: Math.max(0, ...seen.long.map(t => t.duration)),
      },
      requests: seen.requests,
      totalSampledMs: total,
      oursMs,
    };
  };
}

/** The biggest source packages of a chunk (from its source map), to say what a chunk is. */
function chunkPackages(url: string): string {
  const c = consumerFor(url) as unknown as {
    sources?: string[];
    sourcesContent?: Array<string | null>;
  } | null;
  if (!c?.sources) return '?';
  const by = new Map<string, number>();
  c.sources.forEach((src, i) => {
    const k = owner(src);
    by.set(k, (by.get(k) ?? 0) + (c.sourcesContent?.[i]?.length ?? 0));
  });
  return [...by]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, n]) => `${k} ${Math.round(n / 1024)} KB`)
    .join(', ');
}

/** Prints a phase's profile: busy time, long tasks, the top packages by self time, the API requests and chunks. */
export function printProfile(label: string, p: PhaseProfile, top = 14) {
  const r = (n: number) => Math.round(n);
  console.log(
    `  profile of ${label}: main thread busy ${r(
      p.totalSampledMs,
    )} ms (CPU profile samples), of which under this repo's code ${r(
      p.oursMs,
    )} ms; long tasks ${p.longTasks.count}, ${r(
      p.longTasks.totalMs,
    )} ms in all, longest ${r(p.longTasks.maxMs)} ms`,
  );
  for (const [name, t] of p.packages.slice(0, top))
    console.log(
      `    ${String(r(t)).padStart(6)} ms  ${name}  ← ${(
        p.callers.get(name) ?? []
      )
        .map(([c, ct]) => `${c} ${r(ct)}`)
        .join(', ')}`,
    );
  const api = p.requests.filter(q => q.name.includes('/api/'));
  const js = p.requests.filter(q => /\.js$/.test(q.name));
  console.log(
    `    requests: ${js.length} script chunks (${r(
      js.reduce((s, q) => s + q.kb, 0),
    )} KB, last done at ${r(Math.max(0, ...js.map(q => q.end)))} ms)`,
  );
  for (const q of [...js].sort((a, b) => b.kb - a.kb).slice(0, 6))
    console.log(
      `      chunk ${q.name.split('/').pop()} ${r(q.kb)} KB, ${r(q.start)}–${r(
        q.end,
      )} ms: ${chunkPackages(q.name)}`,
    );
  for (const q of api)
    console.log(
      `      ${r(q.start)}–${r(q.end)} ms ${q.name.slice(0, 110)} (${r(
        q.kb,
      )} KB)`,
    );
}
