/** One reference field of a kind, as the generator found it in the CRD schema. */
export interface ReferenceField {
  /** Below the object, `[]` for array items: `spec.rules[].backendRefs[]`, `spec.traffic.extAuth.backendRef`. */
  path: string;
  /** The target's group when the reference omits it (absent: the reference must say). */
  group?: string;
  /** The target's kind when the reference omits it (absent: the reference must say). */
  kind?: string;
  /** Whether the reference has a `namespace` (may point into another namespace). */
  namespaced: boolean;
}

/** Kind → its reference fields. */
export type ReferenceFieldTable = Record<string, ReferenceField[]>;

/** One reference found in an object. */
export interface FoundReference {
  /** Where it is: `spec.rules[0].backendRefs[1]`. */
  fieldPath: string;
  /** The table entry it matched: `spec.rules[].backendRefs[]`. */
  field: string;
  group: string;
  kind: string;
  name: string;
  /** Only when the reference names one (otherwise the object's own namespace applies). */
  namespace?: string;
  /** `sectionName` of Gateway API references. */
  sectionName?: string;
  /** `weight` of weighted backendRefs. */
  weight?: number;
  /** `port` of backend references. */
  port?: number;
}
