import { parseEntityRef } from '@backstage/catalog-model';
import type {
  AiApiType,
  IssuedKey,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  CREDENTIAL_ENV,
  connectSnippets,
  type ConnectSnippet,
  type ConnectTarget,
} from '../Discovery/connectSnippets';

const VSCODE_INPUT = '${input:ai-gateway-api-key}';

/** `Bearer` → `Bearer ` (the snippets put the scheme right before the key). */
export function schemePrefix(scheme: string): string {
  const s = scheme.trim();
  return s ? `${s} ` : '';
}

/**
 * The Connect card's target for a freshly issued key: the API entity's target when it is known (URL, SDK base
 * URL, models, transport), else the key's base URL; the credential is where the key says (header + scheme).
 */
export function keyTarget(
  issued: IssuedKey,
  api: { ref: string; type: AiApiType },
  fromEntity?: ConnectTarget,
): ConnectTarget {
  const base: Omit<ConnectTarget, 'auth'> = fromEntity ?? {
    name: parseEntityRef(api.ref).name,
    type: api.type,
    url: issued.baseUrl,
    ...(api.type === 'llm' ? { sdkBaseUrl: issued.baseUrl } : {}),
  };
  return {
    ...base,
    url: base.url || issued.baseUrl,
    auth: {
      kind: 'api-key',
      header: issued.header,
      scheme: schemePrefix(issued.scheme),
    },
  };
}

/** Puts the key where each snippet reads its credential (env var, input prompt or placeholder). */
function pasteKey(snippet: ConnectSnippet, key: string): ConnectSnippet {
  const env = CREDENTIAL_ENV;
  let code = snippet.code;
  if (snippet.id === 'vscode') {
    const config: { inputs?: unknown } = JSON.parse(
      code.split(VSCODE_INPUT).join(key),
    );
    delete config.inputs;
    code = JSON.stringify(config, null, 2);
  }
  code = code
    .split('<your-credential>')
    .join(key)
    .split(`\${env:${env}}`)
    .join(key)
    .split(`\${process.env.${env}}`)
    .join(key)
    .split(`process.env.${env}`)
    .join(`'${key}'`)
    .split(`os.environ["${env}"]`)
    .join(`"${key}"`)
    .split(`$${env}`)
    .join(key);
  return {
    ...snippet,
    code,
    note: 'The key is pasted in: keep this out of version control and shared folders.',
  };
}

/** Claude Desktop / Cursor / VS Code (MCP) or the OpenAI SDKs (LLM), and curl, with the key pasted in. */
export function snippetsWithKey(
  target: ConnectTarget,
  key: string,
): ConnectSnippet[] {
  return connectSnippets(target).map(s => pasteKey(s, key));
}
