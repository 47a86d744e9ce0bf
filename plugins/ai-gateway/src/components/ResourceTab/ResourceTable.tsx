import { MouseEvent, ReactNode, memo, useMemo, useRef, useState } from 'react';
import { useTheme } from '@mui/material/styles';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { ResourceKindDescriptor } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceRow } from '../../api/AiGatewayApi';
import { StatusChips } from './StatusChips';
import { SummaryCell } from './SummaryCell';
import { formatAge, pluralize } from './format';
import { terminatingSince } from '../../lib/terminating';
import { LazyTooltip } from '../shared/LazyTooltip';
import { CLASSES, tableSx } from './tableStyles';

/** Tables longer than this render only the rows in view. */
export const VIRTUALIZE_ABOVE = 100;
const ROW_HEIGHT = 53;
const MAX_HEIGHT = 640;
/** Short cells (headers, name, namespace, cluster, status, age, actions) stay on one line. */
const NOWRAP = { whiteSpace: 'nowrap' } as const;
const CELL_NOWRAP = `${CLASSES.cell} ${CLASSES.nowrap}`;

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

interface RowProps {
  item: ResourceRow;
  index?: number;
  descriptor: ResourceKindDescriptor;
  onSelect?: (item: ResourceRow) => void;
  showCluster?: boolean;
  renderRowActions?: (item: ResourceRow) => ReactNode;
  /** the table is scrolling: a row mounted now leaves its actions out until the scrolling stops */
  scrolling?: boolean;
}

/** The width of the Edit + Delete icon buttons, kept by the placeholder of deferred row actions. */
const ACTIONS_WIDTH = 68;

function RowView(props: RowProps) {
  const { item, descriptor, onSelect, showCluster, renderRowActions } = props;
  // row actions (permission hooks, tooltips, dialogs) are the dearest part of a row: a row that mounts while the
  // table scrolls renders them once the scrolling stops, and keeps them from then on
  const [actionsShown, setActionsShown] = useState(!props.scrolling);
  if (!actionsShown && !props.scrolling) setActionsShown(true);
  const terminating = terminatingSince(item);
  // plain elements with the table's classes (tableStyles.ts), not MUI TableRow / TableCell / Link / Typography:
  // mounting a row is what a scrolling virtualized table does ~10 times per frame
  return (
    <tr
      className={onSelect ? `${CLASSES.row} ${CLASSES.clickable}` : CLASSES.row}
      data-index={props.index}
      onClick={() => onSelect?.(item)}
    >
      <th scope="row" className={CELL_NOWRAP}>
        <span className={CLASSES.flex}>
          {onSelect ? (
            <button
              type="button"
              className={CLASSES.link}
              aria-label={`Show details of ${descriptor.displayName} ${item.name}`}
              onClick={(e: MouseEvent) => {
                e.stopPropagation();
                onSelect(item);
              }}
            >
              {item.name}
            </button>
          ) : (
            <span className={CLASSES.text}>{item.name}</span>
          )}
          {terminating && (
            <LazyTooltip
              title={`Marked for deletion at ${terminating}; it stays until its finalizers are done`}
            >
              <Chip
                size="small"
                label="Terminating"
                color="warning"
                variant="outlined"
                aria-label="Terminating"
              />
            </LazyTooltip>
          )}
          {item.relation === 'attached' && (
            <LazyTooltip title="A shared gateway this entity's routes attach to; it belongs to the platform team">
              <Chip
                size="small"
                label="shared"
                variant="outlined"
                color="info"
                aria-label="relation: attached (shared)"
              />
            </LazyTooltip>
          )}
        </span>
      </th>
      {descriptor.namespaced && (
        <td className={CELL_NOWRAP}>{item.namespace ?? '—'}</td>
      )}
      {showCluster && <td className={CELL_NOWRAP}>{item.cluster}</td>}
      {descriptor.columns.map(c => (
        <td key={c.id} className={CLASSES.cell}>
          <SummaryCell value={item.summary[c.id]} />
        </td>
      ))}
      {descriptor.conditionTypes.length > 0 && (
        <td className={CELL_NOWRAP}>
          <StatusChips
            conditions={item.conditions}
            types={descriptor.conditionTypes}
          />
        </td>
      )}
      <td className={CELL_NOWRAP}>
        <LazyTooltip title={item.creationTimestamp ?? 'unknown'}>
          <span>{formatAge(item.creationTimestamp)}</span>
        </LazyTooltip>
      </td>
      {renderRowActions && (
        <td className={CELL_NOWRAP} onClick={e => e.stopPropagation()}>
          {actionsShown ? (
            renderRowActions(item)
          ) : (
            <span
              style={{ display: 'inline-block', width: ACTIONS_WIDTH }}
              aria-hidden
            />
          )}
        </td>
      )}
    </tr>
  );
}

/**
 * A row renders again only when its own props change: while the table scrolls, the rows already in view stay
 * as they are; only a row whose deferred actions are due (the scrolling stopped) renders again.
 */
const Row = memo(RowView, (prev, next) => {
  const keys = Object.keys(next) as Array<keyof RowProps>;
  const same = keys.every(k => k === 'scrolling' || prev[k] === next[k]);
  return same && !(prev.scrolling && !next.scrolling);
});

/** One table for one kind: name, namespace, the kind's summary columns, status chips and age. */
export function ResourceTable(props: ResourceTableProps) {
  const { descriptor, items, showCluster, renderRowActions, onSelect } = props;
  const rowProps = { descriptor, showCluster, renderRowActions, onSelect };
  const scrollRef = useRef<HTMLDivElement>(null);
  const theme = useTheme();
  const sx = useMemo(() => tableSx(theme), [theme]);
  const virtual = items.length > (props.virtualizeAbove ?? VIRTUALIZE_ABOVE);
  const virtualizer = useVirtualizer({
    count: virtual ? items.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // let React batch the scroll updates instead of a synchronous render per scroll event
    useFlushSync: false,
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
      <Row key={itemKey(item)} {...rowProps} item={item} />
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
        {top > 0 && <tr aria-hidden style={{ height: top }} />}
        {rows.map(r => (
          <Row
            key={itemKey(items[r.index])}
            {...rowProps}
            item={items[r.index]}
            index={r.index}
            scrolling={virtualizer.isScrolling}
          />
        ))}
        {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
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
        sx={sx}
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
