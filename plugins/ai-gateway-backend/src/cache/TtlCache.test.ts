import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  it('reuses a value within the TTL and loads again after it expired', () => {
    let now = 1000;
    const cache = new TtlCache<number>(5000, 10, () => now);
    let loads = 0;
    const load = () => ++loads;
    expect(cache.get('a', load)).toBe(1);
    now += 4999;
    expect(cache.get('a', load)).toBe(1);
    now += 1;
    expect(cache.get('a', load)).toBe(2);
    expect(cache.get('b', load)).toBe(3);
  });

  it('forgets rejected promises at once, keeps resolved ones', async () => {
    const cache = new TtlCache<Promise<string>>(60_000);
    const failing = cache.get('k', () => Promise.reject(new Error('down')));
    await expect(failing).rejects.toThrow('down');
    await Promise.resolve();
    await expect(cache.get('k', async () => 'ok')).resolves.toBe('ok');
    await expect(cache.get('k', async () => 'other')).resolves.toBe('ok');
  });

  it('is off with ttl 0 and bounded in size', () => {
    let loads = 0;
    const off = new TtlCache<number>(0);
    off.get('a', () => ++loads);
    off.get('a', () => ++loads);
    expect(loads).toBe(2);
    const small = new TtlCache<number>(60_000, 2);
    small.get('a', () => 1);
    small.get('b', () => 2);
    small.get('c', () => 3);
    expect(small.get('a', () => 4)).toBe(4); // the oldest went out
  });
});
