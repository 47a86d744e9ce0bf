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
export {
  DatabaseAccessStore,
  type DatabaseAccessStoreOptions,
} from './DatabaseAccessStore';
export { migrateAccessStore, migratePluginDatabase } from './migrate';
