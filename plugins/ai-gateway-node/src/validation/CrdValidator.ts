/**
 * The ONE validator of custom resources against their CRDs, doing what kube-apiserver does on create / update:
 * prune unknown fields, apply defaults, check ObjectMeta, validate the structural schema (ajv), the list-type
 * invariants, and every `x-kubernetes-validations` CEL rule (with `oldSelf` on update); for AgentgatewayPolicy also
 * that every agentgateway CEL expression it carries compiles (../agentgatewayCel/validatePolicy.ts).
 * Each kind is compiled lazily on first use; CEL programs are cached per expression.
 */
import type { ValidateFunction } from 'ajv';
import type {
  CrdValidator,
  CustomResourceDefinition,
  ValidateOptions,
  ValidationCause,
  ValidationResult,
} from './types';
import { SchemaNode, buildSchemaTree, isPlainObject } from './schemaTree';
import { PruneReport, clone, pruneAndDefault } from './defaulting';
import { ajvErrorsToCauses, compileStructural } from './structural';
import { validateListTypes } from './listTypes';
import { validateMetadata } from './metadata';
import { evaluateRules } from './cel/evaluate';
import { Correlation, isRatcheted } from './ratcheting';
import {
  isAgentgatewayPolicy,
  policyExpressionCauses,
} from '../agentgatewayCel/validatePolicy';

interface KindEntry {
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  schema: Record<string, any>;
}

type CompiledKind = { tree: SchemaNode; structural: ValidateFunction };

/**
 * Compiled kinds by schema object: validators created again over the same CRD objects (e.g. after a CRD is added)
 * reuse the compilation instead of paying for it again (ajv compiles the largest schemas in ~1-3 s).
 */
const compiledBySchema = new WeakMap<object, CompiledKind>();

/** Errors after which the apiserver does not run CEL rules (their input would not have the declared types). */
const BLOCKING = new Set(['FieldValueTypeInvalid', 'FieldValueNotSupported']);

function pointerSegments(instancePath: string): string[] {
  return instancePath
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function createCrdValidator(
  crds: CustomResourceDefinition[],
): CrdValidator {
  const kinds = new Map<string, KindEntry>();
  for (const crd of crds) {
    for (const v of crd.spec.versions) {
      if (!v.served || !v.schema?.openAPIV3Schema) continue;
      kinds.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, {
        group: crd.spec.group,
        version: v.name,
        kind: crd.spec.names.kind,
        namespaced: crd.spec.scope === 'Namespaced',
        schema: v.schema.openAPIV3Schema,
      });
    }
  }

  function compiled(entry: KindEntry): CompiledKind {
    let c = compiledBySchema.get(entry.schema);
    if (!c) {
      c = {
        tree: buildSchemaTree(entry.schema),
        structural: compileStructural(entry.schema),
      };
      compiledBySchema.set(entry.schema, c);
    }
    return c;
  }

  function prepare(
    entry: KindEntry,
    object: Record<string, any>,
    report?: PruneReport,
  ): Record<string, any> {
    return pruneAndDefault(
      clone(object),
      compiled(entry).tree,
      true,
      report,
    ) as Record<string, any>;
  }

  return {
    knows(apiVersion: string, kind: string): boolean {
      return kinds.has(`${apiVersion}/${kind}`);
    },

    validate(
      object: Record<string, any>,
      options: ValidateOptions = {},
    ): ValidationResult {
      const entry = isPlainObject(object)
        ? kinds.get(`${object.apiVersion}/${object.kind}`)
        : undefined;
      if (!entry) {
        return {
          valid: false,
          causes: [
            {
              reason: 'FieldValueNotSupported',
              field: 'kind',
              message: `Unsupported value: ${JSON.stringify(
                `${object?.apiVersion}/${object?.kind}`,
              )}: no CustomResourceDefinition serves this kind`,
            },
          ],
          object,
        };
      }
      const { tree, structural } = compiled(entry);
      const report = options.reportUnknownFields ? { pruned: [] } : undefined;
      const obj = prepare(entry, object, report);
      const old = isPlainObject(options.oldObject)
        ? prepare(entry, options.oldObject)
        : undefined;
      // on update, errors at values unchanged from the old object are ratcheted (./ratcheting.ts)
      const correlation = old ? new Correlation(obj, old, tree) : undefined;
      const warnings: string[] = [];
      const causes: ValidationCause[] = validateMetadata(obj, entry.namespaced);
      if (!structural(obj)) {
        const errors = (structural.errors ?? []).filter(
          e => !isRatcheted(correlation, pointerSegments(e.instancePath)),
        );
        causes.push(...ajvErrorsToCauses(errors, obj, entry.schema));
      }
      // list-type invariants ratchet as a whole: checked only when the old object keeps them (apiextensions' strategy)
      const oldListCauses: ValidationCause[] = [];
      if (old) validateListTypes(old, tree, '', oldListCauses);
      if (oldListCauses.length === 0) validateListTypes(obj, tree, '', causes);

      if (causes.some(c => BLOCKING.has(c.reason))) {
        causes.push({
          reason: 'FieldValueInvalid',
          field: '',
          message:
            'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
        });
      } else {
        evaluateRules(obj, tree, old, causes, { correlation, warnings });
        // agentgateway's own CEL (authorization, rate-limit keys, ...) must compile in its environment
        if (isAgentgatewayPolicy(obj.apiVersion, obj.kind))
          causes.push(...policyExpressionCauses(obj, old));
      }
      const result: ValidationResult = {
        valid: causes.length === 0,
        causes,
        object: obj,
      };
      // sorted like the apiserver's pruning report, so answers are deterministic
      if (report) result.unknownFields = report.pruned.sort();
      if (warnings.length > 0) result.warnings = warnings;
      return result;
    },
  };
}
