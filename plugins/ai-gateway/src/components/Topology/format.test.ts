import {
  edgeColor,
  edgeWidth,
  formatMs,
  formatNumber,
  metricsAsOf,
  metricsLine,
} from './format';

describe('topology formatting', () => {
  it('colours edges by error rate and sizes them by traffic', () => {
    expect(edgeColor(undefined)).toBe('#9e9e9e');
    expect(edgeColor(0.001)).toBe('#2e7d32');
    expect(edgeColor(0.02)).toBe('#ed6c02');
    expect(edgeColor(0.2)).toBe('#d32f2f');
    expect(edgeWidth({ rps: 100 }, 100)).toBe(8);
    expect(edgeWidth({ rps: 25 }, 100)).toBe(4.5);
    expect(edgeWidth({}, 100)).toBe(1);
    expect(edgeWidth({ perMinute: 600 }, 10)).toBe(8);
  });

  it('summarizes node metrics in one line', () => {
    expect(
      metricsLine({ available: true, rps: 12.5, errorRate: 0.1, p95Ms: 1500 }),
    ).toBe('13 req/s · 10% err · p95 1.5 s');
    expect(
      metricsLine({
        available: true,
        tokensInPerMinute: 4000,
        tokensOutPerMinute: 1000,
        costUsdPerHour: 0.5,
      }),
    ).toBe('5.0k tok/min · $0.50/h');
    expect(metricsLine({ available: false, reason: 'down' })).toBe(
      'no metrics',
    );
    expect(formatNumber(0.05)).toBe('0.05');
    expect(formatMs(250.4)).toBe('250 ms');
  });

  it('says when the numbers were read, in plain words', () => {
    const at = '2026-01-01T12:03:10.000Z';
    expect(metricsAsOf(at)).toBe(
      `metrics as of ${new Date(at).toLocaleTimeString()}`,
    );
    expect(metricsAsOf(at)).toMatch(/^metrics as of \d{1,2}:\d{2}:\d{2}/);
    expect(metricsAsOf(undefined)).toBeUndefined();
    expect(metricsAsOf('not a time')).toBeUndefined();
  });
});
