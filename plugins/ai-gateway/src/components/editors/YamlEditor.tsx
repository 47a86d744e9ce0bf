import { useEffect, useMemo, useRef } from 'react';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { yaml as yamlLanguage } from '@codemirror/lang-yaml';
import { Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import Box from '@mui/material/Box';
import type { ValidationCause } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { lineOfPath } from './yaml';

export interface YamlEditorProps {
  value: string;
  onChange(text: string): void;
  /** causes to mark at their lines */
  causes: ValidationCause[];
  /** a syntax error to mark */
  syntaxError?: { message: string; line?: number };
  readOnly?: boolean;
  label?: string;
}

/** Where each cause is marked in the text (1-based line); shared by the editor's gutter and the cause list. */
export function diagnosticsFor(
  text: string,
  causes: ValidationCause[],
  syntaxError?: { message: string; line?: number },
) {
  const out: Array<{ line: number; message: string }> = [];
  if (syntaxError)
    out.push({ line: syntaxError.line ?? 1, message: syntaxError.message });
  else
    for (const c of causes)
      out.push({
        line: lineOfPath(text, c.field) ?? 1,
        message: `${c.field}: ${c.message}`,
      });
  return out;
}

/** The CodeMirror YAML editor with validation causes marked at their lines (gutter + underline). */
export function YamlEditor(props: YamlEditorProps) {
  const viewRef = useRef<EditorView | null>(null);
  const extensions = useMemo(
    () => [yamlLanguage(), lintGutter(), EditorView.lineWrapping],
    [],
  );
  const marks = useMemo(
    () => diagnosticsFor(props.value, props.causes, props.syntaxError),
    [props.value, props.causes, props.syntaxError],
  );

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const doc = view.state.doc;
    const diagnostics: Diagnostic[] = marks
      .filter(m => m.line >= 1 && m.line <= doc.lines)
      .map(m => {
        const line = doc.line(m.line);
        return {
          from: line.from,
          to: Math.max(line.to, line.from),
          severity: 'error',
          message: m.message,
        };
      });
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }, [marks]);

  return (
    <Box
      sx={{
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        overflow: 'hidden',
        '& .cm-editor': { fontSize: 13 },
      }}
      data-testid="yaml-editor"
      aria-label={props.label ?? 'YAML'}
      role="group"
    >
      <CodeMirror
        value={props.value}
        height="440px"
        extensions={extensions}
        readOnly={props.readOnly}
        editable={!props.readOnly}
        basicSetup={{
          lineNumbers: true,
          foldGutter: true,
          highlightActiveLine: !props.readOnly,
        }}
        onChange={text => props.onChange(text)}
        onCreateEditor={view => {
          viewRef.current = view;
        }}
      />
    </Box>
  );
}
