/** rbac.authorization.k8s.io/v1 validation (pkg/apis/rbac/validation): names, rules, subjects, roleRef. */
import type { ValidationCause } from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { KubeObject } from '../types';

export const RBAC_KINDS = new Set([
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
]);
const GROUP = 'rbac.authorization.k8s.io';

const cause = (
  field: string,
  message: string,
  reason = 'FieldValueInvalid',
): ValidationCause => ({ field, message, reason });
const unsupported = (field: string, value: unknown, supported: string[]) =>
  cause(
    field,
    `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported
      .map(s => JSON.stringify(s))
      .join(', ')}`,
    'FieldValueNotSupported',
  );
const required = (field: string, detail = '') =>
  cause(
    field,
    `Required value${detail ? `: ${detail}` : ''}`,
    'FieldValueRequired',
  );

/** ValidateRBACName (path.IsValidPathSegmentName): `system:` names are fine. */
function checkName(name: unknown): ValidationCause[] {
  if (typeof name !== 'string' || name === '')
    return [required('metadata.name', 'name or generateName is required')];
  if (name === '.' || name === '..')
    return [
      cause('metadata.name', `Invalid value: "${name}": may not be '${name}'`),
    ];
  for (const c of ['/', '%'])
    if (name.includes(c))
      return [
        cause(
          'metadata.name',
          `Invalid value: "${name}": may not contain '${c}'`,
        ),
      ];
  return [];
}

function checkRules(obj: KubeObject): ValidationCause[] {
  const causes: ValidationCause[] = [];
  (Array.isArray(obj.rules) ? obj.rules : []).forEach(
    (r: KubeObject, i: number) => {
      const at = `rules[${i}]`;
      if (!Array.isArray(r.verbs) || r.verbs.length === 0)
        causes.push(
          required(`${at}.verbs`, 'verbs must contain at least one value'),
        );
      const nonResource = (r.nonResourceURLs ?? []).length > 0;
      if (nonResource && obj.kind === 'Role')
        causes.push(
          cause(
            `${at}.nonResourceURLs`,
            `Invalid value: []string{${r.nonResourceURLs
              .map((u: string) => `"${u}"`)
              .join(
                ', ',
              )}}: namespaced rules cannot apply to non-resource URLs`,
          ),
        );
      if (
        !nonResource &&
        ((r.apiGroups ?? []).length === 0 || (r.resources ?? []).length === 0)
      ) {
        if ((r.apiGroups ?? []).length === 0)
          causes.push(
            required(
              `${at}.apiGroups`,
              'resource rules must supply at least one api group',
            ),
          );
        if ((r.resources ?? []).length === 0)
          causes.push(
            required(
              `${at}.resources`,
              'resource rules must supply at least one resource',
            ),
          );
      }
    },
  );
  return causes;
}

/** ValidateClusterRole's aggregationRule part (metav1validation.ValidateLabelSelector per selector). */
function checkAggregationRule(obj: KubeObject): ValidationCause[] {
  const rule = obj.aggregationRule;
  if (!rule || typeof rule !== 'object') return [];
  const selectors: KubeObject[] = Array.isArray(rule.clusterRoleSelectors)
    ? rule.clusterRoleSelectors
    : [];
  if (selectors.length === 0)
    return [
      required(
        'aggregationRule.clusterRoleSelectors',
        'at least one clusterRoleSelector required if aggregationRule is non-nil',
      ),
    ];
  const causes: ValidationCause[] = [];
  selectors.forEach((sel, i) =>
    (sel?.matchExpressions ?? []).forEach((e: KubeObject, j: number) => {
      const at = `aggregationRule.clusterRoleSelectors[${i}].matchExpressions[${j}]`;
      const values = (e.values ?? []).length;
      if (e.operator === 'In' || e.operator === 'NotIn') {
        if (values === 0)
          causes.push(
            required(
              `${at}.values`,
              "must be specified when `operator` is 'In' or 'NotIn'",
            ),
          );
      } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
        if (values > 0)
          causes.push(
            cause(
              `${at}.values`,
              "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
              'FieldValueForbidden',
            ),
          );
      } else
        causes.push(
          cause(
            `${at}.operator`,
            `Invalid value: ${JSON.stringify(
              e.operator ?? '',
            )}: not a valid selector operator`,
          ),
        );
    }),
  );
  return causes;
}

function checkBinding(obj: KubeObject, old?: KubeObject): ValidationCause[] {
  const causes: ValidationCause[] = [];
  const ref = obj.roleRef ?? {};
  const kinds =
    obj.kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (ref.apiGroup !== GROUP)
    causes.push(unsupported('roleRef.apiGroup', ref.apiGroup ?? '', [GROUP]));
  if (!kinds.includes(ref.kind))
    causes.push(unsupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) causes.push(required('roleRef.name'));
  if (
    old?.roleRef &&
    JSON.stringify(old.roleRef) !== JSON.stringify(obj.roleRef)
  )
    causes.push(
      cause(
        'roleRef',
        `Invalid value: rbac.RoleRef{APIGroup:"${ref.apiGroup ?? ''}", Kind:"${
          ref.kind ?? ''
        }", Name:"${ref.name ?? ''}"}: cannot change roleRef`,
      ),
    );
  (Array.isArray(obj.subjects) ? obj.subjects : []).forEach(
    (s: KubeObject, i: number) => {
      const at = `subjects[${i}]`;
      if (!s.name) causes.push(required(`${at}.name`));
      if (!['ServiceAccount', 'User', 'Group'].includes(String(s.kind)))
        causes.push(
          unsupported(`${at}.kind`, s.kind ?? '', [
            'ServiceAccount',
            'User',
            'Group',
          ]),
        );
      else if (s.kind === 'ServiceAccount') {
        if (s.apiGroup)
          causes.push(unsupported(`${at}.apiGroup`, s.apiGroup, ['']));
        if (!s.namespace && obj.kind === 'ClusterRoleBinding')
          causes.push(required(`${at}.namespace`));
      } else if (s.apiGroup !== GROUP)
        causes.push(unsupported(`${at}.apiGroup`, s.apiGroup ?? '', [GROUP]));
    },
  );
  return causes;
}

export function validateRbac(
  obj: KubeObject,
  old?: KubeObject,
): ValidationCause[] {
  const causes = checkName(obj.metadata?.name);
  if (obj.kind === 'Role') causes.push(...checkRules(obj));
  else if (obj.kind === 'ClusterRole')
    causes.push(...checkRules(obj), ...checkAggregationRule(obj));
  else causes.push(...checkBinding(obj, old));
  return causes;
}
