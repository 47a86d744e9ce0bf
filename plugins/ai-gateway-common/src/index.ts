/**
 * Shared by the AI Gateway frontend and backend plugins: the resource-kind registry, the API types and
 * the permissions.
 *
 * @packageDocumentation
 */
export * from './registry/types';
export * from './registry/kinds';
export * from './summaries/conditions';
export * from './summaries/references';
export * from './summaries/backend';
export * from './summaries/policy';
export * from './summaries/route';
export * from './summaries/gateway';
export * from './summaries/listenerSet';
export * from './permissions';
export * from './api';
export * from './annotations';
export * from './selectors/labelSelector';
export * from './items/toResourceItem';
export * from './topology';
export * from './mutations';
export * from './problems/findProblems';
export * from './discovery/types';
export * from './models';
export * from './errors/AiGatewayApiError';
export * from './references/types';
export * from './references/walker';
export type * from './generated/crds';
export * from './access/types';
export * from './problems/overlaps';
export * from './partitions/types';
export * from './partitions/match';
export * from './partitions/violations';
export * from './problems/outsidePartition';
