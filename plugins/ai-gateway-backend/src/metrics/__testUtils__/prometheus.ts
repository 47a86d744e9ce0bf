import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A REAL Prometheus (the Debian package's /usr/bin/prometheus, `apt-get install -y prometheus`, 2.42); set
 * PROMETHEUS_BIN to use another binary. Tests skip, with a warning, when it is missing.
 */
export const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const haveBinary = fs.existsSync(PROMETHEUS);
export function warnIfMissing(what: string) {
  if (!haveBinary)
    // eslint-disable-next-line no-console
    console.warn(
      `Skipping ${what}: ${PROMETHEUS} is missing (apt-get install -y prometheus)`,
    );
}

/**
 * How Prometheus must scrape agentgateway: the proxy sends OpenMetrics text under `text/plain`, which
 * Prometheus' classic text parser rejects (`invalid metric type "info"`, for `# TYPE agentgateway_build
 * info`); asking for the protobuf exposition works. Prometheus 2.42 asks for protobuf only with the
 * native-histograms feature (>= 2.49: `scrape_protocols: [PrometheusProto, ...]` instead).
 */
export const PROTOBUF_SCRAPE_FLAGS = ['--enable-feature=native-histograms'];

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>(r => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise(r => srv.close(r));
  return port;
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 300));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

export interface RunningPrometheus {
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

/** Starts Prometheus on a free port with a 1 s scrape interval and the given `scrape_configs` YAML lines. */
export async function startPrometheus(
  scrapeConfigs: string[],
  flags: string[] = PROTOBUF_SCRAPE_FLAGS,
): Promise<RunningPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prom-it-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      ...scrapeConfigs,
    ].join('\n'),
  );
  const prom = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      ...flags,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let logs = '';
  prom.stdout!.on('data', d => (logs += d));
  prom.stderr!.on('data', d => (logs += d));
  const stop = async () => {
    if (prom.exitCode === null) {
      const exited = new Promise(r => prom.once('exit', r));
      prom.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  await until(
    'Prometheus to be ready',
    async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
    30_000,
  ).catch(async e => {
    await stop();
    throw new Error(`${e.message}\n${logs}`);
  });
  return { url, logs: () => logs, stop };
}
