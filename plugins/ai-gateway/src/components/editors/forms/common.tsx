import { ReactNode, useEffect, useState } from 'react';
import TextField from '@mui/material/TextField';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Box from '@mui/material/Box';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { useEditor, useField } from '../EditorContext';
import { FormSection, PathText } from '../fields';

/** `metadata.name`: fixed once the object exists. */
export function NameField(props: { helperText?: string }) {
  const { mode } = useEditor();
  return (
    <PathText
      path="metadata.name"
      label="Name"
      required
      disabled={mode === 'edit'}
      helperText={
        props.helperText ??
        "lowercase letters, digits and -; the namespace is the entity's"
      }
    />
  );
}

/**
 * An editable list of objects at `path`: each item rendered by `children(index)`, with add / remove.
 * Removing an item keeps the others (and their unknown fields) intact.
 */
export function ArrayField(props: {
  path: string;
  title: string;
  itemTitle: (index: number) => string;
  newItem: () => unknown;
  children: (index: number) => ReactNode;
  min?: number;
}) {
  const { value, set } = useField<unknown[]>(props.path);
  const items = Array.isArray(value) ? value : [];
  return (
    <FormSection
      title={props.title}
      action={
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={() => set([...items, props.newItem()])}
        >
          Add {props.itemTitle(items.length).replace(/ \d+$/, '').toLowerCase()}
        </Button>
      }
    >
      {items.map((_, i) => (
        <Paper
          key={i}
          variant="outlined"
          sx={{ p: 1.5, mt: 1 }}
          role="group"
          aria-label={props.itemTitle(i)}
        >
          <Box sx={{ display: 'flex', alignItems: 'center' }}>
            <Box
              sx={{ flex: 1, typography: 'caption', color: 'text.secondary' }}
            >
              {props.itemTitle(i)}
            </Box>
            {items.length > (props.min ?? 0) && (
              <IconButton
                size="small"
                aria-label={`Remove ${props.itemTitle(i)}`}
                onClick={() => set(items.filter((__, j) => j !== i))}
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            )}
          </Box>
          {props.children(i)}
        </Paper>
      ))}
    </FormSection>
  );
}

const normalize = (t: string) =>
  t
    .split('\n')
    .map(l => l.replace(/\s*=\s*/, '=').trim())
    .filter(Boolean)
    .join('\n');

function PathTextLike(props: {
  label: string;
  value: string;
  error: string;
  helperText: string;
  onCommit(t: string): void;
}) {
  const [text, setText] = useState(props.value);
  useEffect(() => {
    setText(t => (normalize(t) === normalize(props.value) ? t : props.value));
  }, [props.value]);
  return (
    <TextField
      fullWidth
      size="small"
      margin="dense"
      multiline
      minRows={2}
      label={props.label}
      value={text}
      onChange={e => {
        setText(e.target.value);
        props.onCommit(e.target.value);
      }}
      error={!!props.error}
      helperText={props.error || props.helperText}
    />
  );
}

/** `key=value` lines edited as a string map at `path` (labels, matchLabels). */
export function KeyValueField(props: {
  path: string;
  label: string;
  helperText?: string;
}) {
  const { value, set, causes } = useField<Record<string, string>>(props.path);
  const text =
    value && typeof value === 'object'
      ? Object.entries(value)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n')
      : '';
  return (
    <PathTextLike
      label={props.label}
      value={text}
      error={causes.map(c => c.message).join('; ')}
      helperText={props.helperText ?? 'key=value, one per line'}
      onCommit={t => {
        const entries = t
          .split('\n')
          .map(l => l.trim())
          .filter(Boolean)
          .map(l => {
            const at = l.indexOf('=');
            return at < 0
              ? [l, '']
              : [l.slice(0, at).trim(), l.slice(at + 1).trim()];
          });
        set(entries.length > 0 ? Object.fromEntries(entries) : undefined);
      }}
    />
  );
}
