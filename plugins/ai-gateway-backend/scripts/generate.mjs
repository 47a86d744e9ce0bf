#!/usr/bin/env node
/*
 * Every code generator of the repository, in one command (`npm run generate`):
 *   node plugins/ai-gateway-backend/scripts/generate.mjs            write the generated files in place
 *   node plugins/ai-gateway-backend/scripts/generate.mjs --check    exit 1 if any checked-in file is stale
 *   node plugins/ai-gateway-backend/scripts/generate.mjs --out-dir <dir>   write them under <dir> instead
 *   - generate-openapi.mjs: the REST models and the router's spec module from src/schema/openapi.yaml;
 *   - generate-crd-types.mjs: spec / status types and the reference-field table from the bundled CRDs;
 *   - plugins/ai-gateway-node/scripts/generate-validators.ts: the structural validators of the bundled CRDs as
 *     standalone ajv code (TypeScript, loaded through tsx).
 * The stale test (plugins/ai-gateway-common/src/generated/generated.test.ts) runs it with --out-dir.
 */
import { generateOpenApi } from './generate-openapi.mjs';
import { generateCrdTypes } from './generate-crd-types.mjs';
import { runCli } from './lib/output.mjs';
import { tsImport } from 'tsx/esm/api';

const { generateValidators } = await tsImport(
  '../../ai-gateway-node/scripts/generate-validators.ts',
  import.meta.url,
);

await runCli('generate', async () => ({
  ...(await generateOpenApi()),
  ...(await generateCrdTypes()),
  ...generateValidators(),
}));
