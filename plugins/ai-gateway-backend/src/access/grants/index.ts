/** The cluster objects of access grants (issue 9): see `GrantObjects` and the README's access section. */
export { GrantObjects } from './GrantObjects';
export { unenforcedLimits } from './objects';
export type { GrantObjectsOptions } from './GrantObjects';
export { ownersFromDiscovery } from './owners';
export { apiSourceOf, grantObjectName, sharedPolicyName } from './names';
export type * from './types';
