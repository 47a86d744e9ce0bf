import { ListedServer } from './client';

// agentgateway (crates/agentgateway/src/mcp/handler.rs @ 75b4e6ce): `resource_name` joins target and name with
// DELIMITER "_" for tools and prompts; `resource_uri` prefixes a URI that has a scheme with "<target>+".
const DELIMITER = '_';
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export function prefixedName(target: string, name: string): string {
  return `${target}${DELIMITER}${name}`;
}

export function prefixedUri(target: string, uri: string): string {
  return HAS_SCHEME.test(uri) ? `${target}+${uri}` : uri;
}

/**
 * Merges what the targets of one backend answered into what a client of the gateway sees: with `prefix`, tool and
 * prompt names become `<target>_<name>` and resource URIs `<target>+<uri>`, in target order.
 */
export function federate(
  parts: Array<{ target?: string; listed: ListedServer }>,
  prefix: boolean,
): ListedServer {
  if (parts.length === 1 && !prefix) return parts[0].listed;
  const name = (t: string | undefined, n: string) =>
    prefix && t ? prefixedName(t, n) : n;
  return {
    serverInfo: parts.length === 1 ? parts[0].listed.serverInfo : undefined,
    tools: parts.flatMap(p =>
      p.listed.tools.map(t => ({ ...t, name: name(p.target, t.name) })),
    ),
    prompts: parts.flatMap(p =>
      p.listed.prompts.map(x => ({ ...x, name: name(p.target, x.name) })),
    ),
    resources: parts.flatMap(p =>
      p.listed.resources.map(r => ({
        ...r,
        uri: prefix && p.target ? prefixedUri(p.target, r.uri) : r.uri,
      })),
    ),
  };
}
