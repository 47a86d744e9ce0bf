import type { ValidateFunction } from 'ajv';
import { loadBundledCrds } from '../crds';
import { createAjv } from './ajvSetup';
import { toAjvSchema } from './ajvSchema';
import { compileAjvSchema, hasGeneratedCode } from './ajvCompile';
import { compileStructural } from './structural';
import { PRECOMPILED } from './generated';
import { ajvSchemaKey } from './ajvSetup';

const INPUTS: unknown[] = [
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      gatewayClassName: 'c',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: {
      gatewayClassName: '',
      listeners: [{ name: 'Bad Name', port: 70000, protocol: 7 }],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g' },
    spec: { listeners: 'x', addresses: [{ type: 'IPAddress', value: 3 }] },
  },
  { spec: null },
];

const run = (v: ValidateFunction, x: unknown) => ({
  ok: v(x),
  errors: v.errors ?? null,
});

function servedSchemas() {
  return loadBundledCrds().flatMap(crd =>
    crd.spec.versions
      .filter(v => v.served && v.schema)
      .map(v => ({
        gvk: `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`,
        schema: v.schema!.openAPIV3Schema,
      })),
  );
}

describe('build-time generated structural validators', () => {
  it('exist for every served version of every bundled CRD (else run `npm run generate`)', () => {
    const schemas = servedSchemas();
    expect(schemas.length).toBeGreaterThanOrEqual(11);
    const missing = schemas
      .filter(s => !hasGeneratedCode(toAjvSchema(s.schema)))
      .map(s => s.gvk);
    expect(missing).toEqual([]);
  });

  it('give the same results and errors as ajv compiling the schema now', () => {
    const gateway = servedSchemas().find(
      s => s.gvk === 'gateway.networking.k8s.io/v1/Gateway',
    )!;
    const ajvSchema = toAjvSchema(gateway.schema);
    const generated = PRECOMPILED[ajvSchemaKey(ajvSchema)]();
    const compiled = createAjv().compile(ajvSchema);
    const expected = INPUTS.map(x => run(compiled, x));
    expect(expected.map(e => e.ok)).toEqual([true, false, false, false]);
    expect(expected[1].errors!.length).toBeGreaterThan(2);
    expect(INPUTS.map(x => run(generated, x))).toEqual(expected);
    // and the validator the package hands out for that schema is the generated one
    expect(compileStructural(gateway.schema)).toBe(compileAjvSchema(ajvSchema));
    expect(INPUTS.map(x => run(compileStructural(gateway.schema), x))).toEqual(
      expected,
    );
  });

  it('a schema without generated code (a CRD created at runtime) is compiled by ajv, once', () => {
    const schema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          required: ['replicas'],
          properties: {
            replicas: { type: 'integer', minimum: 0 },
            mode: { type: 'string', enum: ['a', 'b'] },
          },
        },
      },
    };
    expect(hasGeneratedCode(toAjvSchema(schema))).toBe(false);
    const validate = compileStructural(schema);
    expect(validate({ spec: { replicas: 1, mode: 'a' } })).toBe(true);
    expect(validate({ spec: { replicas: -1, mode: 'c' } })).toBe(false);
    expect(validate.errors?.map(e => e.keyword).sort()).toEqual([
      'enum',
      'minimum',
    ]);
    expect(compileStructural(structuredClone(schema))).toBe(validate);
  });
});
