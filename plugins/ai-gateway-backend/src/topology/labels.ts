/**
 * How agentgateway's label values name Kubernetes objects (agentgateway/agentgateway @ 75b4e6ce):
 *
 * - `backend` = `Backend::name()` (`crates/agentgateway/src/types/agent.rs` L1754-1772): `namespace/name` for an
 *   AgentgatewayBackend, `hostname:port` for a Service backendRef, where the controller sends the hostname
 *   `{name}.{namespace}.svc.{clusterDomain}` (`controller/pkg/utils/kubeutils/dns.go`, `domain.go` L40-42);
 *   `unknown` when no backend was chosen (authentication denials, a backendRef to a missing object).
 * - `server` of `agentgateway_mcp_requests_total` = the MCP target name (`telemetry/log.rs` L1308-1312); for a
 *   target chosen by `selector` the controller names one target per selected Service port
 *   `{service}-{portName|port}` or the Service's `agentgateway.dev/mcp-target-name` annotation
 *   (`controller/pkg/syncer/backend/mcp.go` L95-138), names the management plane cannot know without the
 *   Services, so the graph takes them from the metrics.
 */
const SERVICE_HOST =
  /^([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.svc(?:\.[^:]*)?:(\d+)$/;

/** The key a `backend` label joins on: `Service:namespace/name` for a Service hostname, else the label itself. */
export function backendIdentity(label: string): string {
  const m = SERVICE_HOST.exec(label);
  return m ? serviceIdentity(m[2], m[1]) : label;
}

/** The join key of a Service backendRef (every port of the Service). */
export function serviceIdentity(namespace: string, name: string): string {
  return `Service:${namespace}/${name}`;
}

/** The join key of a backendRef: AgentgatewayBackend `namespace/name`, Service `Service:namespace/name`. */
export function backendRefIdentity(ref: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return ref.kind === 'Service'
    ? serviceIdentity(ref.namespace, ref.name)
    : `${ref.namespace}/${ref.name}`;
}
