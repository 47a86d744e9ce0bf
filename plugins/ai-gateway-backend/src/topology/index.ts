export { buildTopology, type BuildTopologyInput } from './buildTopology';
export { buildUsage, type BuildUsageInput } from './buildUsage';
export { visibleObjects, type TopologyObject, type TopologyScope } from './scope';
