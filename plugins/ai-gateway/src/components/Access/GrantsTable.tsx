import { ReactNode } from 'react';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AccessGrant } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  dateOf,
  describeScope,
  grantStateLabel,
  isLive,
  shortRef,
  when,
} from './format';
import { usePaging } from './Paging';

export interface GrantsTableProps {
  /** accessible name of the table */
  label: string;
  grants: AccessGrant[];
  /** which side of the grant the first column names */
  show: 'consumer' | 'api';
  actions?: (grant: AccessGrant) => ReactNode;
  /** under a row (effective access, drift) */
  details?: (grant: AccessGrant) => ReactNode;
}

function StateChip({ grant }: { grant: AccessGrant }) {
  const label = grantStateLabel(grant);
  let color: 'warning' | 'success' | 'default' = 'default';
  if (isLive(grant)) color = grant.drift ? 'warning' : 'success';
  const chip = (
    <Chip size="small" label={label} color={color} variant="outlined" />
  );
  return grant.unenforcedLimits ? (
    <Tooltip title={`Limits not enforced: ${grant.unenforcedLimits}`}>
      {chip}
    </Tooltip>
  ) : (
    chip
  );
}

/** Grants: who (or what API), what they allow, expiry, state (incl. awaiting key / drifted), who approved. */
export function GrantsTable(props: GrantsTableProps) {
  const { grants, show, actions, details } = props;
  const { rows, pager } = usePaging(grants);
  const cols = actions ? 6 : 5;
  return (
    <>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            <TableCell>{show === 'consumer' ? 'Consumer' : 'API'}</TableCell>
            <TableCell>Allows</TableCell>
            <TableCell>Expires</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Approved by</TableCell>
            {actions && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(g => (
            <GrantRow
              key={g.id}
              grant={g}
              show={show}
              actions={actions}
              details={details}
              cols={cols}
            />
          ))}
          {grants.length === 0 && (
            <TableRow>
              <TableCell colSpan={cols}>No grants yet.</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {pager}
    </>
  );
}

function GrantRow(
  props: Omit<GrantsTableProps, 'label' | 'grants'> & {
    grant: AccessGrant;
    cols: number;
  },
) {
  const { grant: g, show, actions, details, cols } = props;
  const extra = details?.(g);
  return (
    <>
      <TableRow data-grant={g.id}>
        <TableCell>
          <EntityRefLink
            entityRef={show === 'consumer' ? g.consumerRef : g.apiRef}
          />
          {g.keyPrefix && (
            <Typography variant="caption" display="block">
              key {g.keyPrefix}…
              {g.keyIssuedAt ? ` issued ${dateOf(g.keyIssuedAt)}` : ''}
            </Typography>
          )}
        </TableCell>
        <TableCell>{describeScope(g.scope)}</TableCell>
        <TableCell>
          {dateOf(g.expiresAt)}
          {g.previousKeyExpiresAt && isLive(g) && (
            <Typography variant="caption" display="block">
              previous key works until {when(g.previousKeyExpiresAt)}
            </Typography>
          )}
        </TableCell>
        <TableCell>
          <StateChip grant={g} />
          {g.revokedBy && (
            <Typography variant="caption" display="block">
              by {shortRef(g.revokedBy)} {dateOf(g.revokedAt)}
            </Typography>
          )}
        </TableCell>
        <TableCell>{shortRef(g.approvedBy)}</TableCell>
        {actions && <TableCell>{actions(g)}</TableCell>}
      </TableRow>
      {extra && (
        <TableRow>
          <TableCell colSpan={cols}>{extra}</TableCell>
        </TableRow>
      )}
    </>
  );
}
