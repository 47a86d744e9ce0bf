import { ObjectStore } from '../store/ObjectStore';
import { ResourceType } from '../types';
import { Schema } from './listTypes';

/** The structural schema of a custom kind's version (from its stored CRD); undefined for built-in kinds. */
export function schemaFor(
  store: ObjectStore,
  type: ResourceType,
  version: string | undefined,
): Schema | undefined {
  if (!type.custom) return undefined;
  // read-only: copying a large CRD for every write cost most of a bulk seed's time
  const crd = store.getShared(
    'apiextensions.k8s.io/customresourcedefinitions',
    '',
    `${type.plural}.${type.group}`,
  );
  const versions: Array<{
    name: string;
    schema?: { openAPIV3Schema?: Schema };
  }> = crd?.spec?.versions ?? [];
  const v =
    versions.find(x => x.name === (version ?? type.versions[0])) ?? versions[0];
  return v?.schema?.openAPIV3Schema;
}
