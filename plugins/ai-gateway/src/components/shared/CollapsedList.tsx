import { ReactNode, useState } from 'react';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';

export interface CollapsedListProps<T> {
  items: T[];
  /** how each item is shown */
  render: (item: T) => ReactNode;
  /** how many are shown before "and N more" (default 3) */
  first?: number;
  /** how many more each click reveals (default 50) */
  page?: number;
  /** inline (comma-separated) or a bulleted list */
  variant?: 'inline' | 'list';
  /** what the items are, for the button's label ("backends") */
  noun?: string;
  empty?: ReactNode;
}

/**
 * A long list summarized: the first few items and "and N more", which reveals the rest a page at a time
 * (never thousands of nodes at once), in a box that scrolls once it is tall.
 */
export function CollapsedList<T>(props: CollapsedListProps<T>) {
  const { items, render, first = 3, page = 50, variant = 'inline' } = props;
  const [shown, setShown] = useState(first);
  if (items.length === 0) return <>{props.empty ?? '—'}</>;
  const visible = items.slice(0, shown);
  const rest = items.length - visible.length;
  const more = rest > 0 && (
    <Link
      component="button"
      variant="body2"
      onClick={() => setShown(s => s + (s === first ? page - first : page))}
      aria-label={`Show ${Math.min(rest, page)} more ${
        props.noun ?? 'items'
      } of ${rest}`}
      sx={{ verticalAlign: 'baseline' }}
    >
      and {rest} more
    </Link>
  );
  const scroll = shown > first ? { maxHeight: 240, overflowY: 'auto' } : {};
  if (variant === 'list') {
    return (
      <Box sx={scroll}>
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {visible.map((item, i) => (
            <li key={i} data-item>
              {render(item)}
            </li>
          ))}
        </Box>
        {more}
      </Box>
    );
  }
  return (
    <Box component="span" sx={{ display: 'inline-block', ...scroll }}>
      {visible.map((item, i) => (
        <span key={i}>
          {i > 0 ? ', ' : ''}
          <span data-item>{render(item)}</span>
        </span>
      ))}
      {more ? <> {more}</> : null}
    </Box>
  );
}
