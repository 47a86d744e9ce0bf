import { InputError } from '@backstage/errors';
import {
  LabelSelectorSyntaxError,
  parseLabelSelector as parse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

export type { LabelRequirement } from '@ai-gateway-backstage/plugin-ai-gateway-common';
export {
  matchesLabels,
  matchesRequirement,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * The shared parser of `-common` (one for the backend, kube-local and the frontend), with a syntax error as a 400
 * `InputError` naming the selector (the `backstage.io/kubernetes-label-selector` annotation, MCP target selectors).
 */
export function parseLabelSelector(selector: string): ReturnType<typeof parse> {
  try {
    return parse(selector);
  } catch (e) {
    if (e instanceof LabelSelectorSyntaxError)
      throw new InputError(
        `Invalid label selector '${selector}': ${e.message}`,
      );
    throw e;
  }
}
