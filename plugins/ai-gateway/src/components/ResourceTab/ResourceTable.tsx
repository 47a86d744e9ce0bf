import { MouseEvent, ReactNode, useRef } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { ResourceKindDescriptor } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceRow } from '../../api/AiGatewayApi';
import { StatusChips } from './StatusChips';
import { SummaryCell } from './SummaryCell';
import { formatAge, pluralize } from './format';
import { terminatingSince } from '../../lib/terminating';

/** Tables longer than this render only the rows in view. */
export const VIRTUALIZE_ABOVE = 100;
const ROW_HEIGHT = 53;
const MAX_HEIGHT = 640;
/** Short cells (headers, name, namespace, cluster, status, age, actions) stay on one line. */
const NOWRAP = { whiteSpace: 'nowrap' } as const;
/**
 * Summary cells may wrap between words, never inside one ("Names pace", "MC P") — except the long lines a
 * summary stacks (URLs, hostnames), which break anywhere rather than push the table wider than the page.
 */
const TABLE_SX = {
  '& .MuiTableCell-root, & .MuiTableCell-root *': {
    overflowWrap: 'normal',
    wordBreak: 'normal',
    hyphens: 'none',
  },
  '& .MuiTableCell-root .ai-gateway-long-line': {
    overflowWrap: 'anywhere',
    minWidth: 160,
  },
} as const;

export interface ResourceTableProps {
  descriptor: ResourceKindDescriptor;
  items: ResourceRow[];
  /** row click / name click: open the detail drawer */
  onSelect?: (item: ResourceRow) => void;
  /** show a Cluster column (more than one cluster configured) */
  showCluster?: boolean;
  /** per-row actions (edit / delete), filled by the editors */
  renderRowActions?: (item: ResourceRow) => ReactNode;
  emptyMessage?: string;
  virtualizeAbove?: number;
}

export function itemKey(item: ResourceRow): string {
  return `${item.cluster}/${item.kind}/${item.namespace ?? ''}/${item.name}`;
}

function Row(
  props: ResourceTableProps & { item: ResourceRow; index?: number },
) {
  const { item, descriptor, onSelect, showCluster, renderRowActions } = props;
  return (
    <TableRow
      hover
      data-index={props.index}
      sx={{ cursor: onSelect ? 'pointer' : undefined, height: ROW_HEIGHT }}
      onClick={() => onSelect?.(item)}
    >
      <TableCell component="th" scope="row" sx={NOWRAP}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          {onSelect ? (
            <Link
              component="button"
              variant="body2"
              aria-label={`Show details of ${descriptor.displayName} ${item.name}`}
              onClick={(e: MouseEvent) => {
                e.stopPropagation();
                onSelect(item);
              }}
            >
              {item.name}
            </Link>
          ) : (
            <Typography variant="body2">{item.name}</Typography>
          )}
          {terminatingSince(item) && (
            <Tooltip
              title={`Marked for deletion at ${terminatingSince(
                item,
              )}; it stays until its finalizers are done`}
            >
              <Chip
                size="small"
                label="Terminating"
                color="warning"
                variant="outlined"
                aria-label="Terminating"
              />
            </Tooltip>
          )}
          {item.relation === 'attached' && (
            <Tooltip title="A shared gateway this entity's routes attach to; it belongs to the platform team">
              <Chip
                size="small"
                label="shared"
                variant="outlined"
                color="info"
                aria-label="relation: attached (shared)"
              />
            </Tooltip>
          )}
        </Box>
      </TableCell>
      {descriptor.namespaced && (
        <TableCell sx={NOWRAP}>{item.namespace ?? '—'}</TableCell>
      )}
      {showCluster && <TableCell sx={NOWRAP}>{item.cluster}</TableCell>}
      {descriptor.columns.map(c => (
        <TableCell key={c.id}>
          <SummaryCell value={item.summary[c.id]} />
        </TableCell>
      ))}
      {descriptor.conditionTypes.length > 0 && (
        <TableCell sx={NOWRAP}>
          <StatusChips
            conditions={item.conditions}
            types={descriptor.conditionTypes}
          />
        </TableCell>
      )}
      <TableCell sx={NOWRAP}>
        <Tooltip title={item.creationTimestamp ?? 'unknown'}>
          <span>{formatAge(item.creationTimestamp)}</span>
        </Tooltip>
      </TableCell>
      {renderRowActions && (
        <TableCell sx={NOWRAP} onClick={e => e.stopPropagation()}>
          {renderRowActions(item)}
        </TableCell>
      )}
    </TableRow>
  );
}

/** One table for one kind: name, namespace, the kind's summary columns, status chips and age. */
export function ResourceTable(props: ResourceTableProps) {
  const { descriptor, items, showCluster, renderRowActions } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = items.length > (props.virtualizeAbove ?? VIRTUALIZE_ABOVE);
  const virtualizer = useVirtualizer({
    count: virtual ? items.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 1200, height: MAX_HEIGHT },
    // a container without layout yet (hidden tab, first paint) still renders its first page of rows
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, rect =>
        cb(rect.height > 0 ? rect : { width: rect.width, height: MAX_HEIGHT }),
      ),
  });
  const headers = [
    'Name',
    ...(descriptor.namespaced ? ['Namespace'] : []),
    ...(showCluster ? ['Cluster'] : []),
    ...descriptor.columns.map(c => c.title),
    ...(descriptor.conditionTypes.length > 0 ? ['Status'] : []),
    'Age',
    ...(renderRowActions ? ['Actions'] : []),
  ];

  let body: ReactNode;
  if (items.length === 0) {
    body = (
      <TableRow>
        <TableCell colSpan={headers.length}>
          <Typography variant="body2" color="text.secondary">
            {props.emptyMessage ??
              `No ${pluralize(descriptor.displayName).toLowerCase()} found.`}
          </Typography>
        </TableCell>
      </TableRow>
    );
  } else if (!virtual) {
    body = items.map(item => (
      <Row key={itemKey(item)} {...props} item={item} />
    ));
  } else {
    const rows = virtualizer.getVirtualItems();
    const top = rows.length > 0 ? rows[0].start : 0;
    const bottom =
      rows.length > 0
        ? virtualizer.getTotalSize() - rows[rows.length - 1].end
        : 0;
    body = (
      <>
        {top > 0 && <TableRow aria-hidden style={{ height: top }} />}
        {rows.map(r => (
          <Row
            key={itemKey(items[r.index])}
            {...props}
            item={items[r.index]}
            index={r.index}
          />
        ))}
        {bottom > 0 && <TableRow aria-hidden style={{ height: bottom }} />}
      </>
    );
  }

  return (
    <TableContainer
      ref={scrollRef}
      sx={virtual ? { maxHeight: MAX_HEIGHT } : undefined}
    >
      <Table
        size="small"
        stickyHeader={virtual}
        aria-label={pluralize(descriptor.displayName)}
        aria-rowcount={items.length + 1}
        sx={TABLE_SX}
      >
        <TableHead>
          <TableRow>
            {headers.map(h => (
              <TableCell key={h} scope="col" sx={NOWRAP}>
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>{body}</TableBody>
      </Table>
    </TableContainer>
  );
}
