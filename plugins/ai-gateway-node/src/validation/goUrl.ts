/**
 * URL parsing with the semantics of Go's `net/url` (what kube-apiserver uses), not a browser's WHATWG parser:
 * - `parseRequestUri` is `url.ParseRequestURI`: used by the `uri` format of CRD schemas and by the Kubernetes CEL
 *   library's `isURL()` and `url()`;
 * - `parseUrl` is `url.Parse` (the fragment is cut off first): what `url()` returns accessors of.
 * The differences that matter: no scheme-specific rewriting (`https:host` is an opaque URL with no host, not
 * `https://host/`), a host may only %-encode non-ASCII bytes and may not contain characters such as `#` or space,
 * a port is any run of digits (99999 is fine), and a path may contain spaces and `#` (ParseRequestURI does not split
 * off a fragment). Written from the package documentation (https://pkg.go.dev/net/url) and its documented behaviour.
 */

export interface GoUrl {
  scheme: string;
  opaque: string;
  /** Unescaped `host[:port]`. */
  host: string;
  /** Unescaped path. */
  path: string;
  /** The path as written, when it differs from the default escaping of `path`. */
  rawPath: string;
  rawQuery: string;
  fragment: string;
}

/** A parse failure, worded like `*url.Error`: `parse "<url>": <reason>`. */
export class GoUrlError extends Error {}

type Mode =
  | 'host'
  | 'zone'
  | 'path'
  | 'userPassword'
  | 'queryComponent'
  | 'fragment';

const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);
const isHex = (c: string | undefined) => !!c && /^[0-9A-Fa-f]$/.test(c);

/** net/url shouldEscape for the modes used here (ASCII only). */
function shouldEscape(c: string, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  if ((mode === 'host' || mode === 'zone') && '!$&\'()*+,;=:[]<>"'.includes(c))
    return false;
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    if (mode === 'path') return c === '?';
    if (mode === 'userPassword')
      return c === '@' || c === '/' || c === '?' || c === ':';
    if (mode === 'queryComponent') return true;
    if (mode === 'fragment') return false;
    return true;
  }
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

/** net/url unescape: validates escapes (and host characters), decodes %XX (and `+` in query components). */
function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === '%') {
      if (!isHex(s[i + 1]) || !isHex(s[i + 2]))
        throw new GoUrlError(
          `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`,
        );
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === 'host' && v < 0x80 && s.slice(i, i + 3) !== '%25')
        throw new GoUrlError(
          `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`,
        );
      if (
        mode === 'zone' &&
        s.slice(i, i + 3) !== '%25' &&
        v !== 0x20 &&
        v < 0x80 &&
        shouldEscape(String.fromCharCode(v), 'host')
      ) {
        throw new GoUrlError(
          `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`,
        );
      }
      bytes.push(v);
      i += 3;
      continue;
    }
    if (
      (mode === 'host' || mode === 'zone') &&
      c.charCodeAt(0) < 0x80 &&
      shouldEscape(c, mode)
    ) {
      throw new GoUrlError(
        `invalid character ${JSON.stringify(c)} in host name`,
      );
    }
    if (c === '+' && mode === 'queryComponent') bytes.push(0x20);
    else bytes.push(...Buffer.from(c, 'utf8'));
    i += 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** net/url escape for paths (to decide whether the written path is the default encoding). */
function escapePath(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out +=
      b < 0x80 && !shouldEscape(c, 'path')
        ? c
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const validOptionalPort = (port: string) =>
  port === '' || /^:[0-9]*$/.test(port);

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new GoUrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort))
      throw new GoUrlError(
        `invalid port ${JSON.stringify(colonPort)} after host`,
      );
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0)
      return (
        unescape(host.slice(0, zone), 'host') +
        unescape(host.slice(zone, i), 'zone') +
        unescape(host.slice(i), 'host')
      );
  } else {
    const i = host.lastIndexOf(':');
    if (i >= 0 && !validOptionalPort(host.slice(i)))
      throw new GoUrlError(
        `invalid port ${JSON.stringify(host.slice(i))} after host`,
      );
  }
  return unescape(host, 'host');
}

const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

function parseAuthority(authority: string): string {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!USERINFO.test(userinfo))
      throw new GoUrlError('net/url: invalid userinfo');
    for (const part of userinfo.split(':').slice(0, 2))
      unescape(part, 'userPassword');
  }
  return host;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new GoUrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parse(raw: string, viaRequest: boolean): GoUrl {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw))
    throw new GoUrlError('net/url: invalid control character in URL');
  if (raw === '' && viaRequest) throw new GoUrlError('empty url');
  const u: GoUrl = {
    scheme: '',
    opaque: '',
    host: '',
    path: '',
    rawPath: '',
    rawQuery: '',
    fragment: '',
  };
  if (raw === '*') return { ...u, path: '*' };
  const [scheme, afterScheme] = getScheme(raw);
  let rest = afterScheme;
  u.scheme = scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2)
    rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) [rest, u.rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
  }
  if (!rest.startsWith('/')) {
    if (u.scheme) return { ...u, opaque: rest };
    if (viaRequest) throw new GoUrlError('invalid URI for request');
    if (rest.split('/')[0].includes(':'))
      throw new GoUrlError('first path segment in URL cannot contain colon');
  }
  if (
    (u.scheme || (!viaRequest && !rest.startsWith('///'))) &&
    rest.startsWith('//')
  ) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0)
      [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    u.host = parseAuthority(authority);
  }
  u.path = unescape(rest, 'path');
  u.rawPath = escapePath(u.path) === rest ? '' : rest;
  return u;
}

const wrap = (raw: string, f: () => GoUrl): GoUrl => {
  try {
    return f();
  } catch (e) {
    if (e instanceof GoUrlError)
      throw new GoUrlError(`parse ${JSON.stringify(raw)}: ${e.message}`);
    throw e;
  }
};

/** Go's `url.ParseRequestURI`: an absolute URI or an absolute path; no fragment handling. Throws GoUrlError. */
export function parseRequestUri(raw: string): GoUrl {
  return wrap(raw, () => parse(raw, true));
}

/** Go's `url.Parse`: the fragment is cut off first and unescaped. Throws GoUrlError. */
export function parseUrl(raw: string): GoUrl {
  const hash = raw.indexOf('#');
  const base = hash < 0 ? raw : raw.slice(0, hash);
  const u = wrap(base, () => parse(base, false));
  if (hash >= 0)
    u.fragment = wrap(raw, () => ({
      ...u,
      path: unescape(raw.slice(hash + 1), 'fragment'),
    })).path;
  return u;
}

export function isRequestUri(raw: string): boolean {
  try {
    parseRequestUri(raw);
    return true;
  } catch {
    return false;
  }
}

/** net/url validEncoded: the written path may be kept only if it needs no further escaping. */
const validEncoded = (s: string) =>
  [...s].every(c => "!$&'()*+,;=:@[]%".includes(c) || !shouldEscape(c, 'path'));

/** `URL.EscapedPath()`. */
export function escapedPath(u: GoUrl): string {
  if (u.rawPath && validEncoded(u.rawPath)) {
    try {
      if (unescape(u.rawPath, 'path') === u.path) return u.rawPath;
    } catch {
      // fall through to the default encoding
    }
  }
  if (u.path === '*') return '*';
  return escapePath(u.path);
}

/** `URL.Hostname()` / `URL.Port()`: split off a valid `:port`, strip IPv6 brackets. */
export function splitHostPort(hostPort: string): {
  hostname: string;
  port: string;
} {
  let hostname = hostPort;
  let port = '';
  const colon = hostname.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(hostname.slice(colon)))
    [hostname, port] = [hostname.slice(0, colon), hostname.slice(colon + 1)];
  if (hostname.startsWith('[') && hostname.endsWith(']'))
    hostname = hostname.slice(1, -1);
  return { hostname, port };
}

/** `url.ParseQuery` (pairs that do not parse are skipped, as `URL.Query()` does). */
export function parseQuery(rawQuery: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    try {
      const key = unescape(eq < 0 ? pair : pair.slice(0, eq), 'queryComponent');
      const value = unescape(
        eq < 0 ? '' : pair.slice(eq + 1),
        'queryComponent',
      );
      out.set(key, [...(out.get(key) ?? []), value]);
    } catch {
      // skipped, like Go
    }
  }
  return out;
}
