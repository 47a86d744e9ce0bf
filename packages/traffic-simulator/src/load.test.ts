import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { loadObjectsFromKube, loadObjectsFromPath } from './load';

describe('loading objects', () => {
  it('reads multi-document YAML from a directory tree', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(
      path.join(dir, 'a.yaml'),
      'kind: Gateway\nmetadata: {name: g, namespace: n}\n---\n# only a comment\n',
    );
    fs.writeFileSync(
      path.join(dir, 'sub', 'b.yml'),
      'kind: List\nitems:\n- kind: HTTPRoute\n  metadata: {name: r}\n',
    );
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'kind: Ignored');
    expect(loadObjectsFromPath(dir).map(o => o.kind)).toEqual([
      'Gateway',
      'HTTPRoute',
    ]);
  });

  it('lists the kinds from a Kubernetes API with a bearer token, skipping kinds it does not serve', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      if (req.url === '/apis/gateway.networking.k8s.io/v1/httproutes') {
        res.end(
          JSON.stringify({
            items: [{ metadata: { name: 'r', namespace: 'n' } }],
          }),
        );
      } else if (req.url === '/api/v1/services') {
        res.end(
          JSON.stringify({
            items: [{ metadata: { name: 's', namespace: 'n' } }],
          }),
        );
      } else if (req.url === '/api/v1/namespaces') {
        res.statusCode = 403; // not allowed to list: skipped too
        res.end('{}');
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    try {
      const objects = await loadObjectsFromKube(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        'tok',
      );
      expect(objects).toEqual([
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'r', namespace: 'n' },
        },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 's', namespace: 'n' },
        },
      ]);
      expect(seen).toHaveLength(6);
      expect(seen.every(s => s.endsWith('Bearer tok'))).toBe(true);
    } finally {
      server.close();
    }
  });
});
