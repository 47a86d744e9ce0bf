export * from './types';
export { MetricsService, type MetricsClusterInput } from './config';
export {
  PrometheusMetricsSource,
  type PrometheusMetricsSourceOptions,
} from './PrometheusMetricsSource';
export {
  PodProxyMetricsSource,
  DEFAULT_POD_SELECTOR,
  thinHistory,
  type PodProxyMetricsSourceOptions,
} from './PodProxyMetricsSource';
export {
  KubePodProxyTransport,
  type PodProxyTransport,
  type DataPlanePod,
} from './podProxyTransport';
export { PrometheusClient } from './prometheusClient';
export {
  snapshotQueries,
  usageQueries,
  SNAPSHOT_QUERY_IDS,
  USAGE_QUERY_IDS,
  USAGE_RESOLUTION,
} from './queries';
