/**
 * OpenAPI v3 component schemas of the built-in kinds kube-local serves, named as in kube-apiserver's documents
 * (`io.k8s.api.core.v1.ConfigMap`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, ...) with
 * `x-kubernetes-group-version-kind`, built from the model classes of @kubernetes/client-node (themselves generated
 * from the real OpenAPI document): property names, types, formats, arrays, maps and `$ref`s to nested types.
 * Descriptions and `required` are not in those models, so they are not served. Loaded on first use.
 */
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
    for (const a of cls.getAttributeTypeMap())
      properties[a.baseName] = this.typeSchema(a.type, a.format);
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
