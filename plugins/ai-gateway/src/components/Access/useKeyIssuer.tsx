import { ReactNode, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  AiApiType,
  IssuedKey,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { aiGatewayAccessApiRef } from '../../api/AiGatewayAccessApi';
import { useIssueKey } from '../../query/access';
import { KeyDialog } from './KeyDialog';

interface Shown {
  issued: IssuedKey;
  api: { ref: string; type: AiApiType };
  previousKeyExpiresAt?: string;
}

/**
 * Claims or rotates a grant's key and shows it once in the {@link KeyDialog}. The raw key is kept only in this
 * hook's state while the dialog is open; the mutation's copy is cleared at once, closing the dialog drops it.
 */
export function useKeyIssuer(): {
  issue: (
    grantId: string,
    mode: 'claim' | 'rotate',
    api: { ref: string; type: AiApiType },
  ) => Promise<void>;
  pendingGrant?: string;
  error: unknown;
  reset: () => void;
  dialog: ReactNode;
} {
  const accessApi = useApi(aiGatewayAccessApiRef);
  const mutation = useIssueKey();
  const [shown, setShown] = useState<Shown>();
  const issue = async (
    grantId: string,
    mode: 'claim' | 'rotate',
    api: { ref: string; type: AiApiType },
  ) => {
    let issued: IssuedKey;
    try {
      issued = await mutation.mutateAsync({ grantId, mode });
    } catch {
      return; // mutation.error holds it for the caller to show
    }
    mutation.reset();
    let previousKeyExpiresAt: string | undefined;
    if (mode === 'rotate') {
      try {
        previousKeyExpiresAt = (await accessApi.getGrant(grantId))
          .previousKeyExpiresAt;
      } catch {
        previousKeyExpiresAt = undefined; // the key is what matters; the grace time shows in the table
      }
    }
    setShown({ issued, api, previousKeyExpiresAt });
  };
  return {
    issue,
    pendingGrant: mutation.isPending ? mutation.variables?.grantId : undefined,
    error: mutation.error,
    reset: mutation.reset,
    dialog: shown ? (
      <KeyDialog
        issued={shown.issued}
        api={shown.api}
        previousKeyExpiresAt={shown.previousKeyExpiresAt}
        onClose={() => setShown(undefined)}
      />
    ) : null,
  };
}

/** The API type of a grant or request, from its scope (tools → MCP, else LLM), when the view does not say. */
export function apiTypeOf(scope: { tools?: string[] }): AiApiType {
  return scope.tools?.length ? 'mcp-server' : 'llm';
}
