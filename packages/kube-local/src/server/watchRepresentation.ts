/**
 * What a watch sends as each event's object when the Accept asks for a conversion, as the real watch encoder does
 * (endpoints/handlers watchEmbeddedEncoder): `as=Table` → a Table with one row per event, the column definitions
 * only in the first event (the encoder sets NoHeaders after it: later events carry `columnDefinitions: null`),
 * rows with `includeObject` (default PartialObjectMetadata); `as=PartialObjectMetadata` → the object's metadata.
 */
import { Columns } from '../table/columns';
import { IncludeObject, partialMetadata, toTable } from '../table/table';
import { KubeObject } from '../types';
import { Representation } from './representation';

export function watchRepresentation(
  rep: Representation,
  columns: () => Columns,
  includeObject: string | null,
): { contentType: string; object: (o: KubeObject) => unknown } | undefined {
  if (rep.kind === 'partial')
    return { contentType: 'application/json', object: partialMetadata };
  if (rep.kind !== 'table') return undefined;
  const include: IncludeObject =
    includeObject === 'None' || includeObject === 'Object'
      ? includeObject
      : 'Metadata';
  let headers = true;
  return {
    contentType: rep.contentType,
    object: o => {
      const table = toTable(
        columns(),
        [o],
        { resourceVersion: o.metadata?.resourceVersion },
        include,
      );
      if (!headers) table.columnDefinitions = null;
      headers = false;
      return table;
    },
  };
}
