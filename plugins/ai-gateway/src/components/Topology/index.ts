export { TopologyGraph, type TopologyGraphProps } from './TopologyGraph';
export { TopologyView, type TopologyViewProps } from './TopologyView';
export { LiveTopology, type LiveTopologyProps } from './LiveTopology';
export { NodeDetails } from './NodeDetails';
export { WindowPicker } from './WindowPicker';
export { layoutTopology } from './layout';
export {
  PlatformTopology,
  EntityTopology,
  entityTabLink,
} from './ConnectedTopology';
