import { useEffect, useState } from 'react';
import type {
  KubeObject,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { messageOf } from '../../api/errors';

export const VALIDATE_DEBOUNCE_MS = 500;

/**
 * Validates `object` through the backend (`POST validate`) after the user pauses typing; answers that arrive
 * for an older object are dropped. `enabled: false` (form mode, parse errors) pauses it.
 */
export function useLiveValidation(
  validate:
    | ((
        obj: KubeObject,
      ) => Promise<{ valid: boolean; causes: ValidationCause[] }>)
    | undefined,
  object: KubeObject,
  enabled: boolean,
): { causes: ValidationCause[]; pending: boolean; error?: string } {
  const [state, setState] = useState<{
    causes: ValidationCause[];
    pending: boolean;
    error?: string;
  }>({ causes: [], pending: false });
  useEffect(() => {
    if (!enabled || !validate) return undefined;
    let live = true;
    setState(s => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      validate(object).then(
        r => live && setState({ causes: r.causes ?? [], pending: false }),
        (e: unknown) =>
          live &&
          setState({
            causes: [],
            pending: false,
            error: messageOf(e),
          }),
      );
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [validate, object, enabled]);
  return state;
}
