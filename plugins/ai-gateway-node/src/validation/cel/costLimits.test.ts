import { createCrdValidator } from '../CrdValidator';
import type { CustomResourceDefinition, JSONSchemaProps } from '../types';
import { costErrorMessage, crdCostCauses } from './costLimits';

const crd = (
  ...specs: Array<Record<string, JSONSchemaProps>>
): CustomResourceDefinition => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'things.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Thing', plural: 'things' },
    scope: 'Namespaced',
    versions: specs.map((spec, i) => ({
      name: `v${i + 1}`,
      served: true,
      storage: i === 0,
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: { spec: { type: 'object', properties: spec } },
        },
      },
    })),
  },
});

const strings = (maxItems?: number, maxLength?: number): JSONSchemaProps => ({
  type: 'array',
  ...(maxItems === undefined ? {} : { maxItems }),
  items: {
    type: 'string',
    ...(maxLength === undefined ? {} : { maxLength }),
  },
});
const PAIRS = 'self.all(x, self.all(y, x.size() >= 0))';
const HINT =
  '(try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)';

describe('CEL cost limits when a CRD is written', () => {
  it('words the factor as the apiserver does', () => {
    expect(
      costErrorMessage('estimated rule cost', 12_000_000, 10_000_000),
    ).toBe(`estimated rule cost exceeds budget by factor of 1.200000x ${HINT}`);
    expect(
      costErrorMessage('estimated rule cost', 25_000_000, 10_000_000),
    ).toBe(`estimated rule cost exceeds budget by factor of 2.5x ${HINT}`);
    expect(costErrorMessage('estimated rule cost', 2e9, 10_000_000)).toBe(
      `estimated rule cost exceeds budget by factor of more than 100x ${HINT}`,
    );
  });

  it('refuses an O(n²) rule over an unbounded list, with the CRD total, under spec.validation for a shared schema', () => {
    const rule = {
      ...strings(),
      'x-kubernetes-validations': [{ rule: PAIRS }],
    };
    const path =
      'spec.validation.openAPIV3Schema.properties[spec].properties[names].x-kubernetes-validations[0].rule';
    expect(crdCostCauses(crd({ names: rule }, { names: rule }))).toEqual([
      {
        reason: 'FieldValueForbidden',
        field: path,
        message: `Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${HINT}`,
      },
      {
        reason: 'FieldValueForbidden',
        field: path,
        message:
          'Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema',
      },
      {
        reason: 'FieldValueForbidden',
        field: 'spec.validation.openAPIV3Schema',
        message: `Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}`,
      },
    ]);
  });

  it('accepts the same rule once maxItems bounds it, and reports per version when schemas differ', () => {
    const bounded = {
      ...strings(100, 10),
      'x-kubernetes-validations': [{ rule: PAIRS }],
    };
    expect(crdCostCauses(crd({ names: bounded }))).toEqual([]);
    const unbounded = {
      ...strings(),
      'x-kubernetes-validations': [{ rule: PAIRS }],
    };
    const causes = crdCostCauses(crd({ names: bounded }, { names: unbounded }));
    expect(causes.map(c => c.field)).toEqual([
      'spec.versions[1].schema.openAPIV3Schema.properties[spec].properties[names].x-kubernetes-validations[0].rule',
      'spec.versions[1].schema.openAPIV3Schema.properties[spec].properties[names].x-kubernetes-validations[0].rule',
      'spec.versions[1].schema.openAPIV3Schema',
    ]);
  });

  it('multiplies a rule inside list items by the maxItems above it', () => {
    // each item's rule costs 2 + 100 × (2 + 1 + 3) = 602 (well, a bit more); 20,000 items push it over 10,000,000
    const items = (maxItems: number) => ({
      type: 'array',
      maxItems,
      items: {
        type: 'object',
        properties: { names: strings(100, 10) },
        'x-kubernetes-validations': [
          { rule: 'self.names.all(x, x.size() < 5)' },
        ],
      },
    });
    expect(crdCostCauses(crd({ list: items(100) }))).toEqual([]);
    const causes = crdCostCauses(crd({ list: items(20_000) }));
    expect(causes[0]).toMatchObject({
      field:
        'spec.validation.openAPIV3Schema.properties[spec].properties[list].items.x-kubernetes-validations[0].rule',
      message: expect.stringMatching(
        /^Forbidden: estimated rule cost exceeds budget by factor of 1\.\d{6}x /,
      ),
    });
  });

  it('lets every bundled CRD through (the real server installs them)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadBundledCrds } = require('../../crds');
    for (const c of loadBundledCrds())
      expect([c.metadata.name, crdCostCauses(c)]).toEqual([
        c.metadata.name,
        [],
      ]);
  });
});

describe('CEL cost limits when an object is validated', () => {
  const thing = (spec: Record<string, unknown>) => ({
    apiVersion: 'example.com/v1',
    kind: 'Thing',
    metadata: { name: 't', namespace: 'default' },
    spec,
  });
  const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);

  it('cancels a rule whose cost passes PerCallLimit and runs no further rule', () => {
    const schema = {
      names: {
        ...strings(1000, 10),
        'x-kubernetes-validations': [{ rule: PAIRS }, { rule: 'false' }],
      },
    };
    expect(crdCostCauses(crd(schema))).toEqual([]); // about 6,000,000: within the static limit
    const v = createCrdValidator([crd(schema)]);
    expect(v.validate(thing({ names: names(10) })).causes).toHaveLength(1); // only `false`
    expect(v.validate(thing({ names: names(1000) })).causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.names',
        message: `Invalid value: "array": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: ${PAIRS}`,
      },
    ]);
  });

  it('stops when the rules of one object spend RuntimeCELCostBudget', () => {
    const item = {
      type: 'object',
      properties: { vals: strings(300, 5) },
      'x-kubernetes-validations': [
        { rule: 'self.vals.all(x, self.vals.all(y, true))' },
      ],
    };
    const schema = {
      a: { type: 'array', maxItems: 36, items: item },
      b: { type: 'array', maxItems: 36, items: item },
    };
    expect(crdCostCauses(crd(schema))).toEqual([]);
    const list = Array.from({ length: 36 }, () => ({ vals: names(300) }));
    const result = createCrdValidator([crd(schema)]).validate(
      thing({ a: list, b: list }),
    );
    expect(result.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.b[0]',
        message:
          'Invalid value: "object": validation failed due to running out of cost budget, no further validation rules will be run',
      },
    ]);
  });
});
