import { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { Progress } from '@backstage/core-components';
import type { ResourceItem } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceRow } from '../../api/AiGatewayApi';
import { describeApiError } from '../../api/errors';
import type { WriteTarget } from '../../query/mutations';
import { useFullItem } from '../../query/tabs';

/**
 * Renders `children` with the whole object behind a table row: rows carry no object, so opening an editor
 * fetches it first (a dialog with a progress bar meanwhile, the error and Close if it cannot be loaded).
 */
export function WithFullItem(props: {
  target: WriteTarget;
  row: ResourceRow;
  onClose(): void;
  children: (item: ResourceItem) => ReactNode;
}) {
  const { target, row } = props;
  const entityRef = target.scope === 'entity' ? target.entityRef : undefined;
  const full = useFullItem(entityRef, row);
  if (full.item) return <>{props.children(full.item)}</>;
  const title = `Edit ${row.kind} ${row.name}`;
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {full.isPending ? (
          <Progress />
        ) : (
          <Alert severity="error">
            The object could not be loaded:{' '}
            {full.error
              ? describeApiError(full.error).message
              : 'no object for this row'}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
      </DialogActions>
    </Dialog>
  );
}
