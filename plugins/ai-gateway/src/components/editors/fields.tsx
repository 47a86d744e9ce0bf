import { ReactNode, useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ValidationCause } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { useEditor, useField } from './EditorContext';

function errorText(causes: ValidationCause[], helper?: ReactNode): ReactNode {
  return causes.length > 0 ? causes.map(c => c.message).join('; ') : helper;
}

interface BaseProps {
  path: string;
  label: string;
  helperText?: ReactNode;
  required?: boolean;
  placeholder?: string;
  disabled?: boolean;
}

/** A text field bound to one path of the object; clearing it removes the field. */
export function PathText(props: BaseProps & { multiline?: boolean }) {
  const { value, set, causes } = useField<string>(props.path);
  return (
    <TextField
      fullWidth
      size="small"
      margin="dense"
      label={props.label}
      required={props.required}
      placeholder={props.placeholder}
      disabled={props.disabled}
      multiline={props.multiline}
      minRows={props.multiline ? 2 : undefined}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={e => set(e.target.value)}
      error={causes.length > 0}
      helperText={errorText(causes, props.helperText)}
      inputProps={{ 'data-path': props.path }}
    />
  );
}

/** An integer field bound to one path. */
export function PathNumber(props: BaseProps & { min?: number; max?: number }) {
  const { value, set, causes } = useField<number>(props.path);
  return (
    <TextField
      fullWidth
      size="small"
      margin="dense"
      type="number"
      label={props.label}
      required={props.required}
      placeholder={props.placeholder}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={e =>
        set(e.target.value === '' ? undefined : Number(e.target.value))
      }
      error={causes.length > 0}
      helperText={errorText(causes, props.helperText)}
      inputProps={{ min: props.min, max: props.max, 'data-path': props.path }}
    />
  );
}

/** A select bound to one path; `''` (the empty option) removes the field. */
export function PathSelect(
  props: BaseProps & {
    options: Array<string | { value: string; label: string }>;
    allowEmpty?: boolean;
  },
) {
  const { value, set, causes } = useField<string>(props.path);
  const options = props.options.map(o =>
    typeof o === 'string' ? { value: o, label: o } : o,
  );
  const current = value === undefined || value === null ? '' : String(value);
  if (current && !options.some(o => o.value === current))
    options.push({ value: current, label: current });
  return (
    <TextField
      select
      fullWidth
      size="small"
      margin="dense"
      label={props.label}
      required={props.required}
      value={current}
      onChange={e => set(e.target.value)}
      error={causes.length > 0}
      helperText={errorText(causes, props.helperText)}
      SelectProps={{ inputProps: { 'data-path': props.path } }}
    >
      {props.allowEmpty && (
        <MenuItem value="">
          <em>none</em>
        </MenuItem>
      )}
      {options.map(o => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A list of strings, one per line (or comma-separated with `inline`); an empty list removes the field. */
export function PathList(
  props: BaseProps & { inline?: boolean; numbers?: boolean },
) {
  const { value, set, causes } = useField<Array<string | number>>(props.path);
  const sep = props.inline ? ', ' : '\n';
  const join = (v: unknown) =>
    Array.isArray(v) ? v.map(String).join(sep) : '';
  const parse = (t: string) => {
    const parts = t
      .split(props.inline ? ',' : '\n')
      .map(s => s.trim())
      .filter(Boolean);
    return props.numbers ? parts.map(Number) : parts;
  };
  const [text, setText] = useState(join(value));
  // follow changes made elsewhere (YAML editor, reload) without fighting the user's typing
  useEffect(() => {
    if (join(parse(text)) !== join(value)) setText(join(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(value)]);
  return (
    <TextField
      fullWidth
      size="small"
      margin="dense"
      label={props.label}
      required={props.required}
      placeholder={props.placeholder}
      multiline={!props.inline}
      minRows={props.inline ? undefined : 2}
      value={text}
      onChange={e => {
        setText(e.target.value);
        const list = parse(e.target.value);
        set(list.length > 0 ? list : undefined);
      }}
      error={causes.length > 0}
      helperText={errorText(
        causes,
        props.helperText ?? (props.inline ? 'comma-separated' : 'one per line'),
      )}
      inputProps={{ 'data-path': props.path }}
    />
  );
}

/** A boolean bound to one path (off removes the field unless `keepFalse`). */
export function PathSwitch(props: BaseProps & { keepFalse?: boolean }) {
  const { value, set } = useField<boolean>(props.path);
  return (
    <FormControlLabel
      control={
        <Switch
          checked={value === true}
          onChange={e =>
            set(e.target.checked || (props.keepFalse ? false : undefined))
          }
        />
      }
      label={props.label}
    />
  );
}

/**
 * A write-only value for a key of a Secret: never prefilled, never read back. On create it is sent with the
 * object (both or neither); on edit a value rotates the key, an empty field keeps it.
 */
export function SecretValueField(props: {
  /** the `SecretValues` bucket the value goes to */
  bucket: string;
  /** the Secret's name, for the helper text */
  secretName?: string;
  secretKey: string;
  label: string;
  required?: boolean;
  helperText?: string;
}) {
  const editor = useEditor();
  const value = editor.secretValues[props.bucket]?.[props.secretKey] ?? '';
  const where = `Secret ${props.secretName || '(default name)'}, key "${
    props.secretKey
  }"`;
  const helper =
    props.helperText ??
    (editor.mode === 'edit'
      ? `Write-only (${where}); leave empty to keep the current value — only the keys you fill in change.`
      : `Write-only (${where}).`);
  return (
    <TextField
      fullWidth
      size="small"
      margin="dense"
      type="password"
      autoComplete="new-password"
      label={props.label}
      required={props.required && editor.mode === 'create'}
      value={value}
      onChange={e =>
        editor.setSecretValue(props.bucket, props.secretKey, e.target.value)
      }
      helperText={helper}
    />
  );
}

export function FormSection(props: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Box
      component="fieldset"
      sx={{ border: 0, p: 0, m: 0, mt: 2 }}
      aria-label={props.title}
    >
      <Box sx={{ display: 'flex', alignItems: 'center' }}>
        <Typography component="legend" variant="subtitle2" sx={{ flex: 1 }}>
          {props.title}
        </Typography>
        {props.action}
      </Box>
      {props.children}
    </Box>
  );
}

/** Two or three fields side by side. */
export function Row(props: { children: ReactNode }) {
  return (
    <Box
      sx={{
        display: 'grid',
        gridAutoFlow: 'column',
        gridAutoColumns: '1fr',
        gap: 2,
      }}
    >
      {props.children}
    </Box>
  );
}
