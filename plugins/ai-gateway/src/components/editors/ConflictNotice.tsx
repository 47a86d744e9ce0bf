import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ResourceItem } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { YamlEditor } from './YamlEditor';
import { toYaml } from './yaml';
import { cleanForEdit } from './cleanObject';

/**
 * A 409 on save: someone else changed the object since it was opened. Nothing was written; the user may look
 * at the current version and reload it (dropping their edits) — never a silent overwrite.
 */
export function ConflictNotice(props: {
  name: string;
  current?: ResourceItem;
  onReload(current: ResourceItem): void;
  message: string;
}) {
  const [show, setShow] = useState(false);
  const { current } = props;
  return (
    <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
      <AlertTitle>{props.name} was changed by someone else</AlertTitle>
      Your changes were not saved: the object changed since you opened it
      {current?.resourceVersion
        ? ` (it is now at version ${current.resourceVersion})`
        : ''}
      . {props.message}
      {current && (
        <Box sx={{ mt: 1, display: 'flex', gap: 1 }}>
          <Button
            size="small"
            variant="outlined"
            onClick={() => setShow(s => !s)}
          >
            {show ? 'Hide current version' : 'Show current version'}
          </Button>
          <Button
            size="small"
            variant="contained"
            color="warning"
            onClick={() => props.onReload(current)}
          >
            Reload current version (discard my changes)
          </Button>
        </Box>
      )}
      {current && show && (
        <Box sx={{ mt: 1 }}>
          <YamlEditor
            value={toYaml(cleanForEdit(current.object))}
            onChange={() => {}}
            causes={[]}
            readOnly
            label="Current version"
          />
        </Box>
      )}
    </Alert>
  );
}
