import { ReactNode, useState } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ResourceKindDescriptor } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceRow } from '../../api/AiGatewayApi';
import { ResourceTable } from './ResourceTable';
import { ResourceDrawer } from './ResourceDrawer';
import { pluralize } from './format';

/** Where other features plug into the tables: the editors add create buttons, row and drawer actions. */
export interface ResourceSlots {
  /** rendered in each kind's section header (e.g. a "Create" button) */
  renderToolbar?: (
    descriptor: ResourceKindDescriptor,
    items: ResourceRow[],
  ) => ReactNode;
  /** rendered in an Actions column of every row */
  renderRowActions?: (item: ResourceRow) => ReactNode;
  /** rendered in the detail drawer's header */
  renderDrawerActions?: (item: ResourceRow) => ReactNode;
}

export interface ResourceSectionsProps extends ResourceSlots {
  descriptors: ResourceKindDescriptor[];
  items: ResourceRow[];
  /** the entity whose rows these are: the drawer fetches a row's object from it (rows without objects) */
  entityRef?: string;
}

/** One titled table per kind (items grouped by kind), sharing one detail drawer. */
export function ResourceSections(props: ResourceSectionsProps) {
  const {
    descriptors,
    items,
    renderToolbar,
    renderRowActions,
    renderDrawerActions,
  } = props;
  const [selected, setSelected] = useState<ResourceRow | undefined>();
  const showCluster = new Set(items.map(i => i.cluster)).size > 1;
  return (
    <Stack spacing={3}>
      {descriptors.map(d => {
        const ofKind = items.filter(i => i.kind === d.kind);
        const title = pluralize(d.displayName);
        return (
          <Paper
            key={d.kind}
            variant="outlined"
            component="section"
            aria-label={title}
          >
            <Box
              sx={{
                display: 'flex',
                alignItems: 'center',
                px: 2,
                py: 1.5,
                gap: 1,
              }}
            >
              <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
                {title}{' '}
                <Typography component="span" color="text.secondary">
                  ({ofKind.length})
                </Typography>
              </Typography>
              {renderToolbar?.(d, ofKind)}
            </Box>
            <ResourceTable
              descriptor={d}
              items={ofKind}
              onSelect={setSelected}
              showCluster={showCluster}
              renderRowActions={renderRowActions}
            />
          </Paper>
        );
      })}
      <ResourceDrawer
        entityRef={props.entityRef}
        item={selected}
        onClose={() => setSelected(undefined)}
        actions={renderDrawerActions}
      />
    </Stack>
  );
}
