/**
 * Serves agentgateway-format metrics with moving, deterministic traffic for a set of Kubernetes objects.
 *
 * @packageDocumentation
 */
export { TrafficSimulator, type SimulatorOptions } from './simulator';
export { buildPlan, type Flow } from './plan';
export {
  startSimulatorServer,
  OPENMETRICS_CONTENT_TYPE,
  TEXT_CONTENT_TYPE,
  wantsProtobuf,
  type RunningSimulator,
  type SimulatedPod,
  type SimulatorServerOptions,
} from './server';
export {
  loadObjectsFromKube,
  loadObjectsFromPath,
  SIMULATED_KINDS,
} from './load';
export { mulberry32, hashString } from './prng';
export { PROTOBUF_CONTENT_TYPE, type HistogramMode } from './protobuf';
export { serviceBackendLabel, selectedMcpTargets } from './names';
