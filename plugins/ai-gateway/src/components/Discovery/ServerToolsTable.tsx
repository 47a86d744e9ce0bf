import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import type {
  McpTool,
  McpToolPage,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ToolsTableView } from './ToolsTableView';
import { useMcpToolsPage, type McpToolsSource } from './mcpToolsQuery';

/** The search is sent once typing pauses this long. */
const SEARCH_DELAY_MS = 300;

function useDebounced(value: string, ms: number) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

function emptyText(fetching: boolean, shown: McpToolPage | undefined) {
  if (fetching) return 'Loading tools…';
  if (shown && shown.total === 0) return 'No tools discovered yet.';
  return 'No tool matches the filter.';
}

export interface ServerToolsTableProps {
  source: McpToolsSource;
  /** the tools the catalog entity holds: the first page is shown from them until the backend answers */
  tools: McpTool[];
  pageSize: number;
  /** the backend cannot serve the tools (an older backend, the API no longer served): page the entity's list */
  onUnavailable: (error: Error) => void;
}

/**
 * Every stored tool of an `mcp-server` API, a page at a time from the backend (`GET /discovery/apis/{ns}/{name}/tools`
 * with the previous page's cursor, `q` for the filter): a server with 10,000 tools never sends them all, and the
 * filter searches all of them, not only the part the catalog entity holds.
 */
export function ServerToolsTable(props: ServerToolsTableProps) {
  const { source, tools, onUnavailable } = props;
  const [filter, setFilter] = useState('');
  const q = useDebounced(filter.trim(), SEARCH_DELAY_MS);
  const [rowsPerPage, setRowsPerPage] = useState(props.pageSize);
  const [page, setPage] = useState(0);
  // the cursor of each page ('' = the first), learnt from the previous page's answer; one set per search and size
  const pagingKey = `${rowsPerPage}|${q}`;
  const [paging, setPaging] = useState({
    key: pagingKey,
    cursors: [''] as string[],
  });
  const cursors = paging.key === pagingKey ? paging.cursors : [''];
  if (paging.key !== pagingKey) {
    setPaging({ key: pagingKey, cursors: [''] });
    setPage(0);
  }
  const cursor = cursors[page];
  const fromEntity = useMemo<McpToolPage | undefined>(
    () =>
      q
        ? undefined
        : {
            status: 'ok',
            total: tools.length,
            matched: tools.length,
            items: tools.slice(0, rowsPerPage),
          },
    [q, tools, rowsPerPage],
  );
  const query = useMcpToolsPage(source, {
    q,
    limit: rowsPerPage,
    cursor: cursor ?? '',
    enabled: cursor !== undefined,
    placeholder: page === 0 ? fromEntity : undefined,
  });
  const answer = query.isPlaceholderData ? undefined : query.data;
  const next = answer?.nextCursor;
  useEffect(() => {
    if (next !== undefined && paging.cursors[page + 1] !== next)
      setPaging(p => {
        const c = [...p.cursors];
        c[page + 1] = next;
        return { ...p, cursors: c };
      });
  }, [next, page, paging.cursors]);
  const { error } = query;
  useEffect(() => {
    if (error) onUnavailable(error);
  }, [error, onUnavailable]);

  const shown = query.data;
  return (
    <ToolsTableView
      rows={shown?.items ?? []}
      count={shown?.matched ?? tools.length}
      total={shown?.total ?? tools.length}
      filter={filter}
      onFilter={setFilter}
      page={page}
      onPage={setPage}
      rowsPerPage={rowsPerPage}
      onRowsPerPage={setRowsPerPage}
      // a page is reached with the previous page's cursor: "next" waits for the current page's answer
      nextBlocked={!next}
      empty={emptyText(query.isFetching, shown)}
      status={
        <>
          {query.isFetching && (
            <LinearProgress aria-label="Loading tools" sx={{ mt: 1 }} />
          )}
          {shown?.status === 'failed' && shown.error && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              The last discovery failed ({shown.error.message}); these are the
              tools found before.
            </Alert>
          )}
        </>
      }
    />
  );
}
