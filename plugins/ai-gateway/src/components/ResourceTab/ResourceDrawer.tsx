import { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import { stringify } from 'yaml';
import {
  ResourceItem,
  findKind,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { Progress } from '@backstage/core-components';
import type { ResourceRow } from '../../api/AiGatewayApi';
import { describeApiError } from '../../api/errors';
import { useFullItem } from '../../query/tabs';
import { CollapsedList } from '../shared/CollapsedList';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={props.title} sx={{ mt: 3 }}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function None(props: { text: string }) {
  return (
    <Typography variant="body2" color="text.secondary">
      {props.text}
    </Typography>
  );
}

/** The object's YAML as the cluster returned it, minus `managedFields` noise. */
export function objectYaml(item: ResourceItem): string {
  const { managedFields: _drop, ...metadata } = item.object.metadata;
  return stringify({ ...item.object, metadata }, { lineWidth: 0 });
}

export interface ResourceDrawerProps {
  item?: ResourceRow;
  /** where a row without its object fetches it (the entity of the tab) */
  entityRef?: string;
  onClose: () => void;
  /** edit / delete buttons, filled by the editors */
  actions?: (item: ResourceRow) => ReactNode;
}

/** The YAML of the opened row: its object is fetched now (rows do not carry it). */
function ObjectYaml(props: { entityRef?: string; row: ResourceRow }) {
  const full = useFullItem(props.entityRef, props.row);
  if (full.isPending) return <Progress />;
  if (!full.item) {
    return (
      <None
        text={`The object could not be loaded: ${
          full.error ? describeApiError(full.error).message : 'unknown error'
        }`}
      />
    );
  }
  return (
    <Box
      component="pre"
      aria-label="Object YAML"
      sx={{
        p: 2,
        bgcolor: 'action.hover',
        borderRadius: 1,
        overflow: 'auto',
        fontSize: 12,
        m: 0,
      }}
    >
      {objectYaml(full.item)}
    </Box>
  );
}

const CLOSING = { pointerEvents: 'none' } as const;

/** Details of one object: conditions, references, labels and its YAML (read-only). */
export function ResourceDrawer(props: ResourceDrawerProps) {
  const { item, onClose } = props;
  const d = item ? findKind(item.kind) : undefined;
  const open = !!item;
  return (
    <Drawer
      anchor="right"
      open={open}
      onClose={onClose}
      // a closed drawer stays mounted while it slides out (~225 ms), its backdrop over the page: it lets clicks
      // through meanwhile, so a row clicked right after closing opens at once instead of the click being lost
      sx={open ? undefined : CLOSING}
    >
      {item && (
        <Box
          sx={{ width: { xs: '100vw', md: 720 }, p: 3 }}
          role="region"
          aria-label={`${item.kind} ${item.name}`}
        >
          <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
            <Box sx={{ flex: 1 }}>
              <Typography variant="overline">
                {d?.displayName ?? item.kind}
              </Typography>
              <Typography variant="h5" component="h2">
                {item.namespace ? `${item.namespace}/` : ''}
                {item.name}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {item.group ? `${item.group}/` : ''}
                {item.version} {item.kind} · cluster {item.cluster}
                {item.relation === 'attached' ? ' · shared' : ''}
              </Typography>
            </Box>
            {props.actions?.(item)}
            <IconButton aria-label="Close details" onClick={onClose}>
              <CloseIcon />
            </IconButton>
          </Box>

          <Section title="Conditions">
            {item.conditions.length === 0 ? (
              <None text="The controller has not written any conditions for this object." />
            ) : (
              <Table size="small" aria-label="Conditions">
                <TableHead>
                  <TableRow>
                    {[
                      'Type',
                      'Status',
                      'Reason',
                      'Message',
                      'Scope',
                      'Since',
                    ].map(h => (
                      <TableCell key={h}>{h}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {item.conditions.map((c, i) => (
                    <TableRow key={`${c.type}-${c.scope ?? ''}-${i}`}>
                      <TableCell>{c.type}</TableCell>
                      <TableCell>{c.status}</TableCell>
                      <TableCell>{c.reason ?? ''}</TableCell>
                      <TableCell>{c.message ?? ''}</TableCell>
                      <TableCell>{c.scope ?? ''}</TableCell>
                      <TableCell>{c.lastTransitionTime ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Section>

          <Section title="References">
            {item.references.length === 0 ? (
              <None text="This object references no other objects." />
            ) : (
              <Typography variant="body2" component="div">
                <CollapsedList
                  items={item.references}
                  variant="list"
                  first={20}
                  noun="references"
                  render={r =>
                    `${r.role}: ${r.kind} ${
                      r.namespace ? `${r.namespace}/` : ''
                    }${r.name}${r.sectionName ? ` (${r.sectionName})` : ''}${
                      r.weight !== undefined ? ` weight ${r.weight}` : ''
                    }`
                  }
                />
              </Typography>
            )}
          </Section>

          <Section title="Labels">
            {Object.keys(item.labels ?? {}).length === 0 ? (
              <None text="No labels." />
            ) : (
              <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                {Object.entries(item.labels ?? {}).map(([k, v]) => (
                  <Chip
                    key={k}
                    size="small"
                    variant="outlined"
                    label={`${k}=${v}`}
                  />
                ))}
              </Box>
            )}
          </Section>

          <Section title="YAML">
            <ObjectYaml entityRef={props.entityRef} row={item} />
          </Section>
        </Box>
      )}
    </Drawer>
  );
}
