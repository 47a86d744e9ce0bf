/**
 * The structural validator of one ajv schema: the build-time generated code (./generated/, see
 * ../../scripts/generate-validators.ts) when there is code for this very schema and setup, else compiled by ajv now
 * (CRDs created at runtime, e.g. in kube-local). Either way once per process and schema.
 */
import type Ajv from 'ajv';
import type { SchemaObject, ValidateFunction } from 'ajv';
import { ajvSchemaKey, createAjv } from './ajvSetup';
import { PRECOMPILED } from './generated';

let runtimeAjv: Ajv | undefined;
const bySchemaKey = new Map<string, ValidateFunction>();

/** The validate function of an ajv schema: generated at build time, or compiled now. */
export function compileAjvSchema(ajvSchema: SchemaObject): ValidateFunction {
  const key = ajvSchemaKey(ajvSchema);
  let validate = bySchemaKey.get(key);
  if (!validate) {
    const generated = PRECOMPILED[key];
    if (generated) {
      validate = generated();
    } else {
      runtimeAjv ??= createAjv();
      validate = runtimeAjv.compile(ajvSchema);
    }
    bySchemaKey.set(key, validate);
  }
  return validate;
}

/** Whether the schema has build-time generated code (for tests and benchmarks). */
export function hasGeneratedCode(ajvSchema: SchemaObject): boolean {
  return ajvSchemaKey(ajvSchema) in PRECOMPILED;
}
