export type {
  AccessEvent,
  AccessEventType,
  AccessStore,
  Approval,
  GrantFilter,
  IssuedKeyRecord,
  KeyRotation,
  NewAccessRequest,
  RequestFilter,
} from './types';
export { PendingRequestExistsError } from './errors';
export type { StoredGrant } from './types';
export {
  DatabaseAccessStore,
  migrateAccessStore,
  type DatabaseAccessStoreOptions,
} from './DatabaseAccessStore';
