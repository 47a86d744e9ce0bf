/**
 * Table columns as kube-apiserver prints them: built-in printers (./builtInColumns.ts) and a CRD version's
 * `additionalPrinterColumns` (Age when it declares none) for custom resources.
 */
import { KubeObject } from '../types';
import { BUILT_IN, DEFAULT, NAME, col, nameOf } from './builtInColumns';
import { cellForColumn } from './crdCells';
import { CREATED_DESCRIPTION } from './descriptions';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Columns {
  definitions: TableColumnDefinition[];
  cells(o: KubeObject): unknown[];
}

interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** The columns of a custom resource version (tableconvertor.New with GetColumnsForVersion's default). */
function crdColumns(printerColumns: PrinterColumn[] | undefined): Columns {
  const specs: PrinterColumn[] =
    printerColumns && printerColumns.length > 0
      ? printerColumns
      : [
          {
            name: 'Age',
            type: 'date',
            description: CREATED_DESCRIPTION,
            jsonPath: '.metadata.creationTimestamp',
          },
        ];
  return {
    definitions: [
      NAME,
      ...specs.map(c =>
        col(
          c.name,
          c.type,
          c.description ||
            `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
          { format: c.format ?? '', priority: c.priority ?? 0 },
        ),
      ),
    ],
    cells: o => [
      nameOf(o),
      ...specs.map(c => cellForColumn(o, c.jsonPath, c.type)),
    ],
  };
}

/** The columns for a kind: `crd` is the CustomResourceDefinition of a custom kind. */
export function columnsFor(
  kind: string,
  crd: KubeObject | undefined,
  version: string,
): Columns {
  if (crd) {
    const v = (crd.spec?.versions ?? []).find(
      (x: { name: string }) => x.name === version,
    );
    return crdColumns(v?.additionalPrinterColumns);
  }
  return BUILT_IN[kind]?.() ?? DEFAULT;
}
