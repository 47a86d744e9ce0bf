import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Progress } from '@backstage/core-components';
import type { EffectiveAccessItem } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { useEffectiveAccess } from '../../query/access';
import { AccessError } from './AccessError';
import { usePaging } from './Paging';

const COLOR = {
  allowed: 'success',
  denied: 'error',
  conditional: 'warning',
} as const;

/**
 * Which models and tools the consumer's key can really call, after every authorization rule of the route, its
 * gateways and backends (hand-written YAML included), with the rules that decided.
 */
export function EffectiveAccessPanel(props: {
  apiRef: string;
  consumerRef: string;
}) {
  const { apiRef, consumerRef } = props;
  const query = useEffectiveAccess(apiRef, consumerRef);
  if (query.isPending) return <Progress />;
  if (query.isError)
    return (
      <AccessError
        title="Could not evaluate the effective access"
        error={query.error}
        onRetry={() => query.refetch()}
      />
    );
  const items = [
    ...query.data.models.map(i => ({ ...i, what: 'model' })),
    ...query.data.tools.map(i => ({ ...i, what: 'tool' })),
  ];
  return (
    <EffectiveTable
      label={`Effective access of ${consumerRef} to ${apiRef}`}
      items={items}
    />
  );
}

function EffectiveTable(props: {
  label: string;
  items: Array<EffectiveAccessItem & { what: string }>;
}) {
  const { rows, pager } = usePaging(props.items);
  return (
    <>
      <Typography variant="subtitle2">Effective access</Typography>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            <TableCell>Model / tool</TableCell>
            <TableCell>Decision</TableCell>
            <TableCell>Because</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(i => (
            <TableRow key={`${i.what}-${i.name}`}>
              <TableCell>
                <code>{i.name}</code>{' '}
                <Typography variant="caption">{i.what}</Typography>
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  variant="outlined"
                  label={i.decision}
                  color={COLOR[i.decision]}
                />
              </TableCell>
              <TableCell>
                {i.because.map(b => (
                  <Typography
                    key={b}
                    variant="body2"
                    sx={{ fontFamily: 'monospace', fontSize: 12 }}
                  >
                    {b}
                  </Typography>
                ))}
                {i.dependsOn?.length ? (
                  <Typography variant="caption">
                    Depends on per-request values: {i.dependsOn.join(', ')}
                  </Typography>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
          {props.items.length === 0 && (
            <TableRow>
              <TableCell colSpan={3}>
                The API offers no models or tools to evaluate.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {pager}
    </>
  );
}
