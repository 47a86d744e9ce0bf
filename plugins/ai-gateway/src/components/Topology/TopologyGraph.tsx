import { useMemo } from 'react';
import {
  Background,
  Controls,
  Edge,
  Handle,
  MarkerType,
  Node,
  NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import {
  TopologyNode,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { edgeColor, edgeWidth, metricsLine, statusColor } from './format';
import { NODE_HEIGHT, NODE_WIDTH, layoutTopology } from './layout';

const TYPE_LABEL: Record<TopologyNode['type'], string> = {
  gateway: 'Gateway',
  listener: 'Listener',
  route: 'Route',
  backend: 'Backend',
  target: 'Target',
  tool: 'MCP tool',
  policy: 'Policy',
};

const RELATION_SUFFIX = {
  owned: '',
  attached: ' · shared',
  external: ' · not visible',
} as const;

type CardData = { node: TopologyNode; selected: boolean };

function NodeCard(props: NodeProps<Node<CardData>>) {
  const { node, selected } = props.data;
  return (
    <Box
      data-testid={`topology-node-${node.id}`}
      sx={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        boxSizing: 'border-box',
        px: 1,
        py: 0.5,
        borderRadius: 1,
        border: 2,
        borderColor: selected ? 'primary.main' : statusColor(node.status),
        borderStyle: node.relation === 'external' ? 'dashed' : 'solid',
        bgcolor: 'background.paper',
        opacity: node.relation === 'external' ? 0.7 : 1,
        cursor: 'pointer',
        overflow: 'hidden',
      }}
    >
      <Handle type="target" position={Position.Left} />
      <Typography
        variant="caption"
        color="text.secondary"
        component="div"
        noWrap
      >
        {TYPE_LABEL[node.type]}
        {RELATION_SUFFIX[node.relation]}
      </Typography>
      <Typography
        variant="body2"
        component="div"
        noWrap
        title={node.label}
        sx={{ fontWeight: 600 }}
      >
        {node.label}
      </Typography>
      <Typography variant="caption" component="div" noWrap>
        {metricsLine(node.metrics)}
      </Typography>
      <Handle type="source" position={Position.Right} />
    </Box>
  );
}

const nodeTypes = { card: NodeCard };

export interface TopologyGraphProps {
  data: TopologyResponse;
  selectedId?: string;
  onSelect?: (node: TopologyNode) => void;
  height?: number | string;
}

/** The topology as a graph: dagre layout, edges coloured by error rate and sized by traffic. */
export function TopologyGraph(props: TopologyGraphProps) {
  const { data, selectedId, onSelect } = props;
  const positions = useMemo(
    () => layoutTopology(data.nodes, data.edges),
    [data.nodes, data.edges],
  );
  const nodes = useMemo<Node<CardData>[]>(
    () =>
      data.nodes.map(n => ({
        id: n.id,
        type: 'card',
        position: positions.get(n.id) ?? { x: 0, y: 0 },
        data: { node: n, selected: n.id === selectedId },
        draggable: false,
        connectable: false,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
      })),
    [data.nodes, positions, selectedId],
  );
  const edges = useMemo<Edge[]>(() => {
    const maxRps = Math.max(
      0,
      ...data.edges.map(e => e.rps ?? (e.perMinute ?? 0) / 60),
    );
    return data.edges.map(e => {
      const color = e.type === 'policy' ? '#7e57c2' : edgeColor(e.errorRate);
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        animated: (e.rps ?? 0) > 0,
        style: {
          stroke: color,
          strokeWidth: edgeWidth(e, maxRps),
          ...(e.type === 'policy' ? { strokeDasharray: '4 3' } : {}),
        },
        markerEnd: { type: MarkerType.ArrowClosed, color },
        ...(e.weight !== undefined ? { label: `w ${e.weight}` } : {}),
      };
    });
  }, [data.edges]);

  const byId = useMemo(
    () => new Map(data.nodes.map(n => [n.id, n])),
    [data.nodes],
  );
  return (
    <Box
      sx={{
        height: props.height ?? 560,
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
      }}
      data-testid="topology-graph"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        onNodeClick={(_, n) => {
          const t = byId.get(n.id);
          if (t) onSelect?.(t);
        }}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </Box>
  );
}
