import { parse } from '@bufbuild/cel';
import { buildSchemaTree } from '../schemaTree';
import type { JSONSchemaProps } from '../types';
import { CostEstimator } from './cost';
import { SchemaSizer, ValueSizer } from './costLimits';

const estimate = (schema: JSONSchemaProps, rule: string) =>
  new CostEstimator(new SchemaSizer(buildSchemaTree(schema))).estimate(
    parse(rule).expr,
  ).max;

const item = (type: string): JSONSchemaProps => {
  if (type === 'int-or-string') return { 'x-kubernetes-int-or-string': true };
  if (['duration', 'date', 'date-time'].includes(type))
    return { type: 'string', format: type };
  return { type };
};
const array = (type: string) => (max?: number) => ({
  type: 'array',
  items: item(type),
  ...(max === undefined ? {} : { maxItems: max }),
});
const map = (type: string) => (max?: number) => ({
  type: 'object',
  additionalProperties: item(type),
  ...(max === undefined ? {} : { maxProperties: max }),
});
const string = (max?: number) => ({
  type: 'string',
  ...(max === undefined ? {} : { maxLength: max }),
});

/**
 * Static estimates against the figures of apiextensions-apiserver's TestCostEstimation (schema/cel/compilation_test.go):
 * [name, schema for a size limit (undefined: none), rule, cost without limits, size limit, cost with it].
 */
const STATIC: Array<
  [string, (max?: number) => JSONSchemaProps, string, number, number, number]
> = [
  [
    'number array with all',
    array('number'),
    'self.all(x, true)',
    4718591,
    10,
    32,
  ],
  [
    'string array with all',
    array('string'),
    'self.all(x, true)',
    3145727,
    20,
    62,
  ],
  [
    'boolean array with all',
    array('boolean'),
    'self.all(x, true)',
    1887437,
    5,
    17,
  ],
  [
    'map of strings with all',
    map('string'),
    'self.all(x, true)',
    1179647,
    3,
    11,
  ],
  [
    'map of booleans with all',
    map('boolean'),
    'self.all(x, true)',
    943718,
    100,
    302,
  ],
  ['map of strings with has', map('string'), 'has(self.x)', 0, 550, 0],
  ['string with contains', string, "self.contains('test')", 314574, 10, 5],
  ['string with startsWith', string, "self.startsWith('test')", 2, 15, 2],
  [
    'concat string',
    string,
    'size(self + "hello") > size("hello")',
    314578,
    4,
    7,
  ],
  [
    'index of array with numbers',
    array('number'),
    'self[1] == 0.0',
    2,
    5000,
    2,
  ],
  [
    'O(n^2) loop with numbers',
    array('number'),
    'self.all(x, self.all(y, true))',
    // without limits the test only asserts "exceeds the limit": 1,572,863 items × (3 + 4,718,591) + 2
    7421701914624,
    10,
    352,
  ],
  [
    'index of array with booleans',
    array('boolean'),
    'self[0] == false',
    2,
    25,
    2,
  ],
  [
    'index of array with int-or-strings',
    array('int-or-string'),
    'self[0] == 5',
    3,
    10,
    3,
  ],
  ['regex matches simple', string, 'self.matches("x")', 314574, 50, 22],
  ['regex matches empty regex', string, 'self.matches("")', 1, 100, 1],
  [
    'int-or-string array with all',
    array('int-or-string'),
    'self.all(x, true)',
    4718591,
    10,
    32,
  ],
  [
    'duration array with all',
    array('duration'),
    'self.all(x, true)',
    2359295,
    5,
    17,
  ],
  ['date array with all', array('date'), 'self.all(x, true)', 725936, 15, 47],
  [
    'date-time array with all',
    array('date-time'),
    'self.all(x, true)',
    428963,
    25,
    77,
  ],
  [
    'map of durations with all',
    map('duration'),
    'self.all(x, true)',
    1048577,
    5,
    17,
  ],
  ['map of dates with all', map('date'), 'self.all(x, true)', 524288, 10, 32],
  [
    'map of date-times with all',
    map('date-time'),
    'self.all(x, true)',
    349526,
    25,
    77,
  ],
  [
    'extended library regex find',
    string,
    "self.find('[0-9]+') == ''",
    629147,
    10,
    11,
  ],
  [
    'extended library lowerAscii',
    string,
    "self.lowerAscii() == 'lower!'",
    314575,
    10,
    6,
  ],
  [
    'check cost of size call',
    map('integer'),
    'oldSelf.size() == self.size()',
    5,
    10,
    5,
  ],
];

describe('CEL cost estimation (static, from the schema)', () => {
  it.each(STATIC)('%s', (_, schema, rule, unbounded, limit, bounded) => {
    expect(estimate(schema(), rule)).toBe(unbounded);
    expect(estimate(schema(limit), rule)).toBe(bounded);
  });

  it('prices list joins and sorts by their items maxLength', () => {
    const strings = (max?: number) => ({
      type: 'array',
      ...(max === undefined ? {} : { maxItems: max }),
      items: string(max),
    });
    expect(estimate(strings(10), "self.join(' ') == 'aa bb'")).toBe(43);
    expect(estimate(strings(10), 'self.isSorted() == true')).toBe(52);
  });
});

/**
 * Runtime costs against kube-apiserver's TestCelCostStability (schema/cel/validation_test.go) for expressions
 * without short-circuits (where the actual cost and the estimate with actual sizes agree).
 */
describe('CEL cost with the actual sizes (runtime)', () => {
  const cost = (self: unknown, rule: string) =>
    new CostEstimator(new ValueSizer(self, undefined)).estimate(
      parse(rule).expr,
    ).max;

  it('matches the costs kube-apiserver measures', () => {
    const vals = { val1: 5, val6: 5, list: [1, 2, 3] };
    expect(cost(vals, 'self.val1 == self.val6')).toBe(5);
    expect(cost(vals, '1 in self.list')).toBe(5);
    const objects = { a: { b: 1 }, a1: { b1: { c1: 4 } } };
    expect(cost(objects, 'has(self.a.b)')).toBe(2);
    expect(cost(objects, 'has(self.a1.b1.c1)')).toBe(3);
    expect(cost(objects, '!has(self.a1.d2)')).toBe(3);
    const maps = { val: { b: 1, d: 2 } };
    expect(cost(maps, "'b' in self.val")).toBe(3);
    expect(cost(maps, 'size(self.val) == 2')).toBe(4);
    const listMap = {
      listMap: [
        { k: 'a1', v: 'b1' },
        { k: 'a2', v: 'b2' },
        { k: 'a3', v: 'b3', v2: 'z' },
      ],
    };
    expect(cost(listMap, "self.listMap.all(m, m.k.startsWith('a'))")).toBe(21);
    expect(
      cost(listMap, "self.listMap.all(m, !has(m.v2) || m.v2 == 'z')"),
    ).toBe(
      27, // 21 in cel-go, which skips `m.v2 == 'z'` for the two items without v2; the estimate prices both sides
    );
  });
});
