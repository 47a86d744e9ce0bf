import { MouseEvent, ReactNode, useState } from 'react';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import EditIcon from '@mui/icons-material/EditOutlined';
import type {
  KubeObject,
  ResourceKindDescriptor,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceRow } from '../../api/AiGatewayApi';
import { isTerminating } from '../../lib/terminating';
import type { WriteTarget as EditorTarget } from '../../query/mutations';
import { DeleteDialog } from './DeleteDialog';
import { ResourceEditorDialog } from './ResourceEditorDialog';
import { formsForKind, yamlTemplate } from './forms/registry';
import { useWritePermissions } from './usePermissions';

/** A button that is disabled with a tooltip saying why (a disabled button gets no hover: wrap it). */
export function Gated(props: {
  allowed: boolean;
  reason: string;
  children: ReactNode;
}) {
  // one structure in both states, so the button is not remounted when the capabilities arrive
  return (
    <Tooltip title={props.allowed ? '' : props.reason}>
      <span>{props.children}</span>
    </Tooltip>
  );
}

/** Whether the editors manage this kind in this place (Secrets have their own section, GatewayClass is read-only). */
export function isEditable(
  d: ResourceKindDescriptor,
  target: EditorTarget,
): boolean {
  if (d.readOnly || d.scope === 'secret') return false;
  return target.scope === 'platform'
    ? d.scope === 'platform'
    : d.scope === 'entity';
}

/** "Create" in a kind's section header: one guided form, a menu of variants, or the YAML editor. */
export function CreateButton(props: {
  target: EditorTarget;
  descriptor: ResourceKindDescriptor;
}) {
  const { target, descriptor: d } = props;
  const { create } = useWritePermissions(
    target,
    `${props.descriptor.displayName.toLowerCase()}s`,
  );
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [open, setOpen] = useState<{
    formId?: string;
    template?: KubeObject;
  }>();
  if (!isEditable(d, target)) return null;
  const forms = formsForKind(d.kind);
  const allowed = create.allowed;
  const yaml = {
    template: yamlTemplate(
      d.kind,
      d.group ? `${d.group}/${d.version}` : d.version,
    ),
  };
  const onClick = (e: MouseEvent<HTMLElement>) => {
    if (forms.length > 1) setAnchor(e.currentTarget);
    else setOpen(forms.length === 1 ? { formId: forms[0].id } : yaml);
  };
  return (
    <>
      <Gated allowed={allowed} reason={create.reason}>
        <Button
          size="small"
          variant="outlined"
          startIcon={<AddIcon />}
          disabled={!allowed}
          onClick={onClick}
          aria-label={`Create ${d.displayName}`}
        >
          Create
        </Button>
      </Gated>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <ListSubheader>New {d.displayName.toLowerCase()}</ListSubheader>
        {forms.map(f => (
          <MenuItem
            key={f.id}
            onClick={() => {
              setAnchor(null);
              setOpen({ formId: f.id });
            }}
          >
            {f.label}
          </MenuItem>
        ))}
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setOpen(yaml);
          }}
        >
          Other (YAML)
        </MenuItem>
      </Menu>
      <ResourceEditorDialog
        open={!!open}
        onClose={() => setOpen(undefined)}
        target={target}
        formId={open?.formId}
        template={open?.template}
      />
    </>
  );
}

/** Edit / Delete of one row (or the detail drawer). Shared gateways (relation `attached`) are not offered. */
export function RowActions(props: {
  target: EditorTarget;
  item: ResourceRow;
  descriptor?: ResourceKindDescriptor;
}) {
  const { target, item, descriptor } = props;
  const { update, remove } = useWritePermissions(target);
  const [dialog, setDialog] = useState<'edit' | 'delete'>();
  if (
    item.relation === 'attached' ||
    (descriptor && !isEditable(descriptor, target))
  )
    return null;
  const terminating = isTerminating(item);
  const canEdit = update.allowed && !terminating;
  const canDelete = remove.allowed && !terminating;
  const why = (p: { reason: string }) =>
    terminating ? 'It is being deleted (terminating)' : p.reason;
  return (
    <>
      <Gated allowed={canEdit} reason={why(update)}>
        <IconButton
          size="small"
          aria-label={`Edit ${item.kind} ${item.name}`}
          disabled={!canEdit}
          onClick={() => setDialog('edit')}
        >
          <EditIcon fontSize="small" />
        </IconButton>
      </Gated>
      <Gated allowed={canDelete} reason={why(remove)}>
        <IconButton
          size="small"
          aria-label={`Delete ${item.kind} ${item.name}`}
          disabled={!canDelete}
          onClick={() => setDialog('delete')}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Gated>
      <ResourceEditorDialog
        open={dialog === 'edit'}
        onClose={() => setDialog(undefined)}
        target={target}
        item={item}
      />
      <DeleteDialog
        open={dialog === 'delete'}
        onClose={() => setDialog(undefined)}
        target={target}
        item={item}
      />
    </>
  );
}
