import { createCrdValidator } from '../CrdValidator';
import type { CustomResourceDefinition, JSONSchemaProps } from '../types';
import { crdCostCauses } from './costLimits';
import { exampleCrd } from '../__testUtils__/exampleCrd';

/** A CRD whose spec.names is a list of strings carrying `rules`. */
const crd = (
  rules: Array<Record<string, unknown>>,
  maxItems = 1000,
): CustomResourceDefinition =>
  exampleCrd({
    kind: 'Thing',
    plural: 'things',
    scope: 'Namespaced',
    envelope: false,
    spec: {
      type: 'object',
      properties: {
        names: {
          type: 'array',
          ...(maxItems ? { maxItems } : {}),
          items: { type: 'string', maxLength: 10 },
          'x-kubernetes-validations': rules,
        } as JSONSchemaProps,
      },
    },
  });

const thing = (names: string[]) => ({
  apiVersion: 'example.com/v1',
  kind: 'Thing',
  metadata: { name: 't', namespace: 'default' },
  spec: { names },
});
const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
/** O(n²): about 6,000,000 estimated at maxItems 1000 / maxLength 10, over PerCallLimit with 1,000 actual items */
const PAIRS = 'self.all(x, self.all(y, x.size() >= 0))';
const HINT =
  '(try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)';

describe('messageExpression cost when a CRD is written', () => {
  it('refuses a messageExpression estimated over StaticEstimatedCostLimit, under its own field, and counts it in the total', () => {
    const message = `${PAIRS} ? "a" : "b"`;
    const base =
      'spec.validation.openAPIV3Schema.properties[spec].properties[names].x-kubernetes-validations[0]';
    expect(
      crdCostCauses(crd([{ rule: 'true', messageExpression: message }], 0)),
    ).toEqual([
      {
        reason: 'FieldValueForbidden',
        field: `${base}.messageExpression`,
        message: `Forbidden: estimated messageExpression cost exceeds budget by factor of more than 100x ${HINT}`,
      },
      {
        reason: 'FieldValueForbidden',
        field: `${base}.messageExpression`,
        message:
          'Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema',
      },
      {
        reason: 'FieldValueForbidden',
        field: 'spec.validation.openAPIV3Schema',
        message: `Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}`,
      },
    ]);
    // bounded, the same messageExpression is accepted
    expect(
      crdCostCauses(crd([{ rule: 'true', messageExpression: message }])),
    ).toEqual([]);
  });
});

describe('messageExpression when an object is validated', () => {
  it('reports the evaluated message, trimmed', () => {
    const v = createCrdValidator([
      crd([
        {
          rule: 'self.size() < 2',
          messageExpression: '"  too many: " + string(self.size()) + " "',
        },
      ]),
    ]);
    expect(v.validate(thing(names(3))).causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.names',
        message: 'Invalid value: "array": too many: 3',
      },
    ]);
  });

  it('falls back to message when the messageExpression fails, is empty, has a line break or passes 5 KiB', () => {
    const fallbacks = [
      'self[5]', // index out of bounds
      '"   "',
      '"a\\nb"',
      `"${'y'.repeat(5 * 1024 + 1)}"`,
    ];
    for (const messageExpression of fallbacks) {
      const v = createCrdValidator([
        crd([{ rule: 'false', message: ' fixed ', messageExpression }]),
      ]);
      expect([
        messageExpression.slice(0, 20),
        v.validate(thing(names(1))).causes.map(c => c.message),
      ]).toEqual([
        messageExpression.slice(0, 20),
        ['Invalid value: "array": fixed'],
      ]);
    }
    const longest = createCrdValidator([
      crd([{ rule: 'false', messageExpression: `"${'y'.repeat(5 * 1024)}"` }]),
    ]);
    expect(longest.validate(thing(names(1))).causes[0].message).toBe(
      `Invalid value: "array": ${'y'.repeat(5 * 1024)}`,
    );
    const noMessage = createCrdValidator([
      crd([{ rule: 'false', messageExpression: '""' }]),
    ]);
    expect(noMessage.validate(thing(names(1))).causes[0].message).toBe(
      'Invalid value: "array": failed rule: false',
    );
  });

  it('cancels a messageExpression whose cost passes PerCallLimit, at the rule field path, and runs no further rule', () => {
    const v = createCrdValidator([
      crd([
        {
          rule: 'false',
          fieldPath: '.x',
          messageExpression: `${PAIRS} ? "pairs" : "no"`,
        },
        { rule: 'false', message: 'second' },
      ]),
    ]);
    // small: the message is evaluated and the second rule runs
    expect(v.validate(thing(names(10))).causes.map(c => c.message)).toEqual([
      'Invalid value: "array": pairs',
      'Invalid value: "array": second',
    ]);
    expect(v.validate(thing(names(1000))).causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.names.x',
        message: `Invalid value: "array": no further validation rules will be run due to call cost exceeds limit for messageExpression: ${JSON.stringify(
          `${PAIRS} ? "pairs" : "no"`,
        )}`,
      },
    ]);
  });

  it('charges messageExpressions to the RuntimeCELCostBudget of the object', () => {
    // at 400 items each messageExpression costs 962,002 (under PerCallLimit): ten fit in 10,000,000, the eleventh not
    const costly = `${PAIRS} ? "costly" : "no"`;
    const rules = Array.from({ length: 12 }, () => ({
      rule: 'false',
      messageExpression: costly,
    }));
    const v = createCrdValidator([crd(rules, 400)]);
    expect(v.validate(thing(names(400))).causes).toEqual([
      ...Array.from({ length: 10 }, () => ({
        reason: 'FieldValueInvalid',
        field: 'spec.names',
        message: 'Invalid value: "array": costly',
      })),
      {
        reason: 'FieldValueInvalid',
        field: 'spec.names',
        message:
          'Invalid value: "array": messageExpression evaluation failed due to running out of cost budget, no further validation rules will be run',
      },
    ]);
    // without the messageExpressions the same twelve rules fit the budget
    const plain = createCrdValidator([
      crd(
        rules.map(() => ({ rule: 'false' })),
        400,
      ),
    ]);
    expect(plain.validate(thing(names(400))).causes).toHaveLength(12);
  });
});
