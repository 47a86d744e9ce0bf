import { hashString, logNormal, mulberry32, poisson } from './prng';

describe('prng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    seqA.forEach(x => expect(x >= 0 && x < 1).toBe(true));
  });

  it('hashes strings stably', () => {
    expect(hashString('default/openai')).toBe(hashString('default/openai'));
    expect(hashString('default/openai')).not.toBe(
      hashString('default/anthropic'),
    );
  });

  it('draws Poisson counts with about the requested mean', () => {
    const r = mulberry32(7);
    for (const lambda of [0.5, 4, 80]) {
      let sum = 0;
      for (let i = 0; i < 4000; i++) sum += poisson(r, lambda);
      expect(sum / 4000).toBeGreaterThan(lambda * 0.9);
      expect(sum / 4000).toBeLessThan(lambda * 1.1);
    }
    expect(poisson(r, 0)).toBe(0);
  });

  it('draws log-normal values around the median', () => {
    const r = mulberry32(9);
    const xs = Array.from({ length: 2001 }, () => logNormal(r, 0.2, 0.5)).sort(
      (x, y) => x - y,
    );
    expect(xs[1000]).toBeGreaterThan(0.17);
    expect(xs[1000]).toBeLessThan(0.23);
  });
});
