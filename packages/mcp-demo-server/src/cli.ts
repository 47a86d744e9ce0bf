/* eslint-disable no-console */
import { startMcpDemoServer } from './startMcpDemoServer';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const port = Number(arg('port') ?? process.env.MCP_DEMO_PORT ?? 7010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number, got ${arg('port')}`);
  }
  const server = await startMcpDemoServer({
    port,
    host: arg('host') ?? '127.0.0.1',
    log: process.argv.includes('--verbose') ? l => console.log(l) : undefined,
  });
  console.log(`mcp-demo-server listening on ${server.url}`);
  for (const e of server.endpoints) {
    console.log(
      `  ${e.streamableHttpUrl}  (SSE ${e.sseUrl})  ${e.standsInFor}`,
    );
  }
  for (const a of server.a2aAgents) {
    console.log(`  ${a.url}  (A2A agent)  ${a.standsInFor}`);
  }
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(e => {
  console.error(String(e));
  process.exit(1);
});
