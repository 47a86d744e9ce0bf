import type {
  CrdValidator,
  CustomResourceDefinition,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { KubeObject, ResourceType } from '../types';
import { validateCore, validateLabels } from './coreValidation';
import { RBAC_KINDS, validateRbac } from './rbacValidation';
import { unknownCoreFields, unknownMetadataFields } from './unknownFields';
import { validateFinalizers } from './finalizers';

/** The shared validator's library, loaded on first use (ajv and CEL cost a noticeable part of a cold start). */
const lib = (): typeof import('@ai-gateway-backstage/plugin-ai-gateway-node') =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@ai-gateway-backstage/plugin-ai-gateway-node');

/** Whether a CRD write changes a version's schema (the apiserver does not re-check unchanged schemas' rules). */
function schemasChanged(crd: KubeObject, old: KubeObject | undefined): boolean {
  if (!old) return true;
  const schemas = (o: KubeObject) =>
    JSON.stringify(
      (o.spec?.versions ?? []).map((v: KubeObject) => [
        v?.name,
        v?.schema?.openAPIV3Schema,
      ]),
    );
  return schemas(crd) !== schemas(old);
}

export interface Validated {
  object: KubeObject;
  causes: ValidationCause[];
  /** Unknown fields the server drops (fieldValidation reports them). */
  unknownFields: string[];
  /** On update: CEL rule failures at unchanged values, ratcheted into `Warning` headers (the shared validator's). */
  warnings?: string[];
}

/**
 * Validates objects as the API server would before storing them: custom resources with the shared CRD validator
 * (schema, CEL rules incl. transition rules, defaulting, pruning); built-in kinds with light checks.
 */
export class ObjectValidation {
  private readonly crds = new Map<string, CustomResourceDefinition>();
  private validator: CrdValidator | undefined;

  setCrd(crd: CustomResourceDefinition): void {
    this.crds.set(crd.metadata.name, crd);
    this.validator = undefined;
  }

  removeCrd(name: string): void {
    this.crds.delete(name);
    this.validator = undefined;
  }

  private get crdValidator(): CrdValidator {
    this.validator ??= lib().createCrdValidator([...this.crds.values()]);
    return this.validator;
  }

  /**
   * `seeding`: objects kube-local creates at start skip the CRD cost estimation (the bundled CRDs are checked by the
   * validator's own tests; estimating every rule would slow the start down).
   */
  validate(
    type: ResourceType,
    obj: KubeObject,
    oldObject?: KubeObject,
    opts: { seeding?: boolean } = {},
  ): Validated {
    const finalizers = validateFinalizers(
      obj,
      oldObject,
      !type.custom && type.group === '',
    );
    if (!type.custom) {
      const copy = structuredClone(obj);
      const unknownFields = unknownCoreFields(copy);
      const crdCost =
        copy.kind === 'CustomResourceDefinition' &&
        !opts.seeding &&
        schemasChanged(copy, oldObject)
          ? lib().crdCostCauses(copy)
          : [];
      return {
        object: copy,
        causes: [
          ...(RBAC_KINDS.has(copy.kind ?? '')
            ? [...validateRbac(copy, oldObject), ...validateLabels(copy)]
            : validateCore(copy, oldObject)),
          ...crdCost,
          ...finalizers,
        ],
        unknownFields,
      };
    }
    const v = this.crdValidator;
    if (!v.knows(obj.apiVersion ?? '', obj.kind ?? ''))
      return {
        object: obj,
        causes: [...validateLabels(obj), ...finalizers],
        unknownFields: [],
      };
    const result = v.validate(obj, { oldObject, reportUnknownFields: true });
    // Metadata is the server's business (managedFields, uid...): keep ours whatever the validator returns, less the
    // fields ObjectMeta does not have (reported first, as apiextensions' schema coercer does).
    const metadata = structuredClone(obj.metadata);
    const metadataUnknown = unknownMetadataFields(metadata, true);
    const object = { ...result.object, metadata };
    return {
      object,
      causes: [...result.causes, ...validateLabels(obj), ...finalizers],
      unknownFields: [...metadataUnknown, ...(result.unknownFields ?? [])],
      warnings: result.warnings,
    };
  }
}
