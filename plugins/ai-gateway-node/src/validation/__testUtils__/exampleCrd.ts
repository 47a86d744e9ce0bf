import type { CustomResourceDefinition, JSONSchemaProps } from '../types';

/**
 * A small `example.com/v1` CRD whose `spec` field has the schema `spec` (the synthetic fixture of the validator
 * tests). By default cluster-scoped, with the apiVersion/kind/metadata envelope declared beside `spec`;
 * `envelope: false` declares `spec` alone.
 */
export function exampleCrd(opts: {
  kind: string;
  plural: string;
  spec: JSONSchemaProps;
  scope?: 'Cluster' | 'Namespaced';
  envelope?: boolean;
}): CustomResourceDefinition {
  const { kind, plural, spec, scope = 'Cluster', envelope = true } = opts;
  const properties: Record<string, JSONSchemaProps> = envelope
    ? {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
        spec,
      }
    : { spec };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.example.com` },
    spec: {
      group: 'example.com',
      names: { kind, plural },
      scope,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties } },
        },
      ],
    },
  };
}

/** The Widget CRD of the ratcheting and synthetic tests, with the spec schema `spec`. */
export const widgetCrd = (spec: JSONSchemaProps) =>
  exampleCrd({ kind: 'Widget', plural: 'widgets', spec });

/** A Widget object named `name` with `spec`. */
export const widget = <S>(spec: S, name = 'w') => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name },
  spec,
});
