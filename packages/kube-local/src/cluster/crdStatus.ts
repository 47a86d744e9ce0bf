import { KubeObject } from '../types';
import { timestamp } from './metadata';

/** The status the apiextensions controller would write once a CRD is established. */
export function crdStatus(crd: KubeObject): Record<string, any> {
  const now = crd.status?.conditions?.[0]?.lastTransitionTime ?? timestamp();
  const storage = (crd.spec?.versions ?? [])
    .filter((v: any) => v?.storage)
    .map((v: any) => v.name);
  return {
    acceptedNames: crd.spec?.names ?? {},
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        lastTransitionTime: now,
        reason: 'NoConflicts',
        message: 'no conflicts found',
      },
      {
        type: 'Established',
        status: 'True',
        lastTransitionTime: now,
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
      },
    ],
    storedVersions: storage,
  };
}
