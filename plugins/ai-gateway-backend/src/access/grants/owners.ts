import { DiscoverySnapshot } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { GrantOwners } from './types';

/**
 * The API owner entity of a route, as discovery found it (the one catalog entity whose kubernetes annotations
 * select the route; its annotations are copied into the snapshot): `DiscoveryService` is the source.
 */
export function ownersFromDiscovery(discovery: {
  snapshot(): Promise<DiscoverySnapshot>;
}): GrantOwners {
  return {
    async ownership(cluster, source) {
      const { apis } = await discovery.snapshot();
      return apis.find(
        a =>
          a.source.cluster === cluster &&
          a.source.kind === source.kind &&
          a.source.namespace === source.namespace &&
          a.source.name === source.name,
      )?.ownership;
    },
  };
}
