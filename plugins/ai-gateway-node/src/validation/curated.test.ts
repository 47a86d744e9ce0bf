import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { loadBundledCrds } from '../crds';
import { createCrdValidator } from './CrdValidator';

const dir = path.join(__dirname, '..', '__fixtures__', 'curated');
const validator = createCrdValidator(loadBundledCrds());

const docs = fs
  .readdirSync(dir)
  .filter(f => f.endsWith('.yaml'))
  .sort()
  .flatMap(file =>
    parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))
      .map((d, i) => ({ file, index: i, obj: d.toJS() as Record<string, any> }))
      .filter(d => d.obj && validator.knows(d.obj.apiVersion, d.obj.kind)),
  );

describe('curated upstream examples', () => {
  it('finds documents of bundled kinds', () => {
    expect(docs.length).toBeGreaterThan(30);
  });

  it.each(
    docs.map(d => [
      `${d.file}#${d.index} ${d.obj.kind}/${d.obj.metadata?.name}`,
      d,
    ]),
  )('%s', (_n, d: any) => {
    const r = validator.validate(d.obj);
    expect(r.causes).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.object.metadata).toEqual(d.obj.metadata);
  });
});
