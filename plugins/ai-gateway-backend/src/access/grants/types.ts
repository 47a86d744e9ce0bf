import type {
  AccessLimits,
  AccessScope,
  AiApiType,
  DiscoveryOwnership,
  GrantDrift,
  GrantObjectRef,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * Where an API entity comes from: its annotations `ai-gateway.backstage.io/cluster` and
 * `ai-gateway.backstage.io/source` (`<Kind>:<namespace>/<name>`, e.g. `HTTPRoute:team-support/support-kb-mcp`).
 * {@link apiSourceOf} reads them from the entity.
 */
export interface ApiSource {
  cluster: string;
  source: string;
}

/** How keys of the route are authenticated, as found in the policies attached to the route or its Gateway(s). */
export type GrantApiKeyAuth =
  /** an apiKeyAuthentication with a `secretSelector`: grant Secrets carry its labels */
  | { mode: 'selector'; policy: string; matchLabels: Record<string, string> }
  /** none applied, so the grants of the route share the policy `policy` they create (and remove with the last) */
  | { mode: 'shared'; policy: string; matchLabels: Record<string, string> }
  /** a single `secretRef` (`policy` = `<ns>/<name>`): grants cannot add keys; approval answers 409 naming it */
  | { mode: 'secretRef'; policy: string }
  /** the route authenticates otherwise (JWT, basic, ext-auth: `policy` names it); approval answers 409 */
  | { mode: 'other'; policy: string; kind: string };

/** Everything a grant needs to know about an API's objects, resolved from the watch caches (never a LIST). */
export interface GrantTarget {
  cluster: string;
  /** the route's namespace = where the grant's objects go */
  namespace: string;
  apiType: AiApiType;
  route: { kind: 'HTTPRoute' | 'AgentgatewayModel'; name: string };
  /** `<ns>/<name>` of the Gateways the route attaches to */
  gateways: string[];
  /** names (in `namespace`) of the route's MCP AgentgatewayBackends */
  mcpBackends: string[];
  apiKeys: GrantApiKeyAuth;
  /** `<ns>/<name>` of the policies with `traffic.rateLimit.global` attached to the route or its Gateway(s) */
  globalRateLimits: string[];
  /** the API's own local limits, per minute (the lowest of every attached local rate limit) */
  localLimits: AccessLimits;
  /** the labels that make the API owner entity select an object (empty when no single entity owns the route) */
  ownerLabels: Record<string, string>;
  /** entity ref of that owner entity */
  ownerEntityRef?: string;
}

/** The API owner entity of a source object, by discovery's ownership rule (see `ownersFromDiscovery`). */
export interface GrantOwners {
  ownership(
    cluster: string,
    source: { kind: string; namespace: string; name: string },
  ): Promise<DiscoveryOwnership | undefined>;
}

/** Who acts (audited): a user entity ref, `service:<subject>`, or e.g. `scheduler` for expiry. */
export type GrantActor = string;

export interface MaterializeInput {
  grantId: string;
  consumerRef: string;
  scope: AccessScope;
  target: GrantTarget;
  actor: GrantActor;
}

export interface MaterializeResult {
  /** the objects written (the grant's policy, the shared api-keys policy when created); the Secret comes at claim */
  objects: GrantObjectRef[];
  /** why the limits are recorded but not enforced (absent when enforced or none asked) */
  unenforcedLimits?: string;
  /** reapply: key entries that cannot be put back (only their hash was there): rotate to issue a new key */
  lostKeyIds?: string[];
}

export interface IssueKeyInput {
  grantId: string;
  consumerRef: string;
  target: GrantTarget;
  /** false: the first key (claim) — the Secret is created; true: a new entry is added, the old ones kept */
  rotate: boolean;
  /** rotate: the grant's current key id (from the store), so the new entry never reuses it while the cache lags */
  currentKeyId?: string;
  actor: GrantActor;
}

export interface IssuedGrantKey {
  /** the raw key: returned once, stored nowhere, never logged */
  key: string;
  /** the Secret data key holding its hash (`key-<n>`) */
  keyId: string;
  /** first characters (`agw_` + 4), for recognising it */
  keyPrefix: string;
  /** rotate: the entry kept until the grace ends (remove it then with `removeKeyEntry`) */
  previousKeyId?: string;
  /** the Secret, added to the grant's objects */
  secret: GrantObjectRef;
}

export interface RemoveKeyEntryInput {
  grantId: string;
  target: GrantTarget;
  keyId: string;
  actor: GrantActor;
}

export interface RemoveInput {
  grantId: string;
  target: GrantTarget;
  actor: GrantActor;
  /** audit wording: revoke, expire, api-gone */
  reason?: string;
}

/** What the grant should have in the cluster (from the store), to compare with or re-apply. */
export interface GrantSpec {
  grantId: string;
  consumerRef: string;
  scope: AccessScope;
  /** key entries that should exist in the Secret (empty / absent before the claim) */
  keyIds?: string[];
}

export interface ReapplyInput extends GrantSpec {
  target: GrantTarget;
  actor: GrantActor;
}

/** The class the access service calls (implemented by `GrantObjects`). */
export interface GrantObjectsApi {
  /** 404 when the source object is not in the caches; never writes (async: the owner comes from discovery) */
  target(api: ApiSource): Promise<GrantTarget>;
  /** 409 (secretRef / other auth / AgentgatewayModel), 400 / 422 on invalid objects; writes nothing on failure */
  materialize(input: MaterializeInput): Promise<MaterializeResult>;
  issueKey(input: IssueKeyInput): Promise<IssuedGrantKey>;
  removeKeyEntry(input: RemoveKeyEntryInput): Promise<void>;
  /** deletes the grant's Secret and policy, and the shared api-keys policy with the last grant Secret of the route */
  remove(input: RemoveInput): Promise<void>;
  /** undefined when the live objects (caches) are what the grant should have */
  drift(grant: GrantSpec, target: GrantTarget): GrantDrift | undefined;
  /** writes the grant's objects back as they should be (never the key entries' values: missing keys are reported) */
  reapply(input: ReapplyInput): Promise<MaterializeResult>;
}
