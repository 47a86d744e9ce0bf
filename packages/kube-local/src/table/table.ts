import { KubeObject } from '../types';
import { Columns } from './columns';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** PartialObjectMetadata of an object (meta.k8s.io/v1). */
export function partialMetadata(o: KubeObject): KubeObject {
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: o.metadata ?? {},
  };
}

/** A meta.k8s.io/v1 Table of objects (already in the URL's apiVersion). */
export function toTable(
  columns: Columns,
  objects: KubeObject[],
  metadata: Record<string, unknown>,
  includeObject: IncludeObject,
): KubeObject {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: columns.definitions,
    rows: objects.map(o => {
      const row: Record<string, unknown> = { cells: columns.cells(o) };
      if (includeObject === 'Object') row.object = o;
      else if (includeObject === 'Metadata') row.object = partialMetadata(o);
      return row;
    }),
  };
}
