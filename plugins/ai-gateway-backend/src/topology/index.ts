export { buildTopology, type BuildTopologyInput } from './buildTopology';
export { buildUsage, type BuildUsageInput } from './buildUsage';
export {
  visibleObjects,
  type TopologyObject,
  type TopologyScope,
} from './scope';
export {
  TopologyService,
  TOPOLOGY_KINDS,
  type TopologyServiceOptions,
} from './TopologyService';
export { registerTopologyRoutes } from './routes';
