import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import {
  MetricsWindow,
  TopologyNode,
  TopologyResponse,
  clustersWithMetrics,
  clustersWithoutMetrics,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { metricsAsOf } from './format';
import { NodeDetails } from './NodeDetails';
import { TopologyGraph } from './TopologyGraph';
import { WindowPicker } from './WindowPicker';

export interface TopologyViewProps {
  data: TopologyResponse;
  window: MetricsWindow;
  onWindowChange: (w: MetricsWindow) => void;
  /** a refresh is under way */
  refreshing?: boolean;
  linkFor?: (node: TopologyNode) => string | undefined;
  height?: number | string;
}

/** The topology with its window picker, metrics availability notes and the selected node's details. */
export function TopologyView(props: TopologyViewProps) {
  const { data } = props;
  const [selectedId, setSelectedId] = useState<string>();
  const selected = data.nodes.find(n => n.id === selectedId);
  const missing = clustersWithoutMetrics(data.metrics);
  const asOf = metricsAsOf(data.metricsAt);
  return (
    <Box>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 2,
          mb: 1,
          flexWrap: 'wrap',
        }}
      >
        <WindowPicker value={props.window} onChange={props.onWindowChange} />
        <Typography variant="caption" color="text.secondary">
          {data.nodes.length} nodes · updated{' '}
          {new Date(data.generatedAt).toLocaleTimeString()}
          {asOf ? ` · ${asOf}` : ''}
          {props.refreshing ? ' · refreshing…' : ''}
          {clustersWithMetrics(data.metrics)
            .map(m => ` · ${m.cluster}: ${m.source}`)
            .join('')}
        </Typography>
      </Box>
      {missing.map(m => (
        <Alert key={m.cluster} severity="warning" sx={{ mb: 1 }}>
          No live numbers for cluster {m.cluster}: {m.reason}. The graph shows
          the configured objects only.
        </Alert>
      ))}
      {data.nodes.length === 0 ? (
        <Alert severity="info">
          Nothing to show: no gateways, routes, backends or policies are visible
          here.
        </Alert>
      ) : (
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <TopologyGraph
              data={data}
              selectedId={selectedId}
              onSelect={n => setSelectedId(n.id)}
              height={props.height}
            />
          </Box>
          {selected && (
            <Paper variant="outlined" sx={{ width: 340, p: 2, flexShrink: 0 }}>
              <NodeDetails node={selected} linkFor={props.linkFor} />
            </Paper>
          )}
        </Box>
      )}
    </Box>
  );
}
