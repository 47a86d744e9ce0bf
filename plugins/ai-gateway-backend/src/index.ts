/**
 * Backend plugin of AI Gateway for Backstage.
 *
 * @packageDocumentation
 */
export { aiGatewayPlugin as default } from './plugin';
export type { ResourceReader, ObjectQuery } from './cache/ResourceCaches';
export type { ClusterDetails } from '@backstage/plugin-kubernetes-node';
