import { parseArgs } from 'node:util';
import { loadObjectsFromKube, loadObjectsFromPath } from './load';
import { startSimulatorServer } from './server';
import { HistogramMode } from './protobuf';

const usage = `Usage: traffic-simulator [--port 15020] [--host 127.0.0.1] [--seed DIR|FILE ... | --kube-url URL [--token T] [--reload-seconds 10]]
                         [--random-seed N] [--rate-scale X] [--histogram-mode classic|native|both]
Serves agentgateway-format /metrics (and a Kubernetes-like pod proxy) with moving traffic for the objects' routes.`;

function histogramMode(v: string | undefined): HistogramMode {
  if (v === 'classic' || v === 'native' || v === 'both') return v;
  console.error(`--histogram-mode must be classic, native or both`);
  return process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '15020' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', multiple: true },
      'seed-objects': { type: 'string', multiple: true },
      'kube-url': { type: 'string' },
      token: { type: 'string' },
      'random-seed': { type: 'string', default: '1' },
      'rate-scale': { type: 'string', default: '1' },
      'histogram-mode': { type: 'string', default: 'classic' },
      'reload-seconds': { type: 'string', default: '10' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const paths = [...(values.seed ?? []), ...(values['seed-objects'] ?? [])];
  const kubeUrl = values['kube-url'];
  const token = values.token ?? process.env.KUBE_TOKEN;
  const objects = kubeUrl
    ? await loadObjectsFromKube(kubeUrl, token)
    : paths.flatMap(p => loadObjectsFromPath(p));
  if (!objects.length) {
    console.error(`No objects: pass --seed <dir> or --kube-url.\n${usage}`);
    process.exit(2);
  }
  const running = await startSimulatorServer(objects, {
    port: Number(values.port),
    host: values.host,
    seed: Number(values['random-seed']),
    rateScale: Number(values['rate-scale']),
    histogramMode: histogramMode(values['histogram-mode']),
    // from a live API: pick up new routes and backends (counters of existing ones keep growing)
    ...(kubeUrl
      ? {
          reload: () => loadObjectsFromKube(kubeUrl, token),
          reloadMs: Number(values['reload-seconds']) * 1000,
          onReloadError: (e: unknown) =>
            console.error(`traffic-simulator: reload failed: ${e}`),
        }
      : {}),
  });
  console.log(
    `traffic-simulator: ${running.simulator.flows.length} flows on ${running.pods.length} gateways; metrics at ${running.url}/metrics, pod proxy at ${running.url}/api/v1/namespaces/{ns}/pods/{pod}:15020/proxy/metrics`,
  );
  const stop = () => running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
