import { useMemo, useState } from 'react';
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
import { NODE_HEIGHT, NODE_WIDTH, cachedLayout } from './layout';
import { SHOW_FIRST, SHOW_STEP, collapseTopology } from './collapse';

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

type CardData = { node: TopologyNode; selected: boolean; group: boolean };

/** Above this many nodes, only the nodes and edges in view are rendered (React Flow). */
const RENDER_VISIBLE_ABOVE = 200;

function NodeCard(props: NodeProps<Node<CardData>>) {
  const { node, selected, group } = props.data;
  return (
    <Box
      data-testid={`topology-node-${node.id}`}
      title={group ? `Show up to ${SHOW_STEP} more` : undefined}
      sx={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        boxSizing: 'border-box',
        px: 1,
        py: 0.5,
        borderRadius: 1,
        border: 2,
        borderColor: selected ? 'primary.main' : statusColor(node.status),
        borderStyle: node.relation === 'external' || group ? 'dashed' : 'solid',
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
        {group ? `${TYPE_LABEL[node.type]} group` : TYPE_LABEL[node.type]}
        {group ? ' · click to show more' : RELATION_SUFFIX[node.relation]}
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

/**
 * The topology as a graph: dagre layout (once per graph structure), edges coloured by error rate and sized by
 * traffic. Large fan-outs are grouped ({@link collapseTopology}); clicking a group node shows more of it.
 */
export function TopologyGraph(props: TopologyGraphProps) {
  const { data, selectedId, onSelect } = props;
  // per group: how many of its members are shown (clicking the group node adds SHOW_STEP)
  const [shown, setShown] = useState<Record<string, number>>({});
  const view = useMemo(
    () =>
      collapseTopology(data.nodes, data.edges, id => shown[id] ?? SHOW_FIRST),
    [data.nodes, data.edges, shown],
  );
  const positions = useMemo(() => cachedLayout(view.nodes, view.edges), [view]);
  const nodes = useMemo<Node<CardData>[]>(
    () =>
      view.nodes.map(n => ({
        id: n.id,
        type: 'card',
        position: positions.get(n.id) ?? { x: 0, y: 0 },
        data: {
          node: n,
          selected: n.id === selectedId,
          group: view.groups.has(n.id),
        },
        draggable: false,
        connectable: false,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
      })),
    [view, positions, selectedId],
  );
  const edges = useMemo<Edge[]>(() => {
    const maxRps = Math.max(
      0,
      ...view.edges.map(e => e.rps ?? (e.perMinute ?? 0) / 60),
    );
    return view.edges.map(e => {
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
  }, [view]);

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
      data-nodes={view.nodes.length}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        onlyRenderVisibleElements={view.nodes.length > RENDER_VISIBLE_ABOVE}
        onNodeClick={(_, n) => {
          if (view.groups.has(n.id)) {
            setShown(s => ({
              ...s,
              [n.id]: (s[n.id] ?? SHOW_FIRST) + SHOW_STEP,
            }));
            return;
          }
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
