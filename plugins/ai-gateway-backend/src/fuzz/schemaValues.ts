/**
 * Bodies generated from a request body's JSON Schema (openapi.yaml): a valid value, a boundary value (every
 * string / array at its maximum, numbers at their minimum) and invalid values (one constraint broken: a wrong
 * type, one past a bound, a missing required or an unknown property). Field values that must name real things
 * (an API the caller may ask for, its models) come from `hints`, by property name; everything else from the schema.
 */
import { JsonSchema } from './endpoints';
import { Json, Random, pick } from './mutate';

export type SchemaMode = 'valid' | 'boundary' | 'invalid';
export const SCHEMA_MODES: readonly SchemaMode[] = [
  'valid',
  'boundary',
  'invalid',
];

/** Real values by property name (e.g. `apiRef` → discovered APIs); a value is picked from the list. */
export type Hints = Record<string, Json[]>;

const filler = (random: Random, length: number) =>
  Array.from(
    { length },
    () => 'abcdefghijklmnopqrstuvwxyz-0123456789'[Math.floor(random() * 37)],
  ).join('');

function value(
  schema: JsonSchema,
  random: Random,
  boundary: boolean,
  hint?: Json[],
): Json {
  if (hint?.length && !boundary && schema.type !== 'array')
    return pick(random, hint);
  if (schema.enum?.length) return pick(random, schema.enum as Json[]);
  switch (schema.type) {
    case 'string':
      return boundary
        ? filler(random, schema.maxLength ?? 1000)
        : filler(random, Math.max(schema.minLength ?? 1, 8));
    case 'integer':
    case 'number':
      return boundary
        ? schema.minimum ?? 0
        : (schema.minimum ?? 0) + Math.floor(random() * 1000);
    case 'boolean':
      return random() < 0.5;
    case 'array': {
      const items = schema.items ?? { type: 'string' };
      if (hint?.length) return hint.slice(0, 1 + Math.floor(random() * 2));
      const n = boundary ? schema.maxItems ?? 50 : 1 + Math.floor(random() * 3);
      return Array.from({ length: n }, () => value(items, random, boundary));
    }
    case 'object':
    default:
      return objectValue(schema, random, boundary, {});
  }
}

function objectValue(
  schema: JsonSchema,
  random: Random,
  boundary: boolean,
  hints: Hints,
): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  // a map (`additionalProperties: {schema}`): a few entries, at least `minProperties`
  if (typeof schema.additionalProperties === 'object') {
    const n = Math.max(schema.minProperties ?? 0, 1 + Math.floor(random() * 3));
    for (let i = 0; i < n; i++)
      out[`k${i}-${filler(random, 4)}`] = value(
        schema.additionalProperties,
        random,
        boundary,
      );
  }
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(name);
    if (!required && !boundary && random() < 0.4) continue;
    // a hinted field (a real ref) keeps its real value in a boundary body too, except its string length
    out[name] =
      hints[name] && boundary && prop.type !== 'string'
        ? value(prop, random, false, hints[name])
        : value(prop, random, boundary, hints[name]);
  }
  return out;
}

/** One constraint of the schema broken, everything else valid. */
function invalid(
  schema: JsonSchema,
  random: Random,
  hints: Hints,
): { [key: string]: Json } | Json {
  const body = objectValue(schema, random, false, hints);
  const props = Object.entries(schema.properties ?? {});
  const how = pick(random, [
    'wrongType',
    'pastBound',
    'missingRequired',
    'unknownProperty',
    'notAnObject',
  ] as const);
  if (how === 'notAnObject') return pick(random, [[], 'x', 1, true] as Json[]);
  if (how === 'unknownProperty' || !props.length) {
    body[`fuzz${filler(random, 4)}`] = 'x';
    return body;
  }
  if (how === 'missingRequired' && schema.required?.length) {
    delete body[pick(random, schema.required)];
    return body;
  }
  const [name, prop] = pick(random, props);
  if (how === 'pastBound') {
    if (prop.maxLength !== undefined)
      body[name] = filler(random, prop.maxLength + 1);
    else if (prop.maxItems !== undefined)
      body[name] = Array.from({ length: prop.maxItems + 1 }, () => 'x');
    else if (prop.type === 'array' && prop.items?.minLength) body[name] = [''];
    else if (prop.type === 'object' && prop.properties) {
      const [inner, innerProp] = pick(random, Object.entries(prop.properties));
      body[name] = {
        [inner]:
          innerProp.minimum !== undefined ? innerProp.minimum - 1 : [1, 'x'],
      };
    } else body[name] = null;
    return body;
  }
  const jsType = (v: Json) => {
    if (v === null) return 'null';
    return Array.isArray(v) ? 'array' : typeof v;
  };
  const wanted = prop.type === 'integer' ? 'number' : prop.type ?? 'object';
  const others = (['x', 12, 1.5, null, { nested: true }, [], true] as Json[])
    // 1.5 is the wrong type for an integer; everything else of the wanted type is left out
    .filter(
      v => jsType(v) !== wanted || (prop.type === 'integer' && v === 1.5),
    );
  body[name] = pick(random, others);
  return body;
}

/** A body for the schema in the given mode. */
export function schemaBody(
  schema: JsonSchema,
  mode: SchemaMode,
  random: Random,
  hints: Hints = {},
): Json {
  if (mode === 'invalid') return invalid(schema, random, hints);
  return objectValue(schema, random, mode === 'boundary', hints);
}
