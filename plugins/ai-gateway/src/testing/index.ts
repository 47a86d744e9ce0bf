export { FixtureAiGatewayApi, responseErrorOf } from './FixtureAiGatewayApi';
export type { FixtureEntity, FixtureError } from './FixtureAiGatewayApi';
export { toResourceItem } from './resourceItems';
export * as fixtures from './fixtures';
export { FixtureWrites, writeErrorOf } from './FixtureWrites';
export type { FixtureWritesOptions } from './FixtureWrites';
