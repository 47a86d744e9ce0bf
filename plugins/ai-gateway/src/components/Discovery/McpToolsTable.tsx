import { useCallback, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import type { McpTool } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AiGatewayQueryProvider } from '../../query/AiGatewayQueryProvider';
import { ServerToolsTable } from './ServerToolsTable';
import { ToolsTableView } from './ToolsTableView';
import type { McpToolsSource } from './mcpToolsQuery';

export interface McpToolsTableProps {
  tools: McpTool[];
  /** rows per page (default 25) */
  pageSize?: number;
  /**
   * The API entity whose stored tools the backend serves (`GET /discovery/apis/{ns}/{name}/tools`): with it the
   * table pages and searches through the backend, otherwise through `tools`.
   */
  source?: McpToolsSource;
}

/** Filtered and paged in the browser: the list the entity holds (complete unless the definition is truncated). */
function LocalToolsTable(props: {
  tools: McpTool[];
  pageSize: number;
  note?: string;
}) {
  const { tools } = props;
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(props.pageSize);
  const filtered = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return tools;
    return tools.filter(
      t =>
        t.name.toLowerCase().includes(q) ||
        (t.title ?? '').toLowerCase().includes(q) ||
        (t.description ?? '').toLowerCase().includes(q),
    );
  }, [tools, filter]);
  return (
    <ToolsTableView
      rows={filtered.slice(page * rowsPerPage, (page + 1) * rowsPerPage)}
      count={filtered.length}
      total={tools.length}
      filter={filter}
      onFilter={f => {
        setFilter(f);
        setPage(0);
      }}
      page={page}
      onPage={setPage}
      rowsPerPage={rowsPerPage}
      onRowsPerPage={n => {
        setRowsPerPage(n);
        setPage(0);
      }}
      empty={
        tools.length === 0
          ? 'No tools discovered yet.'
          : 'No tool matches the filter.'
      }
      status={
        props.note && (
          <Alert severity="info" sx={{ mt: 1 }}>
            {props.note}
          </Alert>
        )
      }
    />
  );
}

/**
 * The tools of an MCP server: name, description and parameters (expand a row for the argument table). Only one page
 * of rows is ever rendered. With `source`, pages and searches come from the backend, which stores every tool (10,000
 * tools are never sent at once); if it cannot serve them, the entity's list is paged instead.
 */
export function McpToolsTable({
  tools,
  pageSize = 25,
  source,
}: McpToolsTableProps) {
  const [unavailable, setUnavailable] = useState<string | undefined>();
  const onUnavailable = useCallback(
    (e: Error) => setUnavailable(e.message),
    [],
  );
  if (!source || unavailable !== undefined)
    return (
      <LocalToolsTable
        tools={tools}
        pageSize={pageSize}
        note={
          unavailable &&
          `The gateway's tool list could not be read (${unavailable}); showing the ${tools.length} tools the catalog entity holds.`
        }
      />
    );
  return (
    <AiGatewayQueryProvider>
      <ServerToolsTable
        source={source}
        tools={tools}
        pageSize={pageSize}
        onUnavailable={onUnavailable}
      />
    </AiGatewayQueryProvider>
  );
}
