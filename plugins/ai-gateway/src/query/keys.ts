/**
 * Every react-query key of the plugin, from one factory. All keys start with `all`, so a write invalidates
 * everything the plugin shows with `invalidateQueries({ queryKey: aiGatewayQueryKeys.all })`.
 */
export const aiGatewayQueryKeys = {
  all: ['ai-gateway'] as const,
  /** one entity tab's rows (`GET {ref}/tabs/{tab}`) */
  tab: (entityRef: string, tab: string) =>
    ['ai-gateway', 'tab', entityRef, tab] as const,
  /** all four tabs of one entity as rows (`GET {ref}/tabs`), shared by the tabs, the forms' pickers and Secrets */
  tabs: (entityRef: string) => ['ai-gateway', 'tabs', entityRef] as const,
  /** the full object behind a row of an entity tab, per version (`GET {ref}/resources/{kind}/{name}`) */
  resource: (entityRef: string, kind: string, name: string, version: string) =>
    ['ai-gateway', 'resource', entityRef, kind, name, version] as const,
  /** the full object behind a row (opened in the drawer or an editor) */
  object: (scope: string, kind: string, namespace: string, name: string) =>
    ['ai-gateway', 'object', scope, kind, namespace, name] as const,
  problems: (entityRef: string) =>
    ['ai-gateway', 'problems', entityRef] as const,
  platform: () => ['ai-gateway', 'platform'] as const,
  /** one page of an `mcp-server` API's stored tools (`GET /discovery/apis/{ns}/{name}/tools`), per search and cursor */
  discoveryTools: (apiRef: string, q: string, limit: number, cursor: string) =>
    ['ai-gateway', 'discovery-tools', apiRef, q, limit, cursor] as const,
  secrets: (entityRef: string) => ['ai-gateway', 'secrets', entityRef] as const,
  referrers: (scope: string, kind: string, name: string) =>
    ['ai-gateway', 'referrers', scope, kind, name] as const,
  /** live topology / usage per scope (`['entity', ref]` or `['platform']`) and window */
  topology: (scopeKey: readonly string[], window: string) =>
    ['ai-gateway', 'topology', ...scopeKey, window] as const,
  usage: (scopeKey: readonly string[], window: string) =>
    ['ai-gateway', 'usage', ...scopeKey, window] as const,
  /** self-service access: every access query starts with this (a decision refreshes them all) */
  access: () => ['ai-gateway', 'access'] as const,
  accessApi: (apiRef: string) =>
    ['ai-gateway', 'access', 'api', apiRef] as const,
  accessConsumer: (consumerRef: string) =>
    ['ai-gateway', 'access', 'consumer', consumerRef] as const,
  accessInbox: () => ['ai-gateway', 'access', 'inbox'] as const,
  accessEffective: (apiRef: string, consumerRef: string) =>
    ['ai-gateway', 'access', 'effective', apiRef, consumerRef] as const,
  /** the API entity's Connect target, for the snippets of a freshly issued key */
  accessApiEntity: (apiRef: string) =>
    ['ai-gateway', 'access', 'api-entity', apiRef] as const,
  /** the entities the signed-in user owns that can hold a key (component, system, group) */
  accessOwnedConsumers: () =>
    ['ai-gateway', 'access', 'owned-consumers'] as const,
};
