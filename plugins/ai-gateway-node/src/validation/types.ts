/**
 * The contract of the CRD validator shared by the local Kubernetes API server and the backend plugin.
 * One implementation (./CrdValidator.ts); nobody writes it twice.
 */

/**
 * One node of a CRD's `openAPIV3Schema` (Kubernetes' `JSONSchemaProps`): the keywords this package reads are named,
 * every other keyword (validation keywords, `x-kubernetes-*` extensions) is kept as it was written.
 */
export interface JSONSchemaProps {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps;
  anyOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  allOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  nullable?: boolean;
  default?: unknown;
  [keyword: string]: unknown;
}

/** A `apiextensions.k8s.io/v1` CustomResourceDefinition as parsed from YAML (only what validation reads is typed). */
export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; [k: string]: unknown };
  spec: {
    group: string;
    names: {
      kind: string;
      plural: string;
      singular?: string;
      listKind?: string;
      shortNames?: string[];
      categories?: string[];
    };
    scope: 'Namespaced' | 'Cluster';
    versions: Array<{
      name: string;
      served: boolean;
      storage: boolean;
      schema?: { openAPIV3Schema: JSONSchemaProps };
      subresources?: { status?: Record<string, never>; scale?: unknown };
      additionalPrinterColumns?: unknown[];
    }>;
  };
}

/** One violation, shaped like a Kubernetes `StatusCause` (`details.causes[]` of a 422 Invalid). */
export interface ValidationCause {
  /** `FieldValueRequired`, `FieldValueInvalid`, `FieldValueNotSupported`, `FieldValueTypeInvalid`, `FieldValueTooLong`, `FieldValueTooMany`, `FieldValueForbidden`, `InternalError` (a CEL rule that could not be evaluated) ... */
  reason: string;
  /** Kubernetes field path: `spec.listeners[0].port`, `spec.ai.provider`, `metadata.name` */
  field: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  causes: ValidationCause[];
  /** The object after defaulting and pruning of unknown fields (what the API server would store). */
  object: Record<string, any>;
  /**
   * With `reportUnknownFields`: the paths of the unknown fields that were pruned, as kube-apiserver names them in
   * `fieldValidation` answers (`spec.burts`, `spec.rules[0].x`). Empty when there were none.
   */
  unknownFields?: string[];
  /**
   * On update: the errors of CEL rules that failed at values unchanged from `oldObject` (validation ratcheting),
   * as `<field>: <message>`; kube-apiserver sends each as a `Warning` header and accepts the write. Absent when none.
   */
  warnings?: string[];
}

export interface ValidateOptions {
  /**
   * The stored object on update: enables transition rules (`oldSelf`) and validation ratcheting (errors of the
   * schema and of CEL rules without `oldSelf` at values unchanged from it are not reported).
   */
  oldObject?: Record<string, any>;
  /**
   * Report the unknown fields that pruning drops (`result.unknownFields`) instead of dropping them silently, so a
   * caller can answer `fieldValidation=Strict` (reject) or `Warn` (warning per field) as kube-apiserver does.
   * Pruning itself is unchanged: `result.object` never contains them.
   */
  reportUnknownFields?: boolean;
}

export interface CrdValidator {
  /** Kinds this validator knows, as `group/version/Kind`. */
  knows(apiVersion: string, kind: string): boolean;
  /** Validate (and default + prune) a custom resource as the API server would on create or update. */
  validate(
    object: Record<string, any>,
    options?: ValidateOptions,
  ): ValidationResult;
}
