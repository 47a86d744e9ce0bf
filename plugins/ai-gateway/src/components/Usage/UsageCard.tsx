import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Progress } from '@backstage/core-components';
import { useQuery } from '@tanstack/react-query';
import {
  MetricsWindow,
  UsageMetric,
  UsageResponse,
  clustersWithoutMetrics,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AiGatewayQueryProvider } from '../../query/AiGatewayQueryProvider';
import { describeApiError } from '../../api/errors';
import { WindowPicker } from '../Topology/WindowPicker';
import { metricsAsOf } from '../Topology/format';
import { UsageCharts } from './UsageCharts';

export interface UsageCardProps {
  /** loads usage for a window (the API client's getUsage, bound to a scope) */
  load: (window: MetricsWindow) => Promise<UsageResponse>;
  scopeKey: readonly string[];
  title?: string;
  metrics?: UsageMetric[];
  initialWindow?: MetricsWindow;
  refreshMs?: number;
  width?: number;
}

function Live(props: UsageCardProps) {
  const [window, setWindow] = useState<MetricsWindow>(
    props.initialWindow ?? '1h',
  );
  const query = useQuery({
    queryKey: ['ai-gateway', 'usage', ...props.scopeKey, window],
    queryFn: () => props.load(window),
    refetchInterval: props.refreshMs ?? 30_000,
    placeholderData: previous => previous,
  });
  const asOf = metricsAsOf(query.data?.metricsAt);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="h6">{props.title ?? 'Usage'}</Typography>
        <WindowPicker value={window} onChange={setWindow} />
        {asOf && (
          <Typography variant="caption" color="text.secondary">
            {asOf}
          </Typography>
        )}
      </Box>
      {query.isPending && <Progress />}
      {query.isError && !query.data && (
        <Alert severity="error">
          Could not load usage: {describeApiError(query.error).message}
        </Alert>
      )}
      {query.data &&
        clustersWithoutMetrics(query.data.metrics).map(m => (
          <Alert key={m.cluster} severity="warning" sx={{ mb: 1 }}>
            No usage for cluster {m.cluster}: {m.reason}
          </Alert>
        ))}
      {query.data && (
        <UsageCharts
          data={query.data}
          metrics={props.metrics}
          width={props.width}
        />
      )}
    </Box>
  );
}

/** Usage charts with data: loads per window and refreshes on an interval. */
export function UsageCard(props: UsageCardProps) {
  return (
    <AiGatewayQueryProvider>
      <Live {...props} />
    </AiGatewayQueryProvider>
  );
}
