import { KubeObject } from '../types';
import { timestamp } from './metadata';

export const API_APPROVED = 'api-approved.kubernetes.io';
const APPROVAL_PR = 'https://github.com/kubernetes/enhancements/pull/1111';

/** IsProtectedCommunityGroup: `k8s.io` / `kubernetes.io` and their subdomains. */
export function isProtectedGroup(group: string): boolean {
  return ['k8s.io', 'kubernetes.io'].some(
    g => group === g || group.endsWith(`.${g}`),
  );
}

type Approval = { status: 'True' | 'False'; reason: string; message: string };

/** GetAPIApprovalState of the `api-approved.kubernetes.io` annotation. */
export function apiApproval(value: string | undefined): Approval {
  if (value === undefined)
    return {
      status: 'False',
      reason: 'MissingAnnotation',
      message: `protected groups must have approval annotation "${API_APPROVED}", see ${APPROVAL_PR}`,
    };
  if (value.startsWith('unapproved'))
    return {
      status: 'False',
      reason: 'UnapprovedAnnotation',
      message: `not approved: "${value}"`,
    };
  if (/^https?:\/\/[^\s/]+/.test(value))
    return {
      status: 'True',
      reason: 'ApprovedAnnotation',
      message: `approved in ${value}`,
    };
  return {
    status: 'False',
    reason: 'InvalidAnnotation',
    message: `protected groups must have approval annotation "${API_APPROVED}" with either a URL or a reason starting with "unapproved", see ${APPROVAL_PR}`,
  };
}

/** `spec.names` with the defaults the server applies (singular, listKind). */
export function acceptedNames(names: KubeObject = {}): KubeObject {
  const out: KubeObject = { plural: names.plural };
  out.singular = names.singular || String(names.kind ?? '').toLowerCase();
  if (names.shortNames?.length) out.shortNames = names.shortNames;
  out.kind = names.kind;
  out.listKind = names.listKind || `${names.kind}List`;
  if (names.categories?.length) out.categories = names.categories;
  return out;
}

/**
 * The status the apiextensions controllers write once a CRD is established: the API approval condition for
 * protected groups, NamesAccepted, Established, acceptedNames and storedVersions.
 */
export function crdStatus(crd: KubeObject): Record<string, any> {
  const old: Array<{ type: string; lastTransitionTime?: string }> =
    crd.status?.conditions ?? [];
  const since = (type: string) =>
    old.find(c => c.type === type)?.lastTransitionTime ??
    old[0]?.lastTransitionTime ??
    timestamp();
  const storage = (crd.spec?.versions ?? [])
    .filter((v: { storage?: boolean }) => v?.storage)
    .map((v: { name: string }) => v.name);
  const conditions: KubeObject[] = [];
  if (isProtectedGroup(String(crd.spec?.group ?? '')))
    conditions.push({
      type: 'KubernetesAPIApprovalPolicyConformant',
      ...apiApproval(crd.metadata?.annotations?.[API_APPROVED]),
      lastTransitionTime: since('KubernetesAPIApprovalPolicyConformant'),
    });
  conditions.push(
    {
      type: 'NamesAccepted',
      status: 'True',
      lastTransitionTime: since('NamesAccepted'),
      reason: 'NoConflicts',
      message: 'no conflicts found',
    },
    {
      type: 'Established',
      status: 'True',
      lastTransitionTime: since('Established'),
      reason: 'InitialNamesAccepted',
      message: 'the initial names have been accepted',
    },
  );
  return {
    acceptedNames: acceptedNames(crd.spec?.names),
    conditions,
    storedVersions: storage,
  };
}
