import {
  ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type {
  KubeObject,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { assignCauses } from './causes';
import { Path, getIn, pathKey, setIn } from './objectPath';

/** Write-only values typed into a form, by Secret name then key. Never part of the object, never shown again. */
export type SecretValues = Record<string, Record<string, string>>;

export interface EditorContextValue {
  /** the one source of truth: the full object being edited (unknown fields included) */
  object: KubeObject;
  setObject(next: KubeObject): void;
  /** sets one field on top of the full object; `undefined` removes it */
  setField(path: Path, value: unknown): void;
  mode: 'create' | 'edit';
  /** the entity whose objects these are (undefined on the platform page) */
  entityRef?: string;
  secretValues: SecretValues;
  setSecretValue(secret: string, key: string, value: string): void;
  /** replaces all values of one bucket */
  setSecretBucket(secret: string, values: Record<string, string>): void;
  /** validation causes a field at `path` shows */
  causesAt(path: Path): ValidationCause[];
  /** fields announce their paths so causes nobody shows are listed above the form */
  registerField(path: Path): () => void;
}

const Ctx = createContext<EditorContextValue | undefined>(undefined);

export function useEditor(): EditorContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useEditor must be used inside an EditorProvider');
  return v;
}

/** The value at `path` and a setter, plus the causes to show there; registers the path while mounted. */
export function useField<T = unknown>(
  path: Path,
): { value: T; set: (v: T | undefined) => void; causes: ValidationCause[] } {
  const editor = useEditor();
  const key = pathKey(path);
  const { registerField } = editor;
  useEffect(() => registerField(key), [registerField, key]);
  return {
    // the form field declares what it edits at its path; the object may hold anything there
    value: getIn(editor.object, key) as T,
    set: v => editor.setField(key, v),
    causes: editor.causesAt(key),
  };
}

export interface EditorProviderProps {
  object: KubeObject;
  onChange(next: KubeObject): void;
  mode: 'create' | 'edit';
  entityRef?: string;
  causes: ValidationCause[];
  secretValues: SecretValues;
  onSecretValues(next: SecretValues): void;
  /** receives the causes no registered field shows */
  onUnassigned?(causes: ValidationCause[]): void;
  children: ReactNode;
}

export function EditorProvider(props: EditorProviderProps) {
  const {
    object,
    onChange,
    causes,
    secretValues,
    onSecretValues,
    onUnassigned,
  } = props;
  const objectRef = useRef(object);
  objectRef.current = object;
  const fields = useRef(new Map<string, number>());
  const [fieldsVersion, setFieldsVersion] = useState(0);

  const registerField = useCallback((path: Path) => {
    const key = pathKey(path);
    const m = fields.current;
    m.set(key, (m.get(key) ?? 0) + 1);
    if (m.get(key) === 1) setFieldsVersion(v => v + 1);
    return () => {
      const n = (m.get(key) ?? 1) - 1;
      if (n <= 0) {
        m.delete(key);
        setFieldsVersion(v => v + 1);
      } else m.set(key, n);
    };
  }, []);

  const assigned = useMemo(
    () => assignCauses(causes, fields.current.keys()),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [causes, fieldsVersion],
  );
  useEffect(
    () => onUnassigned?.(assigned.unassigned),
    [assigned, onUnassigned],
  );

  const value = useMemo<EditorContextValue>(
    () => ({
      object,
      setObject: onChange,
      setField: (path, v) =>
        onChange(setIn(objectRef.current, path, v === '' ? undefined : v)),
      mode: props.mode,
      entityRef: props.entityRef,
      secretValues,
      setSecretValue: (secret, key, v) =>
        onSecretValues({
          ...secretValues,
          [secret]: { ...(secretValues[secret] ?? {}), [key]: v },
        }),
      setSecretBucket: (secret, values) =>
        onSecretValues({ ...secretValues, [secret]: values }),
      causesAt: path => assigned.byField.get(pathKey(path)) ?? [],
      registerField,
    }),
    [
      object,
      onChange,
      props.mode,
      props.entityRef,
      secretValues,
      onSecretValues,
      assigned,
      registerField,
    ],
  );
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}
