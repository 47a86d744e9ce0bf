import { useCallback, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import type {
  KubeObject,
  ResourceItem,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayApiRef, ResourceRow } from '../../api/AiGatewayApi';
import { WithFullItem } from './WithFullItem';
import { WriteTarget, useSaveResource } from '../../query/mutations';
import { WriteWarnings } from './WriteWarnings';
import { EditorProvider, SecretValues } from './EditorContext';
import { ConflictNotice } from './ConflictNotice';
import {
  AiGatewayApiError,
  causesOf,
  messageOf,
  statusOf,
} from '../../api/errors';
import { cleanForEdit } from './cleanObject';
import { findForm, formFor, prepareWrite } from './forms/registry';
import { useLiveValidation } from './useLiveValidation';
import { YamlEditor, diagnosticsFor } from './YamlEditor';
import { parseYaml, toYaml } from './yaml';

export type { WriteTarget as EditorTarget } from '../../query/mutations';

export interface ResourceEditorDialogProps {
  open: boolean;
  onClose(): void;
  target: WriteTarget;
  /** edit this object (a table row: its object is fetched when the dialog opens) */
  item?: ResourceRow;
  /** create with this guided form (`FORMS` id) */
  formId?: string;
  /** create an object of a kind without a form, in the YAML editor */
  template?: KubeObject;
  onSaved?(item: ResourceItem): void;
}

type Mode = 'form' | 'yaml';

function validationStatus(s: {
  syntaxError: boolean;
  pending: boolean;
  live: boolean;
  problems: number;
}): string {
  if (s.syntaxError) return 'Fix the YAML to validate it.';
  if (s.pending) return 'Validating…';
  if (!s.live) return 'Validated when saved.';
  if (s.problems === 0)
    return 'Valid (schema, rules, ownership and a server dry-run).';
  return `${s.problems} problem(s).`;
}

function EditorDialogBody(
  props: Omit<ResourceEditorDialogProps, 'item'> & { item?: ResourceItem },
) {
  const { target, item } = props;
  const api = useApi(aiGatewayApiRef);
  const save = useSaveResource(target);
  const isEdit = !!item;
  const form = useMemo(() => {
    if (item) return formFor(item.object);
    return props.formId ? findForm(props.formId) : undefined;
  }, [item, props.formId]);
  const [object, setObject] = useState<KubeObject>(() => {
    if (item) return cleanForEdit(item.object);
    if (form) return form.template();
    return (
      props.template ?? { apiVersion: '', kind: '', metadata: { name: '' } }
    );
  });
  const [mode, setMode] = useState<Mode>(form ? 'form' : 'yaml');
  const [yamlText, setYamlText] = useState(() => toYaml(object));
  const [syntaxError, setSyntaxError] = useState<{
    message: string;
    line?: number;
  }>();
  const [secretValues, setSecretValues] = useState<SecretValues>({});
  const [submitCauses, setSubmitCauses] = useState<ValidationCause[]>([]);
  const [unassigned, setUnassigned] = useState<ValidationCause[]>([]);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<{
    current?: ResourceItem;
    message: string;
  }>();
  const [warnings, setWarnings] = useState<string[]>();

  const entityRef = target.scope === 'entity' ? target.entityRef : undefined;
  const validate = useMemo(
    () =>
      entityRef
        ? (obj: KubeObject) => api.validateResource(entityRef, obj)
        : undefined,
    [api, entityRef],
  );
  const live = useLiveValidation(
    validate,
    object,
    mode === 'yaml' && !syntaxError,
  );
  const yamlCauses = submitCauses.length > 0 ? submitCauses : live.causes;

  const switchMode = (next: Mode | null) => {
    if (!next || next === mode) return;
    if (next === 'yaml') {
      setYamlText(toYaml(object));
      setSyntaxError(undefined);
    } else {
      const parsed = parseYaml(yamlText);
      if (!parsed.ok) {
        setSyntaxError({ message: parsed.error, line: parsed.line });
        return;
      }
      setObject(parsed.object);
    }
    setMode(next);
  };

  const onYamlChange = (text: string) => {
    setYamlText(text);
    const parsed = parseYaml(text);
    if (parsed.ok) {
      setSyntaxError(undefined);
      setObject(parsed.object);
    } else {
      setSyntaxError({ message: parsed.error, line: parsed.line });
    }
  };

  const reload = (current: ResourceItem) => {
    const fresh = cleanForEdit(current.object);
    setObject(fresh);
    setYamlText(toYaml(fresh));
    setConflict(undefined);
    setSubmitCauses([]);
  };

  const submit = async () => {
    if (mode === 'yaml' && syntaxError) return;
    setError(undefined);
    setConflict(undefined);
    setSubmitCauses([]);
    const { object: toWrite, secrets } = prepareWrite(
      form,
      object,
      secretValues,
    );
    try {
      const saved = await save.mutateAsync({
        mode: isEdit ? 'update' : 'create',
        object: toWrite,
        secrets,
      });
      props.onSaved?.(saved.item);
      // the API server's warnings (e.g. an unknown field it dropped) stay on screen until the user closes
      if (saved.warnings.length > 0) setWarnings(saved.warnings);
      else props.onClose();
    } catch (e) {
      const status = statusOf(e);
      const causes = causesOf(e);
      if (status === 409 && isEdit) {
        setConflict({
          current: e instanceof AiGatewayApiError ? e.current : undefined,
          message: messageOf(e),
        });
      } else if (causes.length > 0) {
        setSubmitCauses(causes);
        setError(messageOf(e));
      } else {
        setError(messageOf(e));
      }
    }
  };

  const onUnassigned = useCallback(
    (c: ValidationCause[]) => setUnassigned(c),
    [],
  );
  const name = item ? `${item.kind} ${item.name}` : form?.label ?? object.kind;
  const listed = mode === 'form' ? unassigned : yamlCauses;
  const marks = mode === 'yaml' ? diagnosticsFor(yamlText, yamlCauses) : [];

  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="ai-gateway-editor-title"
    >
      <DialogTitle
        id="ai-gateway-editor-title"
        sx={{ display: 'flex', alignItems: 'center', gap: 2 }}
      >
        <Box sx={{ flex: 1 }}>{isEdit ? `Edit ${name}` : `Create ${name}`}</Box>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={mode}
          onChange={(_, v) => switchMode(v)}
          aria-label="Editor mode"
        >
          <ToggleButton value="form" disabled={!form} aria-label="Form">
            Form
          </ToggleButton>
          <ToggleButton value="yaml" aria-label="YAML">
            YAML
          </ToggleButton>
        </ToggleButtonGroup>
      </DialogTitle>
      <DialogContent dividers>
        {warnings && <WriteWarnings name={name} warnings={warnings} />}
        {conflict && (
          <ConflictNotice
            name={name}
            current={conflict.current}
            message={conflict.message}
            onReload={reload}
          />
        )}
        {error && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            <AlertTitle>Not saved</AlertTitle>
            {error}
          </Alert>
        )}
        {listed.length > 0 && (
          <Alert severity="error" sx={{ mb: 2 }} aria-label="Validation errors">
            <AlertTitle>
              {mode === 'yaml' ? 'Validation' : 'Other problems'}
            </AlertTitle>
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {listed.map((c, i) => (
                <li key={i}>
                  <code>{c.field || '(object)'}</code>: {c.message}
                  {mode === 'yaml' && marks[i]
                    ? ` (line ${marks[i].line})`
                    : ''}
                </li>
              ))}
            </Box>
          </Alert>
        )}
        {mode === 'yaml' && syntaxError && (
          <Alert severity="error" sx={{ mb: 2 }} role="alert">
            YAML error{syntaxError.line ? ` at line ${syntaxError.line}` : ''}:{' '}
            {syntaxError.message}
          </Alert>
        )}
        {mode === 'form' && form ? (
          <EditorProvider
            object={object}
            onChange={setObject}
            mode={isEdit ? 'edit' : 'create'}
            entityRef={entityRef}
            causes={submitCauses}
            secretValues={secretValues}
            onSecretValues={setSecretValues}
            onUnassigned={onUnassigned}
          >
            <form.Form />
          </EditorProvider>
        ) : (
          <>
            <YamlEditor
              value={yamlText}
              onChange={onYamlChange}
              causes={yamlCauses}
              syntaxError={syntaxError}
            />
            <Typography variant="caption" color="text.secondary" role="status">
              {validationStatus({
                syntaxError: !!syntaxError,
                pending: live.pending,
                live: !!validate,
                problems: yamlCauses.length,
              })}
              {target.scope === 'entity'
                ? ' The namespace is set by the backend.'
                : ''}
            </Typography>
          </>
        )}
      </DialogContent>
      <DialogActions>
        {warnings ? (
          <Button variant="contained" onClick={props.onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button
              variant="contained"
              onClick={submit}
              disabled={save.isPending || (mode === 'yaml' && !!syntaxError)}
            >
              {isEdit ? 'Save' : 'Create'}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

/**
 * Create or edit one object: a guided form (when the kind / variant has one) and a YAML editor, toggled
 * without losing anything — both edit the same full object. Field errors of a 422 are shown at the field,
 * the others listed; a 409 shows the current version and never overwrites it.
 */
export function ResourceEditorDialog(props: ResourceEditorDialogProps) {
  const { item, ...rest } = props;
  if (!props.open) return null;
  if (!item) return <EditorDialogBody {...rest} />;
  return (
    <WithFullItem target={props.target} row={item} onClose={props.onClose}>
      {full => <EditorDialogBody {...rest} item={full} />}
    </WithFullItem>
  );
}
