import { histogramQuantile } from './histogram';

describe('histogramQuantile', () => {
  const buckets = [
    { le: 0.1, count: 10 },
    { le: 0.5, count: 60 },
    { le: 1, count: 90 },
    { le: Infinity, count: 100 },
  ];

  it('interpolates linearly inside the bucket holding the rank, like Prometheus', () => {
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1 + 0.4 * (40 / 50));
    expect(histogramQuantile(0.05, buckets)).toBeCloseTo(0.05);
    expect(histogramQuantile(0.9, buckets)).toBeCloseTo(1);
  });

  it('answers the highest finite bound for ranks in +Inf and null without data', () => {
    expect(histogramQuantile(0.95, buckets)).toBe(1);
    expect(
      histogramQuantile(0.5, [
        { le: 1, count: 0 },
        { le: Infinity, count: 0 },
      ]),
    ).toBeNull();
    expect(histogramQuantile(0.5, [{ le: 1, count: 3 }])).toBeNull();
    expect(histogramQuantile(2, buckets)).toBeNull();
  });

  it('is order-independent and tolerates slightly non-monotonic counts', () => {
    expect(histogramQuantile(0.5, [...buckets].reverse())).toBeCloseTo(0.42);
    expect(
      histogramQuantile(0.5, [
        { le: 1, count: 5 },
        { le: 2, count: 4.9999 },
        { le: Infinity, count: 10 },
      ]),
    ).toBe(1);
  });
});
