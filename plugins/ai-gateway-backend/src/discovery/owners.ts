import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  DiscoveryOwnership,
  isDiscoveryEntity,
  KubeObject,
  LABEL_KUBERNETES_ID,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResolvedSelection, resolveSelection } from '../entities/selection';
import { isSelected } from '../mutations/ownership';

/** An annotated catalog entity with what discovery copies from it. */
export interface OwnerEntity {
  resolved: ResolvedSelection;
  entityRef: string;
  /** full entity ref of `spec.owner` (the entity itself for a Group / User) */
  owner?: string;
  system?: string;
  kubernetesAnnotations: Record<string, string>;
}

const K8S_ANNOTATIONS = [
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
];

function fullRef(
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof ref !== 'string' || !ref.trim()) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

/** Turns catalog entities into {@link OwnerEntity}s; entities with a malformed selector select nothing. */
export function toOwnerEntities(
  entities: Entity[],
  logger?: LoggerService,
): OwnerEntity[] {
  const out: OwnerEntity[] = [];
  for (const entity of entities) {
    // API / Resource entities emitted by discovery copy their owner's annotations: not claimants
    if (isDiscoveryEntity(entity)) continue;
    let resolved: ResolvedSelection;
    try {
      resolved = resolveSelection(entity);
    } catch (e) {
      logger?.debug(`ai-gateway discovery: ignoring entity selection: ${e}`);
      continue;
    }
    const ns = entity.metadata.namespace ?? 'default';
    const kind = entity.kind.toLowerCase();
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    const annotations = entity.metadata.annotations ?? {};
    out.push({
      resolved,
      entityRef: resolved.selection.entityRef,
      owner:
        kind === 'group' || kind === 'user'
          ? resolved.selection.entityRef
          : fullRef(spec.owner, 'group', ns),
      system: fullRef(spec.system, 'system', ns),
      kubernetesAnnotations: Object.fromEntries(
        K8S_ANNOTATIONS.filter(a => annotations[a]).map(a => [
          a,
          annotations[a],
        ]),
      ),
    });
  }
  return out;
}

/**
 * Who owns an object, by the existing ownership rule (`resolveSelection` + `isSelected`: the entity whose
 * kubernetes annotations select it). Exactly one selecting entity → its owner and system; none or several
 * (ambiguous, read-only for writes) → `defaultOwner`, marked unowned.
 */
export class OwnerLookup {
  private readonly byId = new Map<string, OwnerEntity[]>();
  private readonly bySelector: OwnerEntity[] = [];

  constructor(owners: OwnerEntity[], private readonly defaultOwner: string) {
    for (const o of owners) {
      const id = o.resolved.selection.labelSelector
        ? undefined
        : o.resolved.selection.kubernetesId;
      if (id) {
        const list = this.byId.get(id) ?? [];
        list.push(o);
        this.byId.set(id, list);
      } else {
        this.bySelector.push(o);
      }
    }
  }

  claimants(obj: KubeObject): OwnerEntity[] {
    const id = obj.metadata.labels?.[LABEL_KUBERNETES_ID];
    const candidates = [
      ...((id && this.byId.get(id)) || []),
      ...this.bySelector,
    ];
    return candidates.filter(o => isSelected(o.resolved, obj));
  }

  /**
   * Who owns `obj`. Equal answers are one object per lookup (a snapshot of 10⁵ entities holds a few hundred
   * ownerships, not 10⁵ copies): read-only, like the rest of the snapshot.
   */
  ownership(obj: KubeObject, ownerOverride?: string): DiscoveryOwnership {
    const claimants = this.claimants(obj);
    const claimant = claimants.length === 1 ? claimants[0] : undefined;
    const perOverride = this.shared.get(claimant) ?? new Map();
    this.shared.set(claimant, perOverride);
    const known = perOverride.get(ownerOverride);
    if (known) return known;
    const made = this.make(claimant, ownerOverride);
    perOverride.set(ownerOverride, made);
    return made;
  }

  private readonly shared = new Map<
    OwnerEntity | undefined,
    Map<string | undefined, DiscoveryOwnership>
  >();

  private make(
    c: OwnerEntity | undefined,
    ownerOverride: string | undefined,
  ): DiscoveryOwnership {
    if (!c) {
      return {
        owner: ownerOverride ?? this.defaultOwner,
        unowned: !ownerOverride,
      };
    }
    return {
      owner: ownerOverride ?? c.owner ?? this.defaultOwner,
      unowned: !ownerOverride && !c.owner,
      ...(c.system ? { system: c.system } : {}),
      entityRef: c.entityRef,
      kubernetesAnnotations: c.kubernetesAnnotations,
    };
  }
}

const EMPTY_RETRY_MS = 5_000;

/**
 * The annotated catalog entities, loaded with the plugin's own credentials and reloaded every `refreshMs`;
 * listeners hear when the set changed.
 */
export class OwnerDirectory {
  private owners: OwnerEntity[] = [];
  private fingerprint = '';
  private loaded?: Promise<void>;
  private timer?: ReturnType<typeof setInterval>;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger?: LoggerService;
      refreshMs?: number;
    },
  ) {}

  start(): void {
    this.timer ??= setInterval(
      () => void this.load(),
      this.options.refreshMs ?? 60_000,
    );
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current entities (the first call waits for the first load). */
  async current(): Promise<OwnerEntity[]> {
    this.loaded ??= this.load();
    await this.loaded;
    return this.owners;
  }

  async load(): Promise<void> {
    try {
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const { items } = await this.options.catalog.getEntities(
        {
          filter: [
            {
              [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]:
                CATALOG_FILTER_EXISTS,
            },
            {
              [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]:
                CATALOG_FILTER_EXISTS,
            },
          ],
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
            'spec.owner',
            'spec.system',
          ],
        },
        { credentials },
      );
      const owners = toOwnerEntities(items, this.options.logger);
      // right after a start the catalog may not have ingested its locations yet: every API would be emitted as
      // unowned (owned by the default owner) for a whole refresh period, so look again soon while it is empty
      if (owners.length === 0 && this.timer) {
        const soon = setTimeout(() => {
          if (this.timer) void this.load();
        }, EMPTY_RETRY_MS);
        soon.unref?.();
      }
      const fingerprint = JSON.stringify(
        owners.map(o => [
          o.entityRef,
          o.owner,
          o.system,
          o.kubernetesAnnotations,
        ]),
      );
      this.owners = owners;
      if (fingerprint !== this.fingerprint) {
        this.fingerprint = fingerprint;
        this.listeners.forEach(l => l());
      }
    } catch (e) {
      // keep the last known owners; the next refresh retries
      this.options.logger?.warn(
        `ai-gateway discovery: could not load the annotated catalog entities: ${e}`,
      );
    }
  }
}
