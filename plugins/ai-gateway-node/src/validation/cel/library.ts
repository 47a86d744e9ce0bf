/**
 * The Kubernetes CEL libraries the CRD rules use, as `@bufbuild/cel` functions: URLs (`url`, `isURL`,
 * `getScheme`...), quantities (`quantity`, `isQuantity`, `isLessThan`...), IPs and CIDRs (`ip`, `isIP`, `cidr`,
 * `isCIDR`, `family`, `containsIP`...). Library values are CEL maps tagged with a private key.
 */
import { isIP as netIsIP } from 'net';
import {
  CelFunc,
  CelScalar,
  celFunc,
  celMethod,
  isCelMap,
  listType,
  mapType,
} from '@bufbuild/cel';
import {
  compareQuantities,
  parseQuantity,
  quantityIsInteger,
  quantityToFloat,
  quantityToInteger,
  NANO,
} from './quantity';
import {
  GoUrl,
  escapedPath,
  isRequestUri,
  parseQuery,
  parseRequestUri,
  parseUrl,
  splitHostPort,
} from '../goUrl';

const TAG = '@k8s.type';
const { STRING, BOOL, INT, DYN, DOUBLE } = CelScalar;
const MAP = mapType(STRING, DYN);

type Tagged = Map<string, string | bigint>;

function tagged(kind: string, fields: Record<string, string | bigint>): Tagged {
  return new Map<string, string | bigint>([
    [TAG, kind],
    ...Object.entries(fields),
  ]);
}

/** The fields of a library value: strings and integers, checked when read. */
interface TaggedFields {
  str(field: string): string;
  int(field: string): bigint;
}

function untag(v: unknown, kind: string): TaggedFields {
  if (!isCelMap(v) || v.get(TAG) !== kind)
    throw new Error(`no such overload: expected a ${kind}`);
  const field = (name: string) => {
    const x = v.get(name);
    if (typeof x !== 'string' && typeof x !== 'bigint')
      throw new Error(`no such overload: ${kind} without ${name}`);
    return x;
  };
  return {
    str: name => String(field(name)),
    int: name => {
      const x = field(name);
      return typeof x === 'bigint' ? x : BigInt(x);
    },
  };
}

// ---------- URLs (Go net/url semantics, see ../goUrl.ts) ----------
function urlOf(text: string): Tagged {
  let u: GoUrl;
  try {
    // ParseRequestURI checks the text; Parse (fragment cut off) gives the parts, as the Kubernetes library does
    parseRequestUri(text);
    u = parseUrl(text);
  } catch (e) {
    throw new Error(
      `URL parse error during conversion from string: ${(e as Error).message}`,
    );
  }
  const { hostname, port } = splitHostPort(u.host);
  return tagged('url', {
    scheme: u.scheme,
    host: u.host,
    hostname,
    port,
    path: escapedPath(u),
    query: u.rawQuery,
  });
}

// ---------- IPs and CIDRs ----------
function validIp(text: string): boolean {
  return (
    !text.includes('%') &&
    netIsIP(text) !== 0 &&
    !/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(text)
  );
}

function ipBytes(text: string): number[] {
  if (netIsIP(text) === 4) return text.split('.').map(Number);
  const groups = (s: string) =>
    (s ? s.split(':') : []).flatMap(g => {
      if (!g.includes('.')) return [g];
      const [a, b, c, d] = g.split('.').map(Number);
      return [(a * 256 + b).toString(16), (c * 256 + d).toString(16)];
    });
  const [head, tail = ''] = text.split('::');
  const h = groups(head);
  const t = groups(tail);
  const all = text.includes('::')
    ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t]
    : h;
  return all.flatMap(g => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 255];
  });
}

function ipOf(text: string): Tagged {
  if (!validIp(text))
    throw new Error(
      `IP Address '${text}' parse error during conversion from string`,
    );
  return tagged('ip', { addr: text, family: BigInt(netIsIP(text)) });
}

function parseCidr(
  text: string,
): { addr: string; prefix: number; family: number } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m || !validIp(m[1])) return undefined;
  const family = netIsIP(m[1]);
  const prefix = Number(m[2]);
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  return { addr: m[1], prefix, family };
}

function cidrOf(text: string): Tagged {
  const c = parseCidr(text);
  if (!c)
    throw new Error(
      `network address parse error during conversion from string: ${text}`,
    );
  return tagged('cidr', {
    addr: c.addr,
    prefix: BigInt(c.prefix),
    family: BigInt(c.family),
  });
}

function inPrefix(addr: string, net: string, prefix: number): boolean {
  if (netIsIP(addr) !== netIsIP(net)) return false;
  const a = ipBytes(addr);
  const b = ipBytes(net);
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((a[bit >> 3] & mask) !== (b[bit >> 3] & mask)) return false;
  }
  return true;
}

const ipAddr = (v: unknown) => untag(v, 'ip').str('addr');
const cidrField = (v: unknown) => untag(v, 'cidr');
const q = (v: unknown) => untag(v, 'quantity').int('nano');
const quantityOf = (text: string): Tagged => {
  const nano = parseQuantity(text);
  if (nano === undefined)
    throw new Error(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${text}`,
    );
  return tagged('quantity', { nano, text });
};
const nanoToQuantity = (nano: bigint): Tagged =>
  tagged('quantity', { nano, text: String(nano) });

export const kubernetesLibrary: CelFunc[] = [
  // URLs
  celFunc('url', [STRING], MAP, s => urlOf(s)),
  celFunc('isURL', [STRING], BOOL, s => isRequestUri(s)),
  celMethod('getScheme', MAP, [], STRING, function getSchemeImpl() {
    return untag(this, 'url').str('scheme');
  }),
  celMethod('getHost', MAP, [], STRING, function getHostImpl() {
    return untag(this, 'url').str('host');
  }),
  celMethod('getHostname', MAP, [], STRING, function getHostnameImpl() {
    return untag(this, 'url').str('hostname');
  }),
  celMethod('getPort', MAP, [], STRING, function getPortImpl() {
    return untag(this, 'url').str('port');
  }),
  celMethod('getEscapedPath', MAP, [], STRING, function getEscapedPathImpl() {
    return untag(this, 'url').str('path');
  }),
  celMethod(
    'getQuery',
    MAP,
    [],
    mapType(STRING, listType(STRING)),
    function getQueryImpl() {
      return parseQuery(untag(this, 'url').str('query'));
    },
  ),
  // quantities
  celFunc('quantity', [STRING], MAP, s => quantityOf(s)),
  celFunc('isQuantity', [STRING], BOOL, s => parseQuantity(s) !== undefined),
  celMethod('isLessThan', MAP, [MAP], BOOL, function isLessThanImpl(o) {
    return compareQuantities(q(this), q(o)) < 0;
  }),
  celMethod('isGreaterThan', MAP, [MAP], BOOL, function isGreaterThanImpl(o) {
    return compareQuantities(q(this), q(o)) > 0;
  }),
  celMethod('compareTo', MAP, [MAP], INT, function compareToImpl(o) {
    return BigInt(compareQuantities(q(this), q(o)));
  }),
  celMethod('sign', MAP, [], INT, function signImpl() {
    return BigInt(compareQuantities(q(this), 0n));
  }),
  celMethod('isInteger', MAP, [], BOOL, function isIntegerImpl() {
    return quantityIsInteger(q(this));
  }),
  celMethod('asInteger', MAP, [], INT, function asIntegerImpl() {
    if (!quantityIsInteger(q(this)))
      throw new Error('cannot convert value to integer');
    return quantityToInteger(q(this));
  }),
  celMethod(
    'asApproximateFloat',
    MAP,
    [],
    DOUBLE,
    function asApproximateFloatImpl() {
      return quantityToFloat(q(this));
    },
  ),
  celMethod('add', MAP, [MAP], MAP, function addImpl(o) {
    return nanoToQuantity(q(this) + q(o));
  }),
  celMethod('add', MAP, [INT], MAP, function addImpl(o) {
    return nanoToQuantity(q(this) + o * NANO);
  }),
  celMethod('sub', MAP, [MAP], MAP, function subImpl(o) {
    return nanoToQuantity(q(this) - q(o));
  }),
  celMethod('sub', MAP, [INT], MAP, function subImpl(o) {
    return nanoToQuantity(q(this) - o * NANO);
  }),
  // IPs and CIDRs
  celFunc('isIP', [STRING], BOOL, s => validIp(s)),
  celFunc('ip', [STRING], MAP, s => ipOf(s)),
  celFunc(
    'ip.isCanonical',
    [STRING],
    BOOL,
    s => validIp(s) && ipOf(s).get('addr') === s,
  ),
  celMethod('family', MAP, [], INT, function familyImpl() {
    const isCidr = isCelMap(this) && this.get(TAG) === 'cidr';
    return (isCidr ? cidrField(this) : untag(this, 'ip')).int('family');
  }),
  celMethod('isLoopback', MAP, [], BOOL, function isLoopbackImpl() {
    const a = ipAddr(this);
    return netIsIP(a) === 4
      ? a.startsWith('127.')
      : ipBytes(a).every((b, i) => b === (i === 15 ? 1 : 0));
  }),
  celMethod('isUnspecified', MAP, [], BOOL, function isUnspecifiedImpl() {
    return ipBytes(ipAddr(this)).every(b => b === 0);
  }),
  celFunc('isCIDR', [STRING], BOOL, s => parseCidr(s) !== undefined),
  celFunc('cidr', [STRING], MAP, s => cidrOf(s)),
  celMethod('prefixLength', MAP, [], INT, function prefixLengthImpl() {
    return cidrField(this).int('prefix');
  }),
  celMethod('ip', MAP, [], MAP, function ipImpl() {
    return ipOf(cidrField(this).str('addr'));
  }),
  celMethod('containsIP', MAP, [STRING], BOOL, function containsIPImpl(s) {
    const c = cidrField(this);
    return inPrefix(
      ipOf(s).get('addr') as string,
      c.str('addr'),
      Number(c.int('prefix')),
    );
  }),
  celMethod('containsIP', MAP, [MAP], BOOL, function containsIPImpl(ip) {
    const c = cidrField(this);
    return inPrefix(ipAddr(ip), c.str('addr'), Number(c.int('prefix')));
  }),
  celMethod('containsCIDR', MAP, [STRING], BOOL, function containsCIDRImpl(s) {
    const c = cidrField(this);
    const o = cidrOf(s);
    return (
      Number(o.get('prefix')) >= Number(c.int('prefix')) &&
      inPrefix(String(o.get('addr')), c.str('addr'), Number(c.int('prefix')))
    );
  }),
];
