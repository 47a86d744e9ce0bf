/*
 * Keys and the lifecycle of a grant against kube-local seeded with the demo cluster: the claim writes a Secret entry
 * with the key's sha256 hash and metadata (the raw key is nowhere: not in the Secret, the audit events or the
 * logs), rotate keeps two entries and removeKeyEntry leaves one, drift finds a hand edit and deletions and reapply
 * fixes them, remove deletes the grant's objects and the shared api-key policy only with the route's last grant.
 */
import { createHash } from 'node:crypto';
import { GRANT_LABELS } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  GrantsEnv,
  eventually,
  startGrantsEnv,
} from './__testUtils__/grantsEnv';
import { GrantTarget } from './types';

jest.setTimeout(120_000);

const NS = 'team-support';
const CONSUMER = 'component:default/search-rag';
const ACTOR = 'user:default/sofia.search';
const SHARED = 'aigw-apikeys-support-kb-mcp';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('GrantObjects: keys, drift, reapply, remove', () => {
  let env: GrantsEnv;
  let target: GrantTarget;
  const keys: string[] = [];

  const entries = async (grantId: string) => {
    const secret = await env.admin(env.secretPath(NS, `aigw-grant-${grantId}`));
    return Object.fromEntries(
      Object.entries(secret?.data ?? {}).map(([k, v]) => [
        k,
        JSON.parse(Buffer.from(v, 'base64').toString()),
      ]),
    );
  };
  const cached = (kind: string, name: string) =>
    env.caches.get('local', kind, NS, name);
  const spec = {
    grantId: 'k1',
    consumerRef: CONSUMER,
    scope: { tools: ['search_kb'] },
  };

  beforeAll(async () => {
    env = await startGrantsEnv();
    target = await env.grants.target({
      cluster: 'local',
      source: `HTTPRoute:${NS}/support-kb-mcp`,
    });
    for (const grantId of ['k1', 'k2'])
      await env.grants.materialize({ ...spec, grantId, target, actor: ACTOR });
  });
  afterAll(() => env?.close());

  it('claim: the Secret entry holds the sha256 of the key and the metadata, labelled for the selector and owner', async () => {
    const issued = await env.grants.issueKey({
      grantId: 'k1',
      consumerRef: CONSUMER,
      target,
      rotate: false,
      actor: ACTOR,
    });
    keys.push(issued.key);
    expect(issued.key).toMatch(/^agw_[A-Za-z0-9_-]{43}$/);
    expect(issued).toMatchObject({
      keyId: 'key-1',
      keyPrefix: issued.key.slice(0, 8),
      secret: {
        cluster: 'local',
        kind: 'Secret',
        namespace: NS,
        name: 'aigw-grant-k1',
      },
    });
    expect(await entries('k1')).toEqual({
      'key-1': {
        keyHash: `sha256:${sha256(issued.key)}`,
        metadata: { consumer: CONSUMER, grant: 'k1' },
      },
    });
    const secret = await env.admin(env.secretPath(NS, 'aigw-grant-k1'));
    expect(secret?.type).toBe('Opaque');
    // the whole Secret as the API server stores it: no form of the raw key
    const stored = JSON.stringify(secret);
    for (const form of [
      issued.key,
      issued.key.slice(4),
      Buffer.from(issued.key).toString('base64'),
    ])
      expect(stored).not.toContain(form);
    expect(secret?.metadata.labels).toEqual({
      'backstage.io/kubernetes-id': 'support-assistant',
      [GRANT_LABELS.grant]: 'k1',
      [GRANT_LABELS.apiKeysFor]: 'support-kb-mcp',
    });
  });

  it('rotate adds an entry and keeps the others, also right after another (cache behind); removeKeyEntry removes one (twice: no error)', async () => {
    await eventually(() =>
      expect(cached('Secret', 'aigw-grant-k1')).toBeDefined(),
    );
    const rotated = await env.grants.issueKey({
      grantId: 'k1',
      consumerRef: CONSUMER,
      target,
      rotate: true,
      currentKeyId: 'key-1',
      actor: ACTOR,
    });
    expect(rotated).toMatchObject({ keyId: 'key-2', previousKeyId: 'key-1' });
    // at once again, without the store's current key: the cache may not show key-2 yet, key-2 is not reused
    const again = await env.grants.issueKey({
      grantId: 'k1',
      consumerRef: CONSUMER,
      target,
      rotate: true,
      actor: ACTOR,
    });
    keys.push(rotated.key, again.key);
    expect(again.keyId).toBe('key-3');
    const all = await entries('k1');
    expect(Object.keys(all)).toEqual(['key-1', 'key-2', 'key-3']);
    expect(all['key-2'].keyHash).toBe(`sha256:${sha256(rotated.key)}`);
    expect(all['key-3'].keyHash).toBe(`sha256:${sha256(again.key)}`);
    for (const keyId of ['key-1', 'key-2', 'key-2'])
      await env.grants.removeKeyEntry({
        grantId: 'k1',
        target,
        keyId,
        actor: ACTOR,
      });
    expect(Object.keys(await entries('k1'))).toEqual(['key-3']);
  });

  it('drift: a hand edit of the policy, a removed Secret label, an added key entry and a deleted shared policy; reapply fixes them', async () => {
    const grant = { ...spec, keyIds: ['key-3'] };
    await eventually(() =>
      expect(env.grants.drift(grant, target)).toBeUndefined(),
    );
    const edited = await env.adminWrite(
      env.policyPath(NS, 'aigw-grant-k1'),
      'PATCH',
      {
        spec: {
          backend: {
            mcp: { authorization: { policy: { matchExpressions: ['true'] } } },
          },
        },
      },
    );
    expect(edited.status).toBe(200);
    await env.adminWrite(env.secretPath(NS, 'aigw-grant-k1'), 'PATCH', {
      metadata: { labels: { [GRANT_LABELS.apiKeysFor]: null } },
      stringData: { 'hand-added': 'agk-added-by-hand' },
    });
    expect(
      (await env.adminWrite(env.policyPath(NS, SHARED), 'DELETE')).status,
    ).toBe(200);
    const ref = (kind: string, name: string) => ({
      cluster: 'local',
      kind,
      namespace: NS,
      name,
    });
    const drift = await eventually(() => {
      const d = env.grants.drift(grant, target);
      expect(d?.differences).toHaveLength(3);
      return d!;
    });
    expect(drift.differences).toEqual([
      {
        object: ref('AgentgatewayPolicy', 'aigw-grant-k1'),
        change: 'changed',
        paths: ['spec.backend.mcp.authorization.policy.matchExpressions[0]'],
      },
      { object: ref('AgentgatewayPolicy', SHARED), change: 'missing' },
      {
        object: ref('Secret', 'aigw-grant-k1'),
        change: 'changed',
        paths: [
          `metadata.labels.${GRANT_LABELS.apiKeysFor}`,
          'data.hand-added',
        ],
      },
    ]);
    const result = await env.grants.reapply({ ...grant, target, actor: ACTOR });
    expect(result.lostKeyIds).toBeUndefined();
    await eventually(() =>
      expect(env.grants.drift(grant, target)).toBeUndefined(),
    );
    expect(Object.keys(await entries('k1'))).toEqual(['key-3']);

    // a deleted Secret cannot be put back (only the hash was there): reapply says which keys are lost
    await env.adminWrite(env.secretPath(NS, 'aigw-grant-k1'), 'DELETE');
    await eventually(() =>
      expect(env.grants.drift(grant, target)?.differences).toEqual([
        { object: ref('Secret', 'aigw-grant-k1'), change: 'missing' },
      ]),
    );
    const lost = await env.grants.reapply({ ...grant, target, actor: ACTOR });
    expect(lost.lostKeyIds).toEqual(['key-3']);
  });

  it('remove: the grant objects go; the shared policy stays while another grant is on the route, goes with the last', async () => {
    await env.grants.issueKey({
      grantId: 'k1',
      consumerRef: CONSUMER,
      target,
      rotate: false,
      actor: ACTOR,
    });
    await eventually(() =>
      expect(cached('Secret', 'aigw-grant-k1')).toBeDefined(),
    );
    await env.grants.remove({ grantId: 'k1', target, actor: ACTOR });
    expect(
      await env.admin(env.secretPath(NS, 'aigw-grant-k1')),
    ).toBeUndefined();
    expect(
      await env.admin(env.policyPath(NS, 'aigw-grant-k1')),
    ).toBeUndefined();
    expect(await env.admin(env.policyPath(NS, SHARED))).toBeDefined();
    await eventually(() =>
      expect(cached('AgentgatewayPolicy', 'aigw-grant-k1')).toBeUndefined(),
    );
    await env.grants.remove({
      grantId: 'k2',
      target,
      actor: ACTOR,
      reason: 'expire',
    });
    expect(
      await env.admin(env.policyPath(NS, 'aigw-grant-k2')),
    ).toBeUndefined();
    expect(await env.admin(env.policyPath(NS, SHARED))).toBeUndefined();
    // removing again is nothing to do
    await eventually(() =>
      expect(cached('AgentgatewayPolicy', SHARED)).toBeUndefined(),
    );
    await env.grants.remove({ grantId: 'k2', target, actor: ACTOR });
  });

  it('no raw key in any audit event or log line; every write audited with the actor', () => {
    expect(keys.length).toBe(3);
    const audits = JSON.stringify(env.audits);
    const logs = JSON.stringify(env.lines);
    for (const key of keys) {
      for (const form of [
        key,
        key.slice(4),
        Buffer.from(key).toString('base64'),
      ]) {
        expect(audits).not.toContain(form);
        expect(logs).not.toContain(form);
      }
    }
    const done = (
      env.audits as Array<{ status: string; meta: Record<string, string> }>
    ).filter(e => e.status !== 'initiated');
    expect(done.map(e => [e.meta.decision, e.meta.actor, e.status])).toEqual([
      ['approve', ACTOR, 'succeeded'],
      ['approve', ACTOR, 'succeeded'],
      ['claim', ACTOR, 'succeeded'],
      ['rotate', ACTOR, 'succeeded'],
      ['rotate', ACTOR, 'succeeded'],
      ['rotate-grace-end', ACTOR, 'succeeded'],
      ['rotate-grace-end', ACTOR, 'succeeded'],
      ['rotate-grace-end', ACTOR, 'succeeded'],
      ['reapply', ACTOR, 'succeeded'],
      ['claim', ACTOR, 'succeeded'],
      ['revoke', ACTOR, 'succeeded'],
      ['expire', ACTOR, 'succeeded'],
      ['revoke', ACTOR, 'succeeded'],
    ]);
  });
});
