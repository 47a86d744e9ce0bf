import {
  GrantDrift,
  GrantObjectRef,
  GRANT_LABELS,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { differences, expectedObjects } from './drift';
import { grantObjectName, labelValue, sharedPolicyName } from './names';
import {
  assertGrantable,
  grantPolicy,
  keyEntry,
  latestKeyId,
  newKey,
  nextKeyId,
  secretLabels,
  sharedPolicy,
  unenforcedLimits,
} from './objects';
import { reapplyPlan } from './reapply';
import { resolveTarget } from './target';
import {
  ApiSource,
  GrantObjectsApi,
  GrantOwners,
  GrantSpec,
  GrantTarget,
  IssuedGrantKey,
  IssueKeyInput,
  MaterializeInput,
  MaterializeResult,
  ReapplyInput,
  RemoveInput,
  RemoveKeyEntryInput,
} from './types';
import { GrantWriter, GrantWriterOptions, PlannedObject } from './writes';

export interface GrantObjectsOptions extends GrantWriterOptions {
  /** the API owner entity of a route (discovery's ownership rule): see `ownersFromDiscovery` */
  owners: GrantOwners;
}

const POLICY_WRITE = 'ai-gateway-resource-mutate' as const;
const SECRET_WRITE = 'ai-gateway-secret-write' as const;

/**
 * The cluster objects of access grants — the only code that touches the cluster for a grant. Reads come from the
 * watch caches; every write goes through the one object writer (schema + CEL validation, dry run, references,
 * compensation when a multi-object write fails halfway) under the access decision's scope, audited with the actor.
 * Keys: only their sha256 hash is written; the raw key is returned once and never logged, audited or thrown.
 */
export class GrantObjects implements GrantObjectsApi {
  private readonly writes: GrantWriter;

  constructor(private readonly o: GrantObjectsOptions) {
    this.writes = new GrantWriter(o);
  }

  target(api: ApiSource): Promise<GrantTarget> {
    return resolveTarget(this.o.reader, this.o.owners, api, this.o.logger);
  }

  private refs(target: GrantTarget, objects: KubeObject[]): GrantObjectRef[] {
    return objects.map(o => ({
      cluster: target.cluster,
      kind: o.kind,
      namespace: target.namespace,
      name: o.metadata.name,
    }));
  }

  private live(target: GrantTarget, kind: string, name: string) {
    return this.o.reader.get(target.cluster, kind, target.namespace, name);
  }

  /** The shared api-key policy, to create when the route needs it and it is not there. */
  private sharedIfMissing(decision: string, grantId: string, t: GrantTarget) {
    const shared = sharedPolicy(t);
    if (!shared || this.live(t, shared.kind, shared.metadata.name)) return [];
    return [this.writes.put(decision, grantId, t, shared, true)];
  }

  async materialize(input: MaterializeInput): Promise<MaterializeResult> {
    const { grantId, scope, target, actor } = input;
    assertGrantable(target);
    const policy = grantPolicy(grantId, scope, target);
    const shared = sharedPolicy(target);
    const planned: PlannedObject[] = [
      ...this.sharedIfMissing('approve', grantId, target),
    ];
    if (policy)
      planned.push(this.writes.put('approve', grantId, target, policy));
    await this.writes.write(
      { decision: 'approve', grantId, actor, eventId: POLICY_WRITE },
      planned,
    );
    const limits = unenforcedLimits(scope, target);
    return {
      objects: this.refs(target, [
        ...(shared ? [shared] : []),
        ...(policy ? [policy] : []),
      ]),
      ...(limits ? { unenforcedLimits: limits } : {}),
    };
  }

  async issueKey(input: IssueKeyInput): Promise<IssuedGrantKey> {
    const { grantId, consumerRef, target, rotate, actor } = input;
    assertGrantable(target);
    const name = grantObjectName(grantId);
    const decision = rotate ? 'rotate' : 'claim';
    const scope = this.writes.scope(
      { decision, grantId },
      target,
      { grantObject: name, labels: secretLabels(grantId, target) },
      ['create', 'update'],
    );
    const known = [
      ...Object.keys(this.live(target, 'Secret', name)?.data ?? {}),
      ...(input.currentKeyId ? [input.currentKeyId] : []),
    ];
    let keyId = rotate ? nextKeyId(known) : 'key-1';
    // the cache may lag behind the Secret: never reuse an entry it already has (asked fresh, 404 when absent)
    while (rotate && (await this.writes.hasKey(scope, name, keyId)))
      keyId = nextKeyId([...known, keyId]);
    const previousKeyId = rotate
      ? input.currentKeyId ?? latestKeyId(known)
      : undefined;
    const key = newKey();
    const entry = { [keyId]: keyEntry(key, consumerRef, grantId) };
    await this.writes.write(
      { decision, grantId, actor, eventId: SECRET_WRITE },
      [
        ...this.sharedIfMissing(decision, grantId, target),
        {
          scope,
          request: rotate
            ? { action: 'patchSecret', name, secret: { stringData: entry } }
            : {
                action: 'putSecret',
                name,
                secret: { type: 'Opaque', stringData: entry },
              },
        },
      ],
    );
    return {
      key,
      keyId,
      keyPrefix: key.slice(0, 8),
      ...(previousKeyId ? { previousKeyId } : {}),
      secret: this.refs(target, [
        { apiVersion: 'v1', kind: 'Secret', metadata: { name } },
      ])[0],
    };
  }

  async removeKeyEntry(input: RemoveKeyEntryInput): Promise<void> {
    const { grantId, target, keyId, actor } = input;
    const name = grantObjectName(grantId);
    const scope = this.writes.scope(
      { decision: 'rotate-grace-end', grantId },
      target,
      { grantObject: name, labels: secretLabels(grantId, target) },
      ['update'],
    );
    await this.writes.write(
      { decision: 'rotate-grace-end', grantId, actor, eventId: SECRET_WRITE },
      [
        {
          scope,
          request: {
            action: 'patchSecret',
            name,
            secret: { stringData: {}, remove: [keyId] },
          },
          skipIfMissing: true,
        },
      ],
    );
  }

  /** Whether another grant still has objects on the route (then the shared api-key policy stays). */
  private othersOnRoute(target: GrantTarget, grantId: string): boolean {
    const requirements = [
      {
        key: GRANT_LABELS.apiKeysFor,
        op: 'in' as const,
        values: [labelValue(target.route.name)],
      },
    ];
    return ['Secret', 'AgentgatewayPolicy'].some(kind =>
      this.o.reader
        .query(target.cluster, kind, {
          namespaces: [target.namespace],
          requirements,
        })
        .some(o => {
          const id = o.metadata.labels?.[GRANT_LABELS.grant];
          return !!id && id !== grantId;
        }),
    );
  }

  async remove(input: RemoveInput): Promise<void> {
    const { grantId, target, actor } = input;
    const decision = input.reason ?? 'revoke';
    const name = grantObjectName(grantId);
    const scope = this.writes.scope(
      { decision, grantId },
      target,
      { grantObject: name, labels: {} },
      ['delete'],
    );
    // the Secret first: the key stops working before anything else goes
    const planned: PlannedObject[] = ['Secret', 'AgentgatewayPolicy'].map(
      kind => ({
        scope,
        request: { action: 'delete', kind, name },
        skipIfMissing: true,
      }),
    );
    const sharedName = sharedPolicyName(target.route.name);
    if (
      target.apiKeys.mode === 'shared' &&
      !this.othersOnRoute(target, grantId)
    )
      planned.push({
        scope: this.writes.scope(
          { decision, grantId },
          target,
          { shared: true, labels: {} },
          ['delete'],
        ),
        request: {
          action: 'delete',
          kind: 'AgentgatewayPolicy',
          name: sharedName,
        },
        skipIfMissing: true,
      });
    await this.writes.write(
      { decision, grantId, actor, eventId: SECRET_WRITE },
      planned,
    );
  }

  drift(grant: GrantSpec, target: GrantTarget): GrantDrift | undefined {
    if (target.route.kind === 'AgentgatewayModel') return undefined;
    const found = differences(
      this.o.reader,
      target,
      expectedObjects(grant, target),
    );
    return found.length
      ? { detectedAt: new Date().toISOString(), differences: found }
      : undefined;
  }

  async reapply(input: ReapplyInput): Promise<MaterializeResult> {
    const { grantId, target, actor } = input;
    assertGrantable(target);
    const { planned, expected, lostKeyIds } = reapplyPlan(
      this.writes,
      this.o.reader,
      input,
    );
    await this.writes.write(
      { decision: 'reapply', grantId, actor, eventId: POLICY_WRITE },
      planned,
    );
    return {
      objects: this.refs(target, [
        ...(expected.shared ? [expected.shared] : []),
        ...(expected.policy ? [expected.policy] : []),
      ]),
      ...(lostKeyIds.length ? { lostKeyIds } : {}),
    };
  }
}
