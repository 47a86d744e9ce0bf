/**
 * OpenAPI v3 component schemas of the built-in kinds kube-local serves, named as in kube-apiserver's documents
 * (`io.k8s.api.core.v1.ConfigMap`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, ...) with
 * `x-kubernetes-group-version-kind`, built from the model classes of @kubernetes/client-node (themselves generated
 * from the real OpenAPI document): property names, types, formats, arrays, maps and `$ref`s to nested types, and
 * the descriptions and `required` lists the generator wrote into the models' declaration files (the texts of the
 * Kubernetes OpenAPI document, so `kubectl explain secret.type` reads as on a cluster). Loaded on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ResourceType } from '../types';

type Schema = Record<string, unknown>;
interface ModelClass {
  getAttributeTypeMap(): Array<{
    baseName: string;
    type: string;
    format: string;
  }>;
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const META_TYPES = new Set([
  'ObjectMeta',
  'ListMeta',
  'ManagedFieldsEntry',
  'OwnerReference',
  'LabelSelector',
  'LabelSelectorRequirement',
  'Condition',
  'Status',
  'StatusDetails',
  'StatusCause',
]);
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** The definition prefix of a built-in group (its Go package). */
export function builtinPrefix(group: string): string {
  if (group === 'apiextensions.k8s.io')
    return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';
  if (group === '') return 'io.k8s.api.core.v1';
  return `io.k8s.api.${group.replace(/\.k8s\.io$/, '').split('.')[0]}.v1`;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const models = (): Record<string, unknown> =>
  require('@kubernetes/client-node');

interface ModelDocs {
  description?: string;
  properties: Record<string, string>;
  required: string[];
}

/** The generated model's declaration file, e.g. `dist/gen/models/V1Secret.d.ts` (JSDoc per class and property). */
function modelDocs(className: string): ModelDocs {
  const docs: ModelDocs = { properties: {}, required: [] };
  let text: string;
  try {
    const dir = path.join(
      path.dirname(require.resolve('@kubernetes/client-node')),
      'gen',
      'models',
    );
    text = fs.readFileSync(path.join(dir, `${className}.d.ts`), 'utf8');
  } catch {
    return docs;
  }
  const unescape = (t: string) =>
    t
      .split('\n')
      .map(line => line.replace(/^\s*\*\s?/, ''))
      .join('\n')
      .trim()
      .replace(/\\'/g, "'");
  const cls = /\/\*\*\n((?:\s*\*.*\n)*?)\s*\*\/\nexport declare class/.exec(
    text,
  );
  if (cls) docs.description = unescape(cls[1]);
  const prop = /\/\*\*\n((?:\s*\*.*\n)*?)\s*\*\/\n\s*'([^']+)'\??:/g;
  for (let m = prop.exec(text); m; m = prop.exec(text))
    docs.properties[m[2]] = unescape(m[1]);
  const required = /^\s*'([^']+)':/gm;
  for (let m = required.exec(text); m; m = required.exec(text))
    docs.required.push(m[1]);
  return docs;
}

export const ref = (name: string) => ({
  allOf: [{ $ref: `#/components/schemas/${name}` }],
});

/** Collects the schemas of built-in kinds and what they reference. */
export class BuiltinSchemas {
  readonly schemas: Record<string, Schema> = {};

  constructor(private readonly prefix: string) {}

  /** A kind (and its List) with its group-version-kind. */
  addKind(type: ResourceType, version: string): void {
    for (const kind of [type.kind, type.listKind]) {
      const name = this.add(`V1${kind}`);
      if (name)
        this.schemas[name]['x-kubernetes-group-version-kind'] = [
          { group: type.group, kind, version },
        ];
    }
  }

  /** The definition name of a client-node model class, added with what it references; undefined if unknown. */
  add(className: string): string | undefined {
    const cls = models()[className] as ModelClass | undefined;
    if (!cls?.getAttributeTypeMap) return undefined;
    const short = className.replace(/^[A-Za-z]*?V1(?=[A-Z])/, '');
    const name = META_TYPES.has(short)
      ? `${META}.${short}`
      : `${this.prefix}.${short}`;
    if (this.schemas[name]) return name;
    const properties: Record<string, Schema> = {};
    const schema: Schema = { type: 'object', properties };
    this.schemas[name] = schema;
    const docs = modelDocs(className);
    if (docs.description) schema.description = docs.description;
    for (const a of cls.getAttributeTypeMap()) {
      const p = this.typeSchema(a.type, a.format);
      const description = docs.properties[a.baseName];
      // a `$ref` keeps its description beside the allOf, as in kube-apiserver's documents
      properties[a.baseName] = description ? { description, ...p } : p;
    }
    if (docs.required.length > 0) schema.required = docs.required;
    return name;
  }

  private typeSchema(type: string, format: string): Schema {
    const array = /^Array<(.+)>$/.exec(type);
    if (array) return { type: 'array', items: this.typeSchema(array[1], '') };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map)
      return {
        type: 'object',
        additionalProperties: this.typeSchema(map[1], format),
      };
    switch (type) {
      case 'string':
        return format ? { type: 'string', format } : { type: 'string' };
      case 'number':
        return format === 'int32' || format === 'int64'
          ? { type: 'integer', format }
          : { type: 'number', format: 'double' };
      case 'boolean':
        return { type: 'boolean' };
      case 'Date':
        return { type: 'string', format: 'date-time' };
      case 'IntOrString':
        this.schemas[INT_OR_STRING] = {
          type: 'string',
          format: 'int-or-string',
        };
        return ref(INT_OR_STRING);
      case 'any':
      case 'object':
        return { type: 'object' };
      default: {
        const name = this.add(type);
        return name ? ref(name) : { type: 'object' };
      }
    }
  }
}
