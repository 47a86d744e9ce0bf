import { createCrdValidator } from './CrdValidator';
import { widget, widgetCrd } from './__testUtils__/exampleCrd';

/** Small Widget CRDs exercising schema features the bundled CRDs use only deep inside large objects. */
describe('schema features', () => {
  const v = createCrdValidator([
    widgetCrd({
      type: 'object',
      properties: {
        size: {
          'x-kubernetes-int-or-string': true,
          anyOf: [{ type: 'integer' }, { type: 'string' }],
        },
        note: { type: 'string', nullable: true },
        odd: { type: 'string', format: 'some-format-nobody-knows' },
        count: { type: 'integer', format: 'int32' },
        when: { type: 'string', format: 'date-time' },
        tags: {
          type: 'array',
          items: { type: 'string' },
          'x-kubernetes-list-type': 'set',
          maxItems: 3,
        },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    }),
  ]);

  it('accepts int-or-string, nullable, unknown formats and preserved fields', () => {
    const r = v.validate(
      widget({
        size: '10%',
        note: null,
        odd: 'anything',
        extra: { a: { b: 1 } },
      }),
    );
    expect(r.causes).toEqual([]);
    expect(r.object.spec).toEqual({
      size: '10%',
      note: null,
      odd: 'anything',
      extra: { a: { b: 1 } },
    });
    expect(v.validate(widget({ size: 3 })).causes).toEqual([]);
    expect(v.knows('example.com/v1', 'Widget')).toBe(true);
  });

  it('checks types and Kubernetes formats', () => {
    const r = v.validate(
      widget({ size: true, count: 2 ** 31, when: 'yesterday' }),
    );
    expect(r.causes.map(c => [c.reason, c.field])).toEqual([
      ['FieldValueTypeInvalid', 'spec.size'],
      ['FieldValueInvalid', 'spec.count'],
      ['FieldValueInvalid', 'spec.when'],
      ['FieldValueInvalid', ''],
    ]);
    expect(r.causes[1].message).toBe(
      'Invalid value: 2147483648: spec.count in body must be of type int32: 2147483648',
    );
  });

  it('rejects duplicate items of a set and too many items', () => {
    expect(v.validate(widget({ tags: ['a', 'b', 'a'] })).causes).toEqual([
      {
        reason: 'FieldValueDuplicate',
        field: 'spec.tags[2]',
        message: 'Duplicate value: "a"',
      },
    ]);
    expect(v.validate(widget({ tags: ['a', 'b', 'c', 'd'] })).causes).toEqual([
      {
        reason: 'FieldValueTooMany',
        field: 'spec.tags',
        message: 'Too many: 4: must have at most 3 items',
      },
    ]);
  });
});

describe('CEL rule options and failures', () => {
  const v = createCrdValidator([
    widgetCrd({
      type: 'object',
      'x-kubernetes-validations': [
        {
          rule: 'self.min <= self.max',
          message: 'min must not exceed max',
          fieldPath: '.min',
          reason: 'FieldValueForbidden',
        },
        {
          rule: 'self.max < 100',
          messageExpression:
            "'max is ' + string(self.max) + ', must be below 100'",
        },
        { rule: 'frobnicate(self.min)' },
        { rule: 'self.labels.all(k, self.labels[k] != "")' },
        {
          rule: '!has(self.mode) || self.mode.size() > 0 && int(self.mode) > 0',
        },
      ],
      properties: {
        min: { type: 'integer' },
        max: { type: 'integer' },
        mode: { type: 'string' },
        labels: {
          type: 'object',
          additionalProperties: {
            type: 'string',
            'x-kubernetes-validations': [{ rule: 'self.size() < 5' }],
          },
        },
      },
    }),
  ]);

  it('uses fieldPath, reason, message and messageExpression', () => {
    const r = v.validate(widget({ min: 200, max: 150, labels: {} }));
    expect(r.causes).toContainEqual({
      reason: 'FieldValueForbidden',
      field: 'spec.min',
      message: 'Forbidden: min must not exceed max',
    });
    expect(r.causes).toContainEqual({
      reason: 'FieldValueInvalid',
      field: 'spec',
      message: 'Invalid value: "object": max is 150, must be below 100',
    });
  });

  it('reports a rule that does not compile as an InternalError, never as passed', () => {
    const r = v.validate(widget({ min: 1, max: 2, labels: {} }));
    expect(r.valid).toBe(false);
    expect(r.causes).toEqual([
      {
        reason: 'InternalError',
        field: 'spec',
        message:
          'Internal error: rule "frobnicate(self.min)" could not be evaluated: rule compile error: undeclared reference to function(s) frobnicate',
      },
    ]);
  });

  it('reports an evaluation error as an InternalError, and prints map keys in field paths', () => {
    const r = v.validate(
      widget({ min: 1, max: 2, mode: 'fast', labels: { tier: 'platinum' } }),
    );
    expect(r.causes.map(c => [c.reason, c.field])).toEqual([
      ['InternalError', 'spec'],
      ['InternalError', 'spec'],
      ['FieldValueInvalid', 'spec.labels[tier]'],
    ]);
    expect(r.causes[1].message).toMatch(
      /^Internal error: rule "!has\(self.mode\).*" could not be evaluated: /,
    );
    expect(r.causes[2].message).toBe(
      'Invalid value: "string": failed rule: self.size() < 5',
    );
  });
});
