import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../../../..');
const generator = path.join(
  repoRoot,
  'plugins/ai-gateway-backend/scripts/generate.mjs',
);

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  for (let d = stack.pop(); d; d = stack.pop()) {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else out.push(path.relative(dir, full));
    }
  }
  return out.sort();
}

describe('generated code', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-gateway-generate-'));
    await promisify(execFile)(
      process.execPath,
      [generator, '--out-dir', outDir],
      {
        cwd: repoRoot,
      },
    );
  }, 480_000);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('is what `npm run generate` produces from openapi.yaml and the bundled CRDs', () => {
    const generated = listFiles(outDir);
    expect(generated.length).toBeGreaterThan(3);
    const stale = generated.filter(
      rel =>
        !fs.existsSync(path.join(repoRoot, rel)) ||
        fs.readFileSync(path.join(repoRoot, rel), 'utf8') !==
          fs.readFileSync(path.join(outDir, rel), 'utf8'),
    );
    expect(stale).toEqual([]);
  });

  it('leaves no generated file behind that the generator no longer writes', () => {
    const here = path.relative(repoRoot, __dirname);
    const written = new Set(
      listFiles(outDir).filter(rel => rel.startsWith(`${here}/`)),
    );
    const checkedIn = listFiles(__dirname)
      .map(rel => path.join(here, rel))
      .filter(rel => !rel.endsWith('.test.ts'));
    expect(checkedIn.filter(rel => !written.has(rel))).toEqual([]);
  });
});
