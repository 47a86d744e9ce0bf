import fs from 'node:fs';
import path from 'node:path';
import { KubernetesObjectApi } from '@kubernetes/client-node';
import { startKubeLocal } from '../startKubeLocal';
import { kubeConfigFor } from '../conformance/__testUtils__/testServer';
import {
  createCrdValidator,
  loadBundledCrds,
} from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { unknownCoreFields } from '../validation/unknownFields';
import { parseManifests } from './loadManifests';

/** The repository's demo cluster data (examples/cluster), found by walking up from this file. */
function demoDirectory(): string {
  for (
    let dir = __dirname;
    dir !== path.dirname(dir);
    dir = path.dirname(dir)
  ) {
    const candidate = path.join(dir, 'examples', 'cluster');
    if (
      fs.existsSync(candidate) &&
      fs.existsSync(path.join(dir, 'package.json'))
    )
      return candidate;
  }
  throw new Error('examples/cluster not found above this package');
}

// The demo data must never silently go invalid: every object loads, nothing is pruned, status is kept.
describe('the demo seed (examples/cluster)', () => {
  it('loads with no rejected object, no pruned field and every status kept', async () => {
    const dir = demoDirectory();
    // parsed here without the server's JSON cache, so the comparison does not depend on it
    const objects = fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .sort()
      .flatMap(f =>
        parseManifests(fs.readFileSync(path.join(dir, f), 'utf8'), f),
      );
    expect(
      objects.filter(o => o.apiVersion !== 'v1').length,
    ).toBeGreaterThanOrEqual(40);
    expect(objects.filter(o => o.status !== undefined).length).toBeGreaterThan(
      0,
    ); // the status check below is not vacuous

    // startKubeLocal throws on the first object the server rejects (naming it and the causes).
    const server = await startKubeLocal({ seedFiles: [dir] });
    try {
      const api = KubernetesObjectApi.makeApiClient(
        kubeConfigFor(server.url, server.adminToken),
      );
      const problems: string[] = [];
      const validator = createCrdValidator(loadBundledCrds());
      for (const input of objects) {
        const name = `${input.kind} ${input.metadata?.namespace ?? ''}/${
          input.metadata?.name
        }`;
        const stored = (await api.read({
          apiVersion: input.apiVersion,
          kind: input.kind,
          metadata: {
            name: input.metadata?.name,
            namespace: input.metadata?.namespace,
          },
        } as any)) as Record<string, any>;
        const pruned = validator.knows(
          String(input.apiVersion),
          String(input.kind),
        )
          ? validator.validate(input as Record<string, any>, {
              reportUnknownFields: true,
            }).unknownFields ?? []
          : unknownCoreFields(structuredClone(input) as Record<string, any>);
        if (pruned.length > 0)
          problems.push(`${name}: pruned ${pruned.join(', ')}`);
        if (
          input.status !== undefined &&
          JSON.stringify(stored.status) !== JSON.stringify(input.status)
        ) {
          problems.push(`${name}: status not kept`);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);
});
