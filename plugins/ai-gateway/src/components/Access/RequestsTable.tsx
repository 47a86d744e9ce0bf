import { ReactNode } from 'react';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AccessRequest } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { dateOf, describeScope, requestStateLabel, shortRef } from './format';
import { usePaging } from './Paging';

export interface RequestsTableProps {
  label: string;
  requests: AccessRequest[];
  /** which refs to show: the consumer, the API, or both (inbox) */
  show: 'consumer' | 'api' | 'both';
  actions?: (request: AccessRequest) => ReactNode;
  empty: string;
}

/** Requests: for which consumer / API, who asked, for what and until when, why, and their state. */
export function RequestsTable(props: RequestsTableProps) {
  const { requests, show, actions } = props;
  const { rows, pager } = usePaging(requests);
  const refCols = show === 'both' ? 2 : 1;
  const cols = refCols + 5 + (actions ? 1 : 0);
  return (
    <>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            {show !== 'api' && <TableCell>Consumer</TableCell>}
            {show !== 'consumer' && <TableCell>API</TableCell>}
            <TableCell>Requested by</TableCell>
            <TableCell>Asks for</TableCell>
            <TableCell>Until</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>State</TableCell>
            {actions && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(r => (
            <TableRow key={r.id} data-request={r.id}>
              {show !== 'api' && (
                <TableCell>
                  <EntityRefLink entityRef={r.consumerRef} />
                </TableCell>
              )}
              {show !== 'consumer' && (
                <TableCell>
                  <EntityRefLink entityRef={r.apiRef} />
                </TableCell>
              )}
              <TableCell>
                {shortRef(r.requestedBy)}
                <Typography variant="caption" display="block">
                  {dateOf(r.createdAt)}
                </Typography>
              </TableCell>
              <TableCell>{describeScope(r.scope)}</TableCell>
              <TableCell>{dateOf(r.expiresAt)}</TableCell>
              <TableCell>{r.reason}</TableCell>
              <TableCell>
                {requestStateLabel(r)}
                {r.decisionNote && (
                  <Typography variant="caption" display="block">
                    {shortRef(r.decidedBy)}: {r.decisionNote}
                  </Typography>
                )}
              </TableCell>
              {actions && <TableCell>{actions(r)}</TableCell>}
            </TableRow>
          ))}
          {requests.length === 0 && (
            <TableRow>
              <TableCell colSpan={cols}>{props.empty}</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {pager}
    </>
  );
}
