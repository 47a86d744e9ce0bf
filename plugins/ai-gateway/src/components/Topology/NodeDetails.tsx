import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { TopologyNode } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { formatMs, formatNumber, formatPercent, statusColor } from './format';

const RELATION_LABEL = {
  owned: 'owned',
  attached: 'shared',
  external: 'not visible',
} as const;

export interface NodeDetailsProps {
  node: TopologyNode;
  /** where the object is managed (e.g. the entity's Routes tab); no link when undefined */
  linkFor?: (node: TopologyNode) => string | undefined;
}

/** Streaming latency of LLM targets (time to first token, time per output token). */
const STREAMING_ROWS = [
  ['ttftP50Ms', 'Time to first token p50'],
  ['ttftP95Ms', 'Time to first token p95'],
  ['tpotP50Ms', 'Time per output token p50'],
  ['tpotP95Ms', 'Time per output token p95'],
] as const;

function Row(props: { name: string; value: ReactNode }) {
  return (
    <TableRow>
      <TableCell
        component="th"
        scope="row"
        sx={{ fontWeight: 500, width: '40%' }}
      >
        {props.name}
      </TableCell>
      <TableCell>{props.value}</TableCell>
    </TableRow>
  );
}

/** The side panel of a selected node: status, the window's numbers, its summary and a link to manage it. */
export function NodeDetails(props: NodeDetailsProps) {
  const { node } = props;
  const m = node.metrics;
  const link = props.linkFor?.(node);
  const details = Object.entries(node.details).filter(
    ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length),
  );
  return (
    <Box aria-label={`Details of ${node.label}`} role="region">
      <Typography variant="overline">
        {node.ref ? `${node.ref.kind} · ${node.cluster}` : node.cluster}
      </Typography>
      <Typography variant="h6" sx={{ wordBreak: 'break-all' }}>
        {node.label}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, my: 1, flexWrap: 'wrap' }}>
        <Chip
          size="small"
          label={node.status}
          sx={{ bgcolor: statusColor(node.status), color: '#fff' }}
        />
        <Chip
          size="small"
          variant="outlined"
          label={RELATION_LABEL[node.relation]}
        />
      </Box>
      {node.statusMessage && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {node.statusMessage}
        </Typography>
      )}
      <Table size="small" aria-label="Metrics">
        <TableBody>
          {!m.available && (
            <Row name="Metrics" value={`unavailable: ${m.reason}`} />
          )}
          {m.available && m.rps !== undefined && (
            <Row name="Requests" value={`${formatNumber(m.rps)} req/s`} />
          )}
          {m.available && m.errorRate !== undefined && (
            <Row name="Error rate" value={formatPercent(m.errorRate)} />
          )}
          {m.available &&
            (m.errors ?? []).map(e => (
              <Row
                key={`${e.status}${e.reason}`}
                name={`${e.status} ${e.reason}`}
                value={`${formatNumber(e.rps)} req/s`}
              />
            ))}
          {m.available && m.p50Ms !== undefined && (
            <Row name="Latency p50" value={formatMs(m.p50Ms)} />
          )}
          {m.available && m.p95Ms !== undefined && (
            <Row name="Latency p95" value={formatMs(m.p95Ms)} />
          )}
          {m.available &&
            STREAMING_ROWS.filter(([key]) => m[key] !== undefined).map(
              ([key, name]) => (
                <Row key={key} name={name} value={formatMs(m[key] ?? 0)} />
              ),
            )}
          {m.available && m.tokensInPerMinute !== undefined && (
            <Row
              name="Input tokens"
              value={`${formatNumber(m.tokensInPerMinute)} /min`}
            />
          )}
          {m.available && m.tokensOutPerMinute !== undefined && (
            <Row
              name="Output tokens"
              value={`${formatNumber(m.tokensOutPerMinute)} /min`}
            />
          )}
          {m.available && m.costUsdPerHour !== undefined && (
            <Row name="Cost" value={`$${m.costUsdPerHour.toFixed(4)} /h`} />
          )}
          {m.available && m.mcpCallsPerMinute !== undefined && (
            <Row
              name="MCP calls"
              value={`${formatNumber(m.mcpCallsPerMinute)} /min`}
            />
          )}
          {details.map(([k, v]) => (
            <Row
              key={k}
              name={k}
              value={Array.isArray(v) ? v.join(', ') : String(v)}
            />
          ))}
        </TableBody>
      </Table>
      {link && (
        <Link href={link} sx={{ display: 'inline-block', mt: 1 }}>
          Manage {node.ref?.kind ?? node.label}
        </Link>
      )}
    </Box>
  );
}
