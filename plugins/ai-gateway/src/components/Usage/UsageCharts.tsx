import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  USAGE_METRICS,
  UsageMetric,
  UsageResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PALETTE, chartData, formatTime } from './chartData';

export interface UsageChartsProps {
  data: UsageResponse;
  /** which charts, in order (default: all five) */
  metrics?: UsageMetric[];
  /** fixed chart width; without it the charts fill their container */
  width?: number;
  height?: number;
}

function Chart(props: {
  data: UsageResponse;
  metric: UsageMetric;
  width?: number;
  height: number;
}) {
  const { rows, series } = chartData(props.data.series, props.metric);
  const meta = USAGE_METRICS[props.metric];
  const chart = (
    <LineChart
      data={rows}
      width={props.width}
      height={props.height}
      margin={{ top: 5, right: 10, bottom: 5, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="t"
        type="number"
        domain={['dataMin', 'dataMax']}
        tickFormatter={t => formatTime(t, props.data.stepSeconds)}
      />
      <YAxis width={48} />
      <Tooltip
        labelFormatter={t => formatTime(Number(t), props.data.stepSeconds)}
        formatter={(v: number) => `${Number(v).toPrecision(3)} ${meta.unit}`}
      />
      <Legend />
      {series.map((s, i) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stroke={PALETTE[i % PALETTE.length]}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
      ))}
    </LineChart>
  );
  return (
    <Card variant="outlined" aria-label={`${meta.title} chart`} role="figure">
      <CardContent>
        <Typography variant="subtitle2">
          {meta.title} ({meta.unit})
        </Typography>
        {series.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            No {meta.title.toLowerCase()} in this window.
          </Typography>
        )}
        {series.length > 0 && props.width && chart}
        {series.length > 0 && !props.width && (
          <ResponsiveContainer width="100%" height={props.height}>
            {chart}
          </ResponsiveContainer>
        )}
      </CardContent>
    </Card>
  );
}

/** Usage over the window: requests, errors, p95 latency, streaming latency (TTFT, TPOT), tokens and cost. */
export function UsageCharts(props: UsageChartsProps) {
  const metrics =
    props.metrics ??
    ([
      'requests',
      'errors',
      'latencyP95',
      'ttftP95',
      'tpotP95',
      'tokens',
      'cost',
    ] as UsageMetric[]);
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' },
        gap: 2,
      }}
    >
      {metrics.map(m => (
        <Chart
          key={m}
          data={props.data}
          metric={m}
          width={props.width}
          height={props.height ?? 240}
        />
      ))}
    </Box>
  );
}
