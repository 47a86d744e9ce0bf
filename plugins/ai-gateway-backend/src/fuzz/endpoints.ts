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
  /** the path template's parameters, in order (`kind`, `namespace`, ... `id`) */
  pathParams: string[];
  /** the body schema with its `$ref`s resolved (for generating bodies from it), none without a body */
  schema?: JsonSchema;
}

/** The subset of JSON Schema the request bodies use. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  minProperties?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  $ref?: string;
}

type SchemaObject = JsonSchema;
interface OperationObject {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject> };
}

/** The schema with every `$ref` replaced by its target (the body schemas are not recursive; depth-bounded anyway). */
export function resolveRefs(
  schema: JsonSchema,
  doc: OpenApiDocument,
  depth = 0,
): JsonSchema {
  if (depth > 20) throw new Error('fuzz: $ref nesting deeper than 20');
  if (schema.$ref) {
    const target = doc.components.schemas[schema.$ref.split('/').pop()!];
    if (!target) throw new Error(`fuzz: unknown $ref ${schema.$ref}`);
    return resolveRefs(target, doc, depth + 1);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties)
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [
        k,
        resolveRefs(v, doc, depth + 1),
      ]),
    );
  if (schema.items) out.items = resolveRefs(schema.items, doc, depth + 1);
  return out;
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
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map(m => m[1]),
        schema: bodySchema ? resolveRefs(schema, doc) : undefined,
      });
    }
  }
  return out;
}
