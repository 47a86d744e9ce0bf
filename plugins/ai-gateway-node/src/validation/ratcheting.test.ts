import { createCrdValidator } from './CrdValidator';
import { widget, widgetCrd } from './__testUtils__/exampleCrd';

/** The Widget CRD's spec is the "tightened" schema: values written under an older, looser schema now fail it. */
const v = createCrdValidator([
  widgetCrd({
    type: 'object',
    required: ['owner'],
    properties: {
      owner: { type: 'string' },
      name: { type: 'string', maxLength: 5 },
      replicas: { type: 'integer', maximum: 3 },
      ports: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            port: { type: 'integer', maximum: 1000 },
          },
          'x-kubernetes-validations': [
            { rule: 'self.port % 2 == 0', message: 'port must be even' },
          ],
        },
      },
      tags: {
        type: 'array',
        'x-kubernetes-list-type': 'set',
        items: { type: 'string', maxLength: 3 },
      },
      labels: {
        type: 'object',
        additionalProperties: { type: 'string', pattern: '^[a-z]+$' },
      },
      mode: {
        type: 'string',
        'x-kubernetes-validations': [
          { rule: "self != 'legacy'", message: 'legacy is gone' },
          { rule: 'self == oldSelf', message: 'mode is immutable' },
        ],
      },
    },
  }),
]);

const fields = (r: { causes: { field: string }[] }) =>
  r.causes.map(c => c.field);

describe('validation ratcheting (KEP-4008, as kube-apiserver v1.32)', () => {
  const old = widget({
    owner: 'team-a',
    name: 'much-too-long',
    replicas: 5,
    ports: [
      { name: 'a', port: 1001 },
      { name: 'b', port: 8 },
    ],
    tags: ['long-tag'],
    labels: { x: 'UPPER' },
  });

  it('refuses the invalid values on create', () => {
    expect(fields(v.validate(old))).toEqual([
      'spec.name',
      'spec.replicas',
      'spec.ports[0].port',
      'spec.tags[0]',
      'spec.labels[x]',
      'spec.ports[0]',
    ]);
  });

  it('accepts an update that keeps the invalid values and changes another field', () => {
    const r = v.validate(widget({ ...old.spec, owner: 'team-b' }), {
      oldObject: old,
    });
    expect(r.causes).toEqual([]);
    // the CEL rule still ran (and was charged); its failure is a warning, as the apiserver's Warning header
    expect(r.warnings).toEqual([
      'spec.ports[0]: Invalid value: "object": port must be even',
    ]);
  });

  it('refuses a changed invalid value and keeps ratcheting the unchanged ones', () => {
    const r = v.validate(widget({ ...old.spec, replicas: 6 }), {
      oldObject: old,
    });
    expect(r.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.replicas',
        message:
          'Invalid value: 6: spec.replicas in body should be less than or equal to 3',
      },
    ]);
  });

  it('correlates map-list items by their keys, not their index', () => {
    const reordered = widget({
      ...old.spec,
      ports: [
        { name: 'b', port: 8 },
        { name: 'a', port: 1001 },
      ],
    });
    expect(v.validate(reordered, { oldObject: old }).causes).toEqual([]);
    const changed = widget({
      ...old.spec,
      ports: [
        { name: 'b', port: 8 },
        { name: 'a', port: 1003 },
      ],
    });
    expect(fields(v.validate(changed, { oldObject: old }))).toEqual([
      'spec.ports[1].port',
      'spec.ports[1]',
    ]);
  });

  it('does not correlate set items: a set ratchets only as a whole', () => {
    const added = widget({ ...old.spec, tags: ['long-tag', 'ok'] });
    expect(fields(v.validate(added, { oldObject: old }))).toEqual([
      'spec.tags[0]',
    ]);
  });

  it('ratchets map values by key and reports a changed one', () => {
    const r = v.validate(
      widget({ ...old.spec, labels: { x: 'UPPER', y: 'ALSO' } }),
      { oldObject: old },
    );
    expect(fields(r)).toEqual(['spec.labels[y]']);
  });

  it('does not ratchet a missing required field when its object changed', () => {
    const { owner, ...rest } = old.spec;
    const before = widget(rest);
    expect(
      fields(
        v.validate(widget({ ...rest, replicas: 1 }), { oldObject: before }),
      ),
    ).toEqual(['spec.owner']);
  });

  it('keeps transition rules (oldSelf) as they are and ratchets the other rules of the same value', () => {
    const before = widget({ owner: 'o', mode: 'legacy' });
    const same = v.validate(widget({ owner: 'p', mode: 'legacy' }), {
      oldObject: before,
    });
    expect(same.causes).toEqual([]);
    expect(same.warnings).toEqual([
      'spec.mode: Invalid value: "string": legacy is gone',
    ]);
    const changed = v.validate(widget({ owner: 'o', mode: 'new' }), {
      oldObject: before,
    });
    expect(changed.causes.map(c => c.message)).toEqual([
      'Invalid value: "string": mode is immutable',
    ]);
    expect(changed.warnings).toBeUndefined();
  });

  it('checks list-type invariants only when the old object kept them', () => {
    const dupOld = widget({ owner: 'o', tags: ['a', 'a'] });
    expect(fields(v.validate(dupOld))).toEqual(['spec.tags[1]']);
    expect(
      v.validate(widget({ owner: 'o', tags: ['a', 'a', 'b', 'b'] }), {
        oldObject: dupOld,
      }).causes,
    ).toEqual([]);
    expect(
      fields(
        v.validate(widget({ owner: 'o', tags: ['b', 'b'] }), {
          oldObject: widget({ owner: 'o', tags: ['a'] }),
        }),
      ),
    ).toEqual(['spec.tags[1]']);
  });
});

describe('ratcheting and CEL cost', () => {
  const costly = createCrdValidator([
    widgetCrd({
      type: 'object',
      properties: {
        owner: { type: 'string' },
        names: {
          type: 'array',
          items: { type: 'string' },
          'x-kubernetes-validations': [
            { rule: 'self.all(x, self.all(y, x.size() >= 0))' },
          ],
        },
      },
    }),
  ]);
  const names = Array.from({ length: 1500 }, (_, i) => `n${i}`);

  it('still evaluates and charges rules at unchanged values: a cost-limit error is not ratcheted', () => {
    const before = widget({ owner: 'a', names });
    const r = costly.validate(widget({ owner: 'b', names }), {
      oldObject: before,
    });
    expect(r.causes.map(c => [c.field, c.message])).toEqual([
      [
        'spec.names',
        expect.stringContaining(
          'no further validation rules will be run due to call cost exceeds limit for rule',
        ),
      ],
    ]);
    expect(r.warnings).toBeUndefined();
  });
});
