import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  KubeObject,
  PartitionSubject,
  ResourceKindDescriptor,
  aiGatewayCreatePermission,
  aiGatewayDeletePermission,
  aiGatewayPlatformManagePermission,
  aiGatewayReadPermission,
  aiGatewaySecretWritePermission,
  aiGatewayUpdatePermission,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { EntityResolver } from '../entities/EntityResolver';
import { ResolvedSelection, resolveSelection } from '../entities/selection';
import { AccessControl } from '../permissions/AccessControl';
import { FieldInputError } from './errors';
import {
  assertSoleOwner,
  claimForEntity,
  isSelected,
  ownersOf,
} from './ownership';
import { OwnershipIndex } from './OwnershipIndex';
import { Placement } from './placement';

/** What a request does; `read` answers questions (`/validate`) without writing. */
export type ScopeAction = 'create' | 'update' | 'delete' | 'read';

/** Where an object is (or goes): the cluster and namespace, never chosen by the browser. */
export interface Location {
  cluster: string;
  namespace: string;
}

/**
 * The write-scope strategy: who may write (authorize), where objects go (place), how an object is made the
 * scope's (claim) and which existing objects are the scope's (owns). The object writer is the same for every
 * scope; only these answers differ.
 */
export interface WriteScope {
  /** the registry scopes (entity, platform, secret) this scope writes */
  readonly kinds: ReadonlyArray<ResourceKindDescriptor['scope']>;
  /** the catalog entity, for entity scopes */
  readonly entityRef?: string;
  /** 404 / 403 / 400 before anything else; `withSecrets` when the request also writes Secrets */
  authorize(action: ScopeAction, withSecrets?: boolean): Promise<void>;
  /** `new`: where a new object goes; `existing`: where the scope's object of that name is; `either`: a Secret that may exist */
  place(
    kind: ResourceKindDescriptor,
    name: string,
    mode: 'new' | 'existing' | 'either',
    namespaceHint?: string,
  ): Location;
  /** the object as the scope writes it (namespace, selecting labels) */
  claim(object: KubeObject, namespace: string): KubeObject;
  /** whether an existing object is the scope's to change */
  owns(object: KubeObject): boolean;
  /** 409 when the object is (or would be) selected by more than one entity */
  assertSoleOwner(object: KubeObject): Promise<void>;
  notFound(kind: string, name: string, namespace: string): Error;
  /** Whose routes these are, for the shared Gateways' partitions (after {@link authorize}). */
  partitionSubject(namespace: string): PartitionSubject;
  /** Whether partitions do not limit this writer (platform admins); asked only for a route that leaves one. */
  partitionExempt(): Promise<boolean>;
}

export interface ScopeDependencies {
  entities: EntityResolver;
  access: AccessControl;
  placement: Placement;
  ownership: OwnershipIndex;
}

const ENTITY_PERMISSIONS: Record<
  ScopeAction,
  ResourcePermission<'catalog-entity'>
> = {
  create: aiGatewayCreatePermission,
  update: aiGatewayUpdatePermission,
  delete: aiGatewayDeletePermission,
  read: aiGatewayReadPermission,
};

/** An entity's objects (and, with `kinds: ['secret']`, its Secrets): the entity's permissions, namespace and labels. */
export class EntityWriteScope implements WriteScope {
  private resolvedSelection?: ResolvedSelection;
  private entity?: Entity;

  constructor(
    private readonly deps: ScopeDependencies,
    readonly entityRef: string,
    private readonly credentials: BackstageCredentials,
    readonly kinds: ReadonlyArray<ResourceKindDescriptor['scope']> = ['entity'],
  ) {}

  /** The entity's selection (after {@link authorize}). */
  get resolved(): ResolvedSelection {
    if (!this.resolvedSelection)
      throw new Error('EntityWriteScope used before authorize()');
    return this.resolvedSelection;
  }

  async authorize(action: ScopeAction, withSecrets = false): Promise<void> {
    const entity = await this.deps.entities.get(
      this.entityRef,
      this.credentials,
    );
    const secretOnly = this.kinds.length === 1 && this.kinds[0] === 'secret';
    const permission =
      secretOnly && action !== 'read'
        ? aiGatewaySecretWritePermission
        : ENTITY_PERMISSIONS[action];
    await this.deps.access.authorizeEntity(
      this.credentials,
      permission,
      this.entityRef,
    );
    if (withSecrets && !secretOnly && action !== 'read')
      await this.deps.access.authorizeEntity(
        this.credentials,
        aiGatewaySecretWritePermission,
        this.entityRef,
      );
    this.resolvedSelection = resolveSelection(entity);
    this.entity = entity;
  }

  place(
    kind: ResourceKindDescriptor,
    name: string,
    mode: 'new' | 'existing' | 'either',
    hint?: string,
  ): Location {
    const { placement } = this.deps;
    const resolved = this.resolved;
    const cluster =
      mode === 'new'
        ? placement.writeClusterFor(resolved)
        : placement.clusterOf(
            kind.kind,
            name,
            resolved,
            resolved.selection.namespace,
          );
    const namespace =
      mode === 'existing'
        ? placement.locate(cluster, resolved, kind.kind, name, hint)
        : placement.namespaceFor(cluster, resolved, hint);
    return { cluster, namespace };
  }

  claim(object: KubeObject, namespace: string): KubeObject {
    return claimForEntity(this.resolved, object, namespace);
  }

  owns(object: KubeObject): boolean {
    return isSelected(this.resolved, object);
  }

  assertSoleOwner(object: KubeObject): Promise<void> {
    return assertSoleOwner(
      o => this.deps.ownership.claimants(o),
      this.resolved.selection.entityRef,
      object,
    );
  }

  notFound(kind: string, name: string): Error {
    return new NotFoundError(`${kind} ${name} not found for ${this.entityRef}`);
  }

  partitionSubject(namespace: string): PartitionSubject {
    return {
      namespace,
      entityRef: this.entityRef,
      owners: ownersOf(this.entity),
    };
  }

  /** Platform admins (`ai-gateway.platform.manage`) are not limited by partitions. */
  partitionExempt(): Promise<boolean> {
    return this.deps.access
      .authorize(this.credentials, aiGatewayPlatformManagePermission)
      .then(
        () => true,
        e => {
          if (e instanceof NotAllowedError) return false;
          throw e;
        },
      );
  }
}

/** Platform kinds (Gateway, ListenerSet, AgentgatewayParameters) in any namespace, gated by `ai-gateway.platform.manage`. */
export class PlatformWriteScope implements WriteScope {
  readonly kinds = ['platform'] as const;

  constructor(
    private readonly deps: Pick<ScopeDependencies, 'access' | 'placement'>,
    private readonly credentials: BackstageCredentials,
  ) {}

  authorize(): Promise<void> {
    return this.deps.access.authorize(
      this.credentials,
      aiGatewayPlatformManagePermission,
    );
  }

  place(
    kind: ResourceKindDescriptor,
    name: string,
    mode: 'new' | 'existing' | 'either',
    namespace?: string,
  ): Location {
    if (!namespace)
      throw new FieldInputError(
        'metadata.namespace',
        'required for platform objects',
        'FieldValueRequired',
      );
    const cluster =
      mode === 'new'
        ? this.deps.placement.writeClusterFor()
        : this.deps.placement.clusterOf(kind.kind, name, undefined, namespace);
    return { cluster, namespace };
  }

  claim(object: KubeObject, namespace: string): KubeObject {
    return { ...object, metadata: { ...object.metadata, namespace } };
  }

  owns(): boolean {
    return true;
  }

  async assertSoleOwner(): Promise<void> {
    // platform objects are not selected by entities
  }

  notFound(kind: string, name: string, namespace: string): Error {
    return new NotFoundError(`${kind} ${namespace}/${name} not found`);
  }

  partitionSubject(namespace: string): PartitionSubject {
    return { namespace };
  }

  async partitionExempt(): Promise<boolean> {
    // gated by ai-gateway.platform.manage: the platform is not limited by its own partitions
    return true;
  }
}

/**
 * What an access decision (approve / claim / rotate / revoke / expire / reapply, taken and permission-checked by
 * the access service) lets the writer do: the named objects of one grant in the API owner's namespace.
 */
export interface AccessDecision {
  /** e.g. `approve`, `claim`, `rotate`, `revoke` (audited) */
  decision: string;
  grantId: string;
  cluster: string;
  namespace: string;
  /** the writes the decision implies */
  actions: ScopeAction[];
  /** the only object names it may write */
  names: string[];
  /** labels every written object gets (grant id, the API owner entity's labels, the key selector's labels) */
  labels: Record<string, string>;
  /** whether an existing object of one of those names is the decision's to change (e.g. carries its grant label) */
  owns(object: KubeObject): boolean;
  /** the annotated entities selecting an object (409 when several): the ownership index, when wired */
  claimants?(object: KubeObject): Promise<string[]>;
  /** the API owner entity the labels stand for */
  ownerEntityRef?: string;
}

/** The write scope of an access decision: permission was the decision's; place / claim / owns are the grant's. */
export class AccessDecisionWriteScope implements WriteScope {
  readonly kinds = ['entity', 'secret'] as const;

  constructor(readonly decision: AccessDecision) {}

  async authorize(action: ScopeAction): Promise<void> {
    if (action !== 'read' && !this.decision.actions.includes(action))
      throw new NotAllowedError(
        `${this.decision.decision} of grant ${this.decision.grantId} does not ${action} objects`,
      );
  }

  place(kind: ResourceKindDescriptor, name: string): Location {
    const { cluster, namespace, names, grantId } = this.decision;
    if (!names.includes(name))
      throw new NotAllowedError(
        `${kind.kind} ${name} is not an object of grant ${grantId}`,
      );
    return { cluster, namespace };
  }

  claim(object: KubeObject, namespace: string): KubeObject {
    const given = object.metadata?.namespace;
    if (given && given !== namespace)
      throw new FieldInputError(
        'metadata.namespace',
        `'${given}' is not the namespace of the API ('${namespace}')`,
      );
    const labels = { ...object.metadata?.labels, ...this.decision.labels };
    return { ...object, metadata: { ...object.metadata, namespace, labels } };
  }

  owns(object: KubeObject): boolean {
    return (
      object.metadata.namespace === this.decision.namespace &&
      this.decision.owns(object)
    );
  }

  async assertSoleOwner(object: KubeObject): Promise<void> {
    const { claimants, ownerEntityRef } = this.decision;
    if (claimants && ownerEntityRef)
      await assertSoleOwner(claimants, ownerEntityRef, object);
  }

  notFound(kind: string, name: string, namespace: string): Error {
    return new NotFoundError(
      `${kind} ${namespace}/${name} of grant ${this.decision.grantId} not found`,
    );
  }

  partitionSubject(namespace: string): PartitionSubject {
    return { namespace, entityRef: this.decision.ownerEntityRef };
  }

  async partitionExempt(): Promise<boolean> {
    // a grant writes in the API owner's name and is limited like the owner's own routes
    return false;
  }
}
