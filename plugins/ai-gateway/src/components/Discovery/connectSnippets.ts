import type {
  AiApiAuth,
  AiApiType,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * Copy-ready client setup for a gateway endpoint. Pure: the same input gives the same snippets. The credential is
 * always a placeholder (an environment variable or an input prompt), never a key: the portal does not know it.
 */
export interface ConnectTarget {
  /** server / client name used as the key in MCP client configs (the entity name) */
  name: string;
  type: AiApiType;
  /** the URL a client connects to (MCP / A2A endpoint, or the first LLM endpoint) */
  url: string;
  /** llm: what to pass as `base_url` / `baseURL` to the OpenAI SDKs */
  sdkBaseUrl?: string;
  /** mcp-server: `sse` for legacy SSE servers */
  transport?: 'streamable-http' | 'sse';
  auth: AiApiAuth;
  /** llm: the model names a client may send (the first one goes in the examples) */
  models?: string[];
  /** a2a: where the agent card is served */
  agentCardUrl?: string;
}

export type SnippetId =
  | 'claude-desktop'
  | 'cursor'
  | 'vscode'
  | 'openai-python'
  | 'openai-typescript'
  | 'curl';

export interface ConnectSnippet {
  id: SnippetId;
  /** the client's name, e.g. "Claude Desktop" */
  label: string;
  /** where the snippet goes, e.g. `claude_desktop_config.json` */
  file?: string;
  language: 'json' | 'python' | 'typescript' | 'bash';
  code: string;
  /** one sentence on where the credential comes from */
  note?: string;
}

/** The environment variable the snippets read the credential from. */
export const CREDENTIAL_ENV = 'AI_GATEWAY_API_KEY';
/** The VS Code input id that prompts for the credential. */
export const VSCODE_INPUT_ID = 'ai-gateway-api-key';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The header a client sends, or undefined when the endpoint needs no credential in a header. */
export function credentialHeader(
  auth: AiApiAuth,
): { name: string; scheme: string } | undefined {
  if (auth.kind === 'none' || !auth.header) return undefined;
  return { name: auth.header, scheme: auth.scheme };
}

function credentialNote(auth: AiApiAuth): string {
  const header = credentialHeader(auth);
  const what: Record<AiApiAuth['kind'], string> = {
    'api-key': 'an API key',
    jwt: 'a JWT',
    basic: 'basic credentials (base64 of user:password)',
    'ext-auth': 'a credential your external authorization service accepts',
    none: 'no credential',
  };
  if (!header) return `This endpoint needs ${what[auth.kind]}.`;
  const scheme = header.scheme ? ` (prefixed with "${header.scheme}")` : '';
  return `This endpoint needs ${what[auth.kind]} in the ${
    header.name
  } header${scheme}: set ${CREDENTIAL_ENV}, never paste a key into a shared file.`;
}

function claudeDesktop(t: ConnectTarget): ConnectSnippet {
  const header = credentialHeader(t.auth);
  // Claude Desktop launches stdio servers only: mcp-remote bridges to the remote server. The header value goes
  // through an environment variable because spaces inside args are mangled on some platforms.
  const args = ['mcp-remote', t.url];
  if (t.url.startsWith('http://')) args.push('--allow-http');
  if (t.transport === 'sse') args.push('--transport', 'sse-only');
  const server: Record<string, unknown> = { command: 'npx', args };
  if (header) {
    args.push('--header', `${header.name}:\${AI_GATEWAY_AUTH_HEADER}`);
    server.env = {
      AI_GATEWAY_AUTH_HEADER: `${header.scheme}<your-credential>`,
    };
  }
  return {
    id: 'claude-desktop',
    label: 'Claude Desktop',
    file: 'claude_desktop_config.json',
    language: 'json',
    code: json({ mcpServers: { [t.name]: server } }),
    note: 'Claude Desktop starts local (stdio) servers only; mcp-remote (npx) connects it to the gateway. Replace <your-credential> in your own config file.',
  };
}

function cursor(t: ConnectTarget): ConnectSnippet {
  const header = credentialHeader(t.auth);
  const server: Record<string, unknown> = { url: t.url };
  if (header)
    server.headers = {
      [header.name]: `${header.scheme}\${env:${CREDENTIAL_ENV}}`,
    };
  return {
    id: 'cursor',
    label: 'Cursor',
    file: '.cursor/mcp.json',
    language: 'json',
    code: json({ mcpServers: { [t.name]: server } }),
    note: credentialNote(t.auth),
  };
}

function vscode(t: ConnectTarget): ConnectSnippet {
  const header = credentialHeader(t.auth);
  const server: Record<string, unknown> = {
    type: t.transport === 'sse' ? 'sse' : 'http',
    url: t.url,
  };
  const config: Record<string, unknown> = {};
  if (header) {
    config.inputs = [
      {
        type: 'promptString',
        id: VSCODE_INPUT_ID,
        description: `Credential for ${t.name} (${header.name} header)`,
        password: true,
      },
    ];
    server.headers = {
      [header.name]: `${header.scheme}\${input:${VSCODE_INPUT_ID}}`,
    };
  }
  config.servers = { [t.name]: server };
  return {
    id: 'vscode',
    label: 'VS Code / GitHub Copilot',
    file: '.vscode/mcp.json',
    language: 'json',
    code: json(config),
    note: 'VS Code prompts for the credential once and stores it securely.',
  };
}

/** The OpenAI SDKs send `api_key` as `Authorization: Bearer <key>`; any other header goes in default headers. */
const sdkSendsBearer = (auth: AiApiAuth) =>
  auth.header.toLowerCase() === 'authorization' && auth.scheme === 'Bearer ';

function openAiPython(t: ConnectTarget): ConnectSnippet {
  const header = credentialHeader(t.auth);
  const model = t.models?.[0] ?? '<model>';
  const lines = [
    'import os',
    'from openai import OpenAI',
    '',
    'client = OpenAI(',
  ];
  lines.push(`    base_url="${t.sdkBaseUrl ?? t.url}",`);
  if (header && sdkSendsBearer(t.auth)) {
    lines.push(`    api_key=os.environ["${CREDENTIAL_ENV}"],`);
  } else {
    lines.push('    api_key="unused",  # the gateway holds the provider key');
    if (header)
      lines.push(
        `    default_headers={"${header.name}": "${header.scheme}" + os.environ["${CREDENTIAL_ENV}"]},`,
      );
  }
  lines.push(
    ')',
    '',
    'completion = client.chat.completions.create(',
    `    model="${model}",`,
    '    messages=[{"role": "user", "content": "Hello"}],',
    ')',
    'print(completion.choices[0].message.content)',
  );
  return {
    id: 'openai-python',
    label: 'OpenAI Python SDK',
    language: 'python',
    code: lines.join('\n'),
    note: credentialNote(t.auth),
  };
}

function openAiTypeScript(t: ConnectTarget): ConnectSnippet {
  const header = credentialHeader(t.auth);
  const model = t.models?.[0] ?? '<model>';
  const lines = [
    "import OpenAI from 'openai';",
    '',
    'const client = new OpenAI({',
  ];
  lines.push(`  baseURL: '${t.sdkBaseUrl ?? t.url}',`);
  if (header && sdkSendsBearer(t.auth)) {
    lines.push(`  apiKey: process.env.${CREDENTIAL_ENV},`);
  } else {
    lines.push("  apiKey: 'unused', // the gateway holds the provider key");
    if (header)
      lines.push(
        `  defaultHeaders: { '${header.name}': \`${header.scheme}\${process.env.${CREDENTIAL_ENV}}\` },`,
      );
  }
  lines.push(
    '});',
    '',
    'const completion = await client.chat.completions.create({',
    `  model: '${model}',`,
    "  messages: [{ role: 'user', content: 'Hello' }],",
    '});',
    'console.log(completion.choices[0].message.content);',
  );
  return {
    id: 'openai-typescript',
    label: 'OpenAI TypeScript SDK',
    language: 'typescript',
    code: lines.join('\n'),
    note: credentialNote(t.auth),
  };
}

function curl(t: ConnectTarget): ConnectSnippet {
  const header = credentialHeader(t.auth);
  const auth = header
    ? [`  -H "${header.name}: ${header.scheme}$${CREDENTIAL_ENV}"`]
    : [];
  let lines: string[];
  if (t.type === 'mcp-server') {
    const body = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'curl', version: '1.0' },
      },
    };
    lines = [
      `curl -sS ${t.url}`,
      '  -H "Content-Type: application/json"',
      '  -H "Accept: application/json, text/event-stream"',
      ...auth,
      `  -d '${JSON.stringify(body)}'`,
    ];
  } else if (t.type === 'a2a') {
    lines = [`curl -sS ${t.agentCardUrl ?? t.url}`, ...auth];
  } else {
    const body = {
      model: t.models?.[0] ?? '<model>',
      messages: [{ role: 'user', content: 'Hello' }],
    };
    lines = [
      `curl -sS ${t.url}`,
      '  -H "Content-Type: application/json"',
      ...auth,
      `  -d '${JSON.stringify(body)}'`,
    ];
  }
  return {
    id: 'curl',
    label: 'curl',
    language: 'bash',
    code: lines.join(' \\\n'),
    note: credentialNote(t.auth),
  };
}

/** The snippets that fit the endpoint: MCP clients for `mcp-server`, the OpenAI SDKs for `llm`; curl for all. */
export function connectSnippets(target: ConnectTarget): ConnectSnippet[] {
  switch (target.type) {
    case 'mcp-server':
      return [
        claudeDesktop(target),
        cursor(target),
        vscode(target),
        curl(target),
      ];
    case 'llm':
      return [openAiPython(target), openAiTypeScript(target), curl(target)];
    default:
      return [curl(target)];
  }
}
