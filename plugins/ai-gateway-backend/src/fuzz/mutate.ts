/**
 * Mutations of valid objects for the fuzzer: each takes a JSON value and a random source and returns a changed
 * copy. Deterministic for a given seed (mulberry32), so a failing body can be reproduced with `--seed`.
 */
export type Json =
  | null
  | boolean
  | number
  | string
  | Json[]
  | { [key: string]: Json };

export type Random = () => number;

/** A seeded PRNG (mulberry32). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  !!v && typeof v === 'object' && !Array.isArray(v);

export const clone = (v: Json): Json => JSON.parse(JSON.stringify(v));

type Slot = { parent: Json[] | { [key: string]: Json }; key: string | number };

/** Every (container, key) slot of the value, iteratively (no recursion on untrusted depth). */
function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const stack: Json[] = [root];
  while (stack.length) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      v.forEach((c, i) => {
        out.push({ parent: v, key: i });
        stack.push(c);
      });
    } else if (isObject(v)) {
      for (const [k, c] of Object.entries(v)) {
        out.push({ parent: v, key: k });
        stack.push(c);
      }
    }
  }
  return out;
}

const get = (s: Slot): Json =>
  Array.isArray(s.parent)
    ? s.parent[s.key as number]
    : s.parent[s.key as string];
const set = (s: Slot, v: Json) => {
  if (Array.isArray(s.parent)) s.parent[s.key as number] = v;
  else s.parent[s.key as string] = v;
};

const UNICODE = [
  'é',
  '日本語',
  '🤖🔑',
  '\u202eevil',
  '\u0000',
  '\ud800',
  'Ａ',
  'ǅ',
  '\u200b',
  '../../etc/passwd',
  '${jndi:x}',
  '<script>',
];
const NAMESPACES = [
  'kube-system',
  'default',
  'agentgateway-system',
  'other-team',
];
const KINDS = [
  'Pod',
  'Secret',
  'ConfigMap',
  'Namespace',
  'ClusterRole',
  'GatewayClass',
  'Gateway',
  'HTTPRoute',
  'AgentgatewayBackend',
  'AgentgatewayPolicy',
  'ReferenceGrant',
  'NoSuchKind',
  '',
];

const randomString = (random: Random, length: number) =>
  Array.from({ length }, () => pick(random, UNICODE)).join('');

function randomValue(random: Random): Json {
  switch (Math.floor(random() * 7)) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, [0, -1, 1e308, -0.5, 2 ** 53 + 1]);
    case 3:
      return randomString(random, 1 + Math.floor(random() * 4));
    case 4:
      return [];
    case 5:
      return {};
    default:
      return [randomString(random, 1), { x: 1 }];
  }
}

const DEEP = '\u0001deep:';

/** A marker for a value `levels` deep, expanded by {@link serialize} (JSON.stringify recurses and overflows). */
export const nested = (levels: number, arrays: boolean): Json =>
  `${DEEP}${levels}:${arrays ? 'a' : 'o'}`;

/** JSON text of a generated body, with the deep-nesting markers expanded as text. */
export function serialize(value: Json): string {
  return JSON.stringify(value).replace(
    /"\\u0001deep:(\d+):([ao])"/g,
    (_m, levels: string, kind: string) => {
      const n = Number(levels);
      return kind === 'a'
        ? `${'['.repeat(n)}"bottom"${']'.repeat(n)}`
        : `${'{"a":'.repeat(n)}"bottom"${'}'.repeat(n)}`;
    },
  );
}

/** The named mutations: each returns a new value derived from `base`. */
export const MUTATIONS: Record<string, (base: Json, random: Random) => Json> = {
  unchanged: base => clone(base),
  wrongType(base, random) {
    const out = clone(base);
    const all = slots(out);
    for (let i = 0; i < 1 + Math.floor(random() * 3) && all.length; i++)
      set(pick(random, all), randomValue(random));
    return out;
  },
  hugeString(base, random) {
    const out = clone(base);
    const all = slots(out).filter(s => typeof get(s) === 'string');
    const size = pick(random, [300, 70_000, 300_000, 600_000]);
    if (all.length) set(pick(random, all), 'x'.repeat(size));
    return out;
  },
  deepNesting(base, random) {
    const out = clone(base);
    const all = slots(out);
    const levels = pick(random, [65, 200, 2_000, 5_000]);
    const value = nested(levels, random() < 0.5);
    if (all.length) set(pick(random, all), value);
    else return value;
    return out;
  },
  unicode(base, random) {
    const out = clone(base);
    for (const s of slots(out))
      if (typeof get(s) === 'string' && random() < 0.4)
        set(s, `${get(s)}${randomString(random, 2)}`);
    return out;
  },
  missingFields(base, random) {
    const out = clone(base);
    const all = slots(out).filter(s => !Array.isArray(s.parent));
    for (let i = 0; i < 1 + Math.floor(random() * 3) && all.length; i++) {
      const s = pick(random, all);
      delete (s.parent as Record<string, Json>)[s.key as string];
    }
    return out;
  },
  randomKeys(base, random) {
    const out = clone(base);
    const objects = [out, ...slots(out).map(get)].filter(isObject);
    for (let i = 0; i < 1 + Math.floor(random() * 4); i++) {
      const o = pick(random, objects);
      const key = pick(random, [
        '__proto__',
        'constructor',
        'prototype',
        randomString(random, 2),
        `x-${Math.floor(random() * 1000)}`,
        'status',
      ]);
      Object.defineProperty(o, key, {
        value: randomValue(random),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  },
  wrongKind(base, random) {
    const out = clone(base);
    for (const s of slots(out))
      if (s.key === 'kind' || s.key === 'apiVersion')
        set(
          s,
          s.key === 'kind'
            ? pick(random, KINDS)
            : pick(random, ['v1', 'rbac.authorization.k8s.io/v1', 'x/y']),
        );
    return out;
  },
  crossNamespace(base, random) {
    const out = clone(base);
    const all = slots(out);
    for (const s of all)
      if (s.key === 'namespace') set(s, pick(random, NAMESPACES));
    // and a namespace on references that had none
    for (const s of all) {
      const v = get(s);
      if (isObject(v) && typeof v.name === 'string' && random() < 0.5)
        v.namespace = pick(random, NAMESPACES);
    }
    return out;
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);
