import { UsageSeries } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { chartData } from './chartData';

describe('chartData', () => {
  it('merges the series of one metric into rows by timestamp', () => {
    const series: UsageSeries[] = [
      {
        metric: 'requests',
        cluster: 'dev',
        label: 'a → x',
        points: [
          [10, 1],
          [25, 2],
        ],
      },
      {
        metric: 'requests',
        cluster: 'dev',
        label: 'b → y',
        points: [
          [25, 5],
          [40, 6],
        ],
      },
      { metric: 'cost', cluster: 'dev', label: 'gpt', points: [[10, 9]] },
    ];
    expect(chartData(series, 'requests')).toEqual({
      rows: [
        { t: 10, s0: 1 },
        { t: 25, s0: 2, s1: 5 },
        { t: 40, s1: 6 },
      ],
      series: [
        { key: 's0', label: 'a → x' },
        { key: 's1', label: 'b → y' },
      ],
    });
    expect(chartData(series, 'tokens')).toEqual({ rows: [], series: [] });
  });
});
