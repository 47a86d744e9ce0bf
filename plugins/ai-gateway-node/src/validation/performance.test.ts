import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { loadBundledCrds } from '../crds';
import { createCrdValidator } from './CrdValidator';

describe('performance', () => {
  it('validates a typical object in well under 5 ms after warm-up', () => {
    const validator = createCrdValidator(loadBundledCrds());
    const dir = path.join(__dirname, '..', '__fixtures__', 'curated');
    const objects = [
      'ai-openai.yaml',
      'policy-jwt-auth.yaml',
      'gateway.yaml',
      'httproute-to-agentgatewaybackend.yaml',
    ]
      .flatMap(f =>
        parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d =>
          d.toJS(),
        ),
      )
      .filter(o => o && validator.knows(o.apiVersion, o.kind));
    expect(objects.length).toBeGreaterThanOrEqual(4);
    for (const o of objects) expect(validator.validate(o).valid).toBe(true); // warm-up: compiles the kinds
    // CPU time, not wall time: the machine running the tests may be busy with other processes.
    const rounds = 50;
    const start = process.cpuUsage();
    for (let i = 0; i < rounds; i++)
      for (const o of objects) validator.validate(o);
    const used = process.cpuUsage(start);
    const perObjectMs =
      (used.user + used.system) / 1000 / (rounds * objects.length);
    expect(perObjectMs).toBeLessThan(5);
  });

  it('reuses compiled kinds across validators built over the same CRD objects', () => {
    const crds = loadBundledCrds();
    const backend = {
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayBackend',
      metadata: { name: 'b' },
      spec: { static: { host: 'example.com', port: 443 } },
    };
    expect(createCrdValidator(crds).validate(backend).causes).toEqual([]);
    const start = process.cpuUsage();
    expect(createCrdValidator(crds).validate(backend).causes).toEqual([]);
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(100);
  });
});
