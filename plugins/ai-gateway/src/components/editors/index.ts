export { ResourceEditorDialog } from './ResourceEditorDialog';
export type {
  EditorTarget,
  ResourceEditorDialogProps,
} from './ResourceEditorDialog';
export { DeleteDialog } from './DeleteDialog';
export { CreateButton, RowActions, isEditable } from './EditorActions';
export { SecretsSection } from './SecretsSection';
export { FORMS, formFor, formsForKind, prepareWrite } from './forms/registry';
export type { FormDescriptor } from './forms/types';
export {
  useWritePermissions,
  useSecretWritePermission,
} from './usePermissions';
export { WriteWarnings } from './WriteWarnings';
