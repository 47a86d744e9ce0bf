import { Fragment, ReactNode, useState } from 'react';
import Box from '@mui/material/Box';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@mui/icons-material/KeyboardArrowRight';
import type { McpTool } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { toolParameters, type ToolParameter } from './toolParameters';

/** Parameters by tool object: read from the input schema once, only for the rows that are shown. */
const parametersOf = (() => {
  const cache = new WeakMap<McpTool, ToolParameter[]>();
  return (tool: McpTool) => {
    let params = cache.get(tool);
    if (!params) {
      params = toolParameters(tool);
      cache.set(tool, params);
    }
    return params;
  };
})();

function ToolDetails({ tool }: { tool: McpTool }) {
  const params = parametersOf(tool);
  if (params.length === 0)
    return <Typography variant="body2">No parameters.</Typography>;
  return (
    <Table size="small" aria-label={`Parameters of ${tool.name}`}>
      <TableHead>
        <TableRow>
          <TableCell>Parameter</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Required</TableCell>
          <TableCell>Description</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {params.map(p => (
          <TableRow key={p.name}>
            <TableCell>
              <code>{p.name}</code>
            </TableCell>
            <TableCell>{p.type}</TableCell>
            <TableCell>{p.required ? 'yes' : 'no'}</TableCell>
            <TableCell>{p.description}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export interface ToolsTableViewProps {
  /** the rows of the current page */
  rows: McpTool[];
  /** tools matching the filter (the pager's count) */
  count: number;
  /** every tool of the server (the filter's label) */
  total: number;
  filter: string;
  onFilter: (filter: string) => void;
  page: number;
  onPage: (page: number) => void;
  rowsPerPage: number;
  onRowsPerPage: (rows: number) => void;
  /** the next page cannot be asked for yet (its cursor comes with the current page's answer) */
  nextBlocked?: boolean;
  /** what the table says when a page has no rows */
  empty: string;
  /** shown above the table (loading, fallback notes) */
  status?: ReactNode;
}

/** One page of tools: name, description and parameters (expand a row for the argument table), a filter and a pager. */
export function ToolsTableView(props: ToolsTableViewProps) {
  const { rows, page, rowsPerPage } = props;
  const [open, setOpen] = useState<string | undefined>();
  return (
    <Box>
      <TextField
        size="small"
        label={`Filter ${props.total} tools`}
        value={props.filter}
        onChange={e => props.onFilter(e.target.value)}
      />
      {props.status}
      <Table size="small" aria-label="Tools">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>Tool</TableCell>
            <TableCell>Description</TableCell>
            <TableCell>Parameters</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(tool => {
            const expanded = open === tool.name;
            const params = parametersOf(tool);
            return (
              <Fragment key={tool.name}>
                <TableRow hover>
                  <TableCell padding="checkbox">
                    <IconButton
                      size="small"
                      aria-label={`${expanded ? 'Collapse' : 'Expand'} ${
                        tool.name
                      }`}
                      aria-expanded={expanded}
                      onClick={() => setOpen(expanded ? undefined : tool.name)}
                    >
                      {expanded ? (
                        <KeyboardArrowDownIcon fontSize="small" />
                      ) : (
                        <KeyboardArrowRightIcon fontSize="small" />
                      )}
                    </IconButton>
                  </TableCell>
                  <TableCell>
                    <code>{tool.name}</code>
                    {tool.title && tool.title !== tool.name && (
                      <Typography variant="caption" display="block">
                        {tool.title}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{tool.description}</TableCell>
                  <TableCell>
                    {params
                      .map(p => (p.required ? p.name : `${p.name}?`))
                      .join(', ')}
                  </TableCell>
                </TableRow>
                {expanded && (
                  <TableRow>
                    <TableCell colSpan={4}>
                      <Collapse in unmountOnExit>
                        <ToolDetails tool={tool} />
                      </Collapse>
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={4}>{props.empty}</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={props.count}
        page={page}
        rowsPerPage={rowsPerPage}
        rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_, p) => props.onPage(p)}
        onRowsPerPageChange={e => props.onRowsPerPage(Number(e.target.value))}
        slotProps={
          props.nextBlocked
            ? { actions: { nextButton: { disabled: true } } }
            : undefined
        }
      />
    </Box>
  );
}
