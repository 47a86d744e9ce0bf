import { readFileSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parse } from 'yaml';

/** One write operation of the plugin's OpenAPI document. */
export interface WriteOperation {
  operationId: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** the path template, e.g. `/entity/{kind}/{namespace}/{name}/resources` */
  path: string;
  /** the request body's schema name (`CreateResourceRequest`...), none for DELETE */
  bodySchema?: string;
  /** the body schema's top-level properties (what a valid body can carry) */
  bodyProperties: string[];
  /** the body schema's required properties */
  required: string[];
}

interface SchemaObject {
  $ref?: string;
  properties?: Record<string, unknown>;
  required?: string[];
}
interface OperationObject {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject> };
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** The plugin's OpenAPI document (`src/schema/openapi.yaml`). */
export function loadOpenApi(
  file = resolvePackagePath(
    '@ai-gateway-backstage/plugin-ai-gateway-backend',
    'src/schema/openapi.yaml',
  ),
) {
  return parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/** Every write operation (POST / PUT / PATCH / DELETE) of the document, with its body schema. */
export function writeOperations(doc = loadOpenApi()): WriteOperation[] {
  const out: WriteOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of WRITE_METHODS) {
      const op = item[method];
      if (!op) continue;
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const bodySchema = ref?.split('/').pop();
      const schema = bodySchema ? doc.components.schemas[bodySchema] : {};
      out.push({
        operationId: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase() as WriteOperation['method'],
        path,
        bodySchema,
        bodyProperties: Object.keys(schema?.properties ?? {}),
        required: schema?.required ?? [],
      });
    }
  }
  return out;
}
