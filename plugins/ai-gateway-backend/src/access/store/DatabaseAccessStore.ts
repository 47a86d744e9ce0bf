import { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  AccessGrant,
  AccessRequest,
  GrantDrift,
  GrantObjectRef,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { Knex } from 'knex';
import { StoreContext } from './context';
import { migrateAccessStore } from './migrate';
import { readHistory } from './events';
import * as grants from './grants';
import * as queries from './queries';
import * as requests from './requests';
import { LIVE_GRANT_STATES } from './rows';
import type {
  AccessEvent,
  AccessStore,
  Approval,
  GrantFilter,
  IssuedKeyRecord,
  KeyRotation,
  NewAccessRequest,
  RequestFilter,
} from './types';

export interface DatabaseAccessStoreOptions {
  /** the clock transitions record (tests pass a fixed one) */
  clock?: () => Date;
}

/** {@link AccessStore} on the plugin's database (PostgreSQL in production, SQLite in the demo). */
export class DatabaseAccessStore implements AccessStore {
  /** Runs the migrations in `migrations/` (unless `database.migrations.skip`) and returns the store. */
  static async create(
    database: DatabaseService,
    options: DatabaseAccessStoreOptions = {},
  ): Promise<DatabaseAccessStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) await migrateAccessStore(knex);
    return new DatabaseAccessStore(knex, options);
  }

  private readonly ctx: StoreContext;

  constructor(knex: Knex, options: DatabaseAccessStoreOptions = {}) {
    const clock = options.clock ?? (() => new Date());
    this.ctx = { knex, now: () => clock().toISOString() };
  }

  createRequest(input: NewAccessRequest) {
    return requests.createRequest(this.ctx, input);
  }
  approve(requestId: string, approval: Approval) {
    return requests.approve(this.ctx, requestId, approval);
  }
  decide(
    requestId: string,
    to: 'denied' | 'cancelled' | 'closed',
    by: string,
    note?: string,
  ) {
    return requests.decide(this.ctx, requestId, to, by, note);
  }
  undoApproval(requestId: string, by: string, reason: string) {
    return requests.undoApproval(this.ctx, requestId, by, reason);
  }
  getRequest(id: string) {
    return queries.getRequest(this.ctx, id);
  }
  listRequests(filter: RequestFilter) {
    return queries.listRequests(this.ctx, filter);
  }
  pendingRequestsFor(apiRefs: string[]) {
    return queries.pendingRequestsFor(this.ctx, apiRefs);
  }

  getGrant(id: string) {
    return queries.getGrant(this.ctx, id);
  }
  getGrantByRequest(requestId: string) {
    return queries.getGrantByRequest(this.ctx, requestId);
  }
  listGrants(filter: GrantFilter) {
    return queries.listGrants(this.ctx, filter);
  }
  issueKey(grantId: string, key: IssuedKeyRecord) {
    return grants.issueKey(this.ctx, grantId, key);
  }
  rotateKey(grantId: string, rotation: KeyRotation) {
    return grants.rotateKey(this.ctx, grantId, rotation);
  }
  clearPreviousKey(grantId: string, previousKeyId: string, by: string) {
    return grants.clearPreviousKey(this.ctx, grantId, previousKeyId, by);
  }
  revoke(grantId: string, by: string, note?: string) {
    return grants.revoke(this.ctx, grantId, by, note);
  }
  expire(grantId: string, by: string, now?: Date) {
    return grants.expire(this.ctx, grantId, by, now);
  }
  recordDrift(grantId: string, drift: GrantDrift, by: string) {
    return grants.recordDrift(this.ctx, grantId, drift, by);
  }
  clearDrift(grantId: string, by: string) {
    return grants.clearDrift(this.ctx, grantId, by);
  }
  recordObjects(
    grantId: string,
    objects: GrantObjectRef[],
    by: string,
    unenforcedLimits?: string | null,
  ) {
    return grants.recordObjects(
      this.ctx,
      grantId,
      objects,
      by,
      unenforcedLimits,
    );
  }
  grantsDueToExpire(now?: Date) {
    return queries.grantsDueToExpire(this.ctx, now);
  }
  grantsWithPreviousKeyPastGrace(now?: Date) {
    return queries.grantsWithPreviousKeyPastGrace(this.ctx, now);
  }

  async openForApi(
    apiRef: string,
  ): Promise<{ pendingRequests: AccessRequest[]; grants: AccessGrant[] }> {
    return {
      pendingRequests: await this.listRequests({ apiRef, state: 'pending' }),
      grants: await this.listGrants({ apiRef, state: LIVE_GRANT_STATES }),
    };
  }

  history(
    of: { requestId: string } | { grantId: string },
  ): Promise<AccessEvent[]> {
    return readHistory(this.ctx.knex, of);
  }
}
