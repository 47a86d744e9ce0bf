import { act } from '@testing-library/react';
import { EditorView } from '@uiw/react-codemirror';

/** The CodeMirror view inside the dialog's YAML editor (the real editor, driven through its API). */
export function yamlView(container: HTMLElement = document.body): EditorView {
  const el = container.querySelector(
    '[data-testid="yaml-editor"] .cm-editor',
  ) as HTMLElement | null;
  if (!el) throw new Error('no YAML editor');
  const view = EditorView.findFromDOM(el);
  if (!view) throw new Error('no CodeMirror view');
  return view;
}

export const yamlText = (container?: HTMLElement) =>
  yamlView(container).state.doc.toString();

/** Replaces the editor's whole text, as typing / pasting would (fires the editor's onChange). */
export async function setYaml(text: string, container?: HTMLElement) {
  const view = yamlView(container);
  await act(async () => {
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
    });
  });
}
