import { withDeadline } from './deadline';

describe('withDeadline', () => {
  it('rejects at the deadline even when the work ignores the signal', async () => {
    let signal: AbortSignal | undefined;
    const started = process.hrtime.bigint();
    await expect(
      withDeadline(200, s => {
        signal = s;
        return new Promise(() => {}); // never settles
      }),
    ).rejects.toThrow('no complete answer within 0.2 s');
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(2_000);
    expect(signal?.aborted).toBe(true);
  });

  it('returns what the work returns, its error as is, and releases the signal', async () => {
    let signal: AbortSignal | undefined;
    await expect(
      withDeadline(5_000, async s => {
        signal = s;
        return 42;
      }),
    ).resolves.toBe(42);
    expect(signal?.aborted).toBe(true);
    expect(String(signal?.reason)).toContain('finished');
    await expect(
      withDeadline(5_000, async () => {
        throw new Error('HTTP 500');
      }),
    ).rejects.toThrow('HTTP 500');
  });
});
