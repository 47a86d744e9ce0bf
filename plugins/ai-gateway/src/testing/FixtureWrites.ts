import {
  Capabilities,
  CreateResourceRequest,
  CreateResourceResponse,
  KubeObject,
  ResourceItem,
  SecretInput,
  ValidateResponse,
  ValidationCause,
  findKind,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AiGatewayApiError } from '../api/errors';
import { toResourceItem } from './resourceItems';

/** The error the real client throws, with extra body fields (`causes`, `current`). */
export async function writeErrorOf(
  statusCode: number,
  name: string,
  message: string,
  extra: Record<string, unknown> = {},
): Promise<AiGatewayApiError> {
  return AiGatewayApiError.fromBody(statusCode, {
    error: { name, message, ...extra },
    ...extra,
    response: { statusCode },
  });
}

export interface FixtureWritesOptions {
  /** the namespace the "backend" stamps on created objects */
  namespace?: string;
  /** what the permission framework answers (see `fixturePermissionApi`); everything allowed by default */
  capabilities?: Partial<Capabilities>;
  /** validation of created / updated objects (tests pass the shared CRD validator); causes → 422 */
  validate?: (obj: KubeObject) => ValidationCause[];
}

/**
 * In-memory writes over the fixture objects, with the backend's semantics: namespace and label stamping,
 * resourceVersion preconditions (409 with `current`), 422 with causes, referrers from the registry's
 * `references()`, write-only Secrets (values kept apart, never returned).
 */
export class FixtureWrites {
  /** every write call, e.g. `create AgentgatewayBackend openai`, `putSecret openai-key Authorization` */
  readonly writes: string[] = [];
  /** secret values written, by secret name (what a test asserts; never returned by the API) */
  readonly secretValues = new Map<string, Record<string, string>>();
  private version = 100;

  constructor(
    private readonly objectsOf: (entityRef: string) => KubeObject[],
    private readonly options: FixtureWritesOptions = {},
  ) {}

  private async check(obj: KubeObject) {
    const causes = this.options.validate?.(obj) ?? [];
    if (causes.length > 0) {
      throw await writeErrorOf(
        422,
        'InputError',
        `${obj.kind} ${obj.metadata?.name} is invalid`,
        { causes },
      );
    }
  }

  private stamp(obj: KubeObject, existing?: KubeObject): KubeObject {
    return {
      ...obj,
      metadata: {
        ...obj.metadata,
        namespace:
          this.options.namespace ?? obj.metadata.namespace ?? 'default',
        uid: existing?.metadata.uid ?? `uid-${obj.metadata.name}`,
        resourceVersion: String(++this.version),
        creationTimestamp:
          existing?.metadata.creationTimestamp ?? new Date().toISOString(),
      },
    };
  }

  async createResource(
    entityRef: string,
    req: CreateResourceRequest,
  ): Promise<CreateResourceResponse> {
    const objects = this.objectsOf(entityRef);
    const obj = req.object;
    this.writes.push(`create ${obj.kind} ${obj.metadata?.name}`);
    if (
      this.options.namespace &&
      obj.metadata?.namespace &&
      obj.metadata.namespace !== this.options.namespace
    ) {
      throw await writeErrorOf(
        400,
        'InputError',
        'metadata.namespace: another namespace',
      );
    }
    await this.check(obj);
    if (
      objects.some(
        o => o.kind === obj.kind && o.metadata.name === obj.metadata.name,
      )
    ) {
      throw await writeErrorOf(
        409,
        'ConflictError',
        `${obj.kind} ${obj.metadata.name} already exists`,
      );
    }
    const secrets = (req.secrets ?? []).map(s => this.storeSecret(objects, s));
    const stored = this.stamp(obj);
    objects.push(stored);
    return { item: toResourceItem(stored), secrets };
  }

  /** Like `PUT {ref}/resources/{kind}/{name}`: the object and its Secrets, checked first, then written together. */
  async updateResource(
    entityRef: string,
    req: { object: KubeObject; secrets?: SecretInput[] },
  ): Promise<{ item: ResourceItem; secrets: ResourceItem[] }> {
    const obj = req.object;
    const objects = this.objectsOf(entityRef);
    this.writes.push(`update ${obj.kind} ${obj.metadata.name}`);
    const index = objects.findIndex(
      o => o.kind === obj.kind && o.metadata.name === obj.metadata.name,
    );
    if (index < 0)
      throw await writeErrorOf(
        404,
        'NotFoundError',
        `${obj.kind} ${obj.metadata.name} not found`,
      );
    const current = objects[index];
    if (obj.metadata.resourceVersion !== current.metadata.resourceVersion) {
      throw await writeErrorOf(
        409,
        'ConflictError',
        `${obj.kind} ${obj.metadata.name} was changed by someone else`,
        {
          current: toResourceItem(current),
        },
      );
    }
    await this.check(obj);
    // an existing Secret gets only the keys sent (the others keep their values); a new one is created
    const secrets = (req.secrets ?? []).map(s =>
      this.storeSecret(objects, {
        ...s,
        stringData: { ...this.secretValues.get(s.name), ...s.stringData },
      }),
    );
    objects[index] = this.stamp(obj, current);
    return { item: toResourceItem(objects[index]), secrets };
  }

  async deleteResource(
    entityRef: string,
    kind: string,
    name: string,
    resourceVersion?: string,
  ): Promise<{ pending: boolean }> {
    const objects = this.objectsOf(entityRef);
    this.writes.push(`delete ${kind} ${name}`);
    const index = objects.findIndex(
      o => o.kind === kind && o.metadata.name === name,
    );
    if (index < 0)
      throw await writeErrorOf(
        404,
        'NotFoundError',
        `${kind} ${name} not found`,
      );
    if (
      resourceVersion &&
      objects[index].metadata.resourceVersion !== resourceVersion
    ) {
      throw await writeErrorOf(
        409,
        'ConflictError',
        `${kind} ${name} was changed by someone else`,
      );
    }
    const target = objects[index];
    const finalizers = target.metadata.finalizers;
    if (Array.isArray(finalizers) && finalizers.length > 0) {
      // like the API server: an object with finalizers stays, terminating, until they are removed (202)
      objects[index] = this.stamp(
        {
          ...target,
          metadata: {
            ...target.metadata,
            deletionTimestamp:
              target.metadata.deletionTimestamp ?? new Date().toISOString(),
          },
        },
        target,
      );
      return { pending: true };
    }
    objects.splice(index, 1);
    return { pending: false };
  }

  async validateResource(
    _entityRef: string,
    obj: KubeObject,
  ): Promise<ValidateResponse> {
    const causes = this.options.validate?.(obj) ?? [];
    return { valid: causes.length === 0, causes };
  }

  async getReferrers(
    entityRef: string,
    kind: string,
    name: string,
  ): Promise<{ items: ResourceItem[] }> {
    const items = this.objectsOf(entityRef)
      .filter(o => findKind(o.kind) && o.kind !== 'Secret')
      .map(o => toResourceItem(o))
      .filter(i => i.references.some(r => r.kind === kind && r.name === name));
    return { items };
  }

  async listSecrets(entityRef: string): Promise<{ items: ResourceItem[] }> {
    return {
      items: this.objectsOf(entityRef)
        .filter(o => o.kind === 'Secret')
        .map(o => toResourceItem(o)),
    };
  }

  async putSecret(
    entityRef: string,
    secret: SecretInput,
  ): Promise<{ item: ResourceItem }> {
    this.writes.push(
      `putSecret ${secret.name} ${Object.keys(secret.stringData)
        .sort()
        .join(',')}`,
    );
    return { item: this.storeSecret(this.objectsOf(entityRef), secret) };
  }

  /** Like `PATCH {ref}/secrets/{name}`: only the keys sent change; 404 when the entity has no such Secret. */
  async patchSecret(
    entityRef: string,
    name: string,
    stringData: Record<string, string>,
  ): Promise<{ item: ResourceItem }> {
    this.writes.push(
      `patchSecret ${name} ${Object.keys(stringData).sort().join(',')}`,
    );
    const objects = this.objectsOf(entityRef);
    const existing = objects.find(
      o => o.kind === 'Secret' && o.metadata.name === name,
    );
    if (!existing)
      throw await writeErrorOf(
        404,
        'NotFoundError',
        `Secret ${name} not found for ${entityRef}`,
      );
    const kept = Object.fromEntries(
      Object.keys(existing.data ?? {}).map(k => [
        k,
        this.secretValues.get(name)?.[k] ?? '',
      ]),
    );
    return {
      item: this.storeSecret(objects, {
        name,
        type: existing.type,
        stringData: { ...kept, ...stringData },
      }),
    };
  }

  private storeSecret(
    objects: KubeObject[],
    secret: SecretInput,
  ): ResourceItem {
    // like the backend's PUT: a write replaces every key of the Secret (patchSecret merges before calling this)
    this.secretValues.set(secret.name, { ...secret.stringData });
    const keys = Object.keys(this.secretValues.get(secret.name)!);
    const index = objects.findIndex(
      o => o.kind === 'Secret' && o.metadata.name === secret.name,
    );
    const stored = this.stamp(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: secret.name },
        type: secret.type ?? 'Opaque',
        // key names only: the value never leaves the "backend"
        data: Object.fromEntries(keys.map(k => [k, ''])),
      },
      index >= 0 ? objects[index] : undefined,
    );
    if (index >= 0) objects[index] = stored;
    else objects.push(stored);
    return toResourceItem(stored);
  }
}
