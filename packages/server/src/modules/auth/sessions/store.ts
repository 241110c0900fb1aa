/** The SQL of sessions and their refresh tokens (`ls_sessions`, `ls_refresh_tokens`) and the public shape of a session; no rules. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { isoIn, nowIso } from '../../../clock';
import type { Tables } from '../../../db/tables';
import { tokenHash } from '../tokens';

/** A row of `ls_sessions`. */
export type SessionRow = Selectable<Tables['ls_sessions']>;

/** A session as the API shows it (`AuthSession`). */
export function toPublicSession(row: SessionRow) {
  return {
    id: row.id,
    user_id: row.user_id,
    device: row.device,
    ip_address: row.ip_address,
    created_at: row.created_at,
    last_active: row.last_active,
    expires_at: row.expires_at,
  };
}

/** What looking up a refresh token found. */
export type RefreshLookup =
  | { kind: 'unknown' }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'inactive'; sessionId: string }
  | { kind: 'valid'; sessionId: string; userId: string };

/** Sessions and their refresh tokens (`ls_sessions`, `ls_refresh_tokens`). */
export class SessionsStore {
  /** `changed` is told after every write that can end a session or change what it grants (the session cache forgets). */
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly changed: () => Promise<void> = async () => {},
  ) {}

  async create(userId: string, ttlSeconds: number, device: string | null, ip: string | null): Promise<SessionRow> {
    const now = nowIso();
    const row: SessionRow = {
      id: randomUUID(),
      user_id: userId,
      device,
      ip_address: ip,
      created_at: now,
      last_active: now,
      expires_at: isoIn(ttlSeconds),
      revoked_at: null,
    };
    await this.db.insertInto('ls_sessions').values(row).execute();
    return row;
  }

  byId(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('ls_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The session and its user's current role and email, if the session is live. */
  active(id: string) {
    return this.db
      .selectFrom('ls_sessions')
      .innerJoin('ls_users', 'ls_users.id', 'ls_sessions.user_id')
      .select(['ls_sessions.id', 'ls_users.id as user_id', 'ls_users.email', 'ls_users.role', 'ls_sessions.expires_at'])
      .where('ls_sessions.id', '=', id)
      .where('ls_sessions.revoked_at', 'is', null)
      .where('ls_sessions.expires_at', '>', nowIso())
      .executeTakeFirst();
  }

  /** Live sessions, of one user or of everybody, newest first. */
  async list(userId: string | undefined, limit: number, offset: number) {
    let base = this.db.selectFrom('ls_sessions').where('revoked_at', 'is', null).where('expires_at', '>', nowIso());
    if (userId) base = base.where('user_id', '=', userId);
    const rows = await base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  }

  async revoke(id: string): Promise<void> {
    await this.db
      .updateTable('ls_sessions')
      .set({ revoked_at: nowIso() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    await this.changed();
  }

  /** Revokes every live session of `userId`, but `keep` (the caller's own, when it changes its password). */
  async revokeAllOf(userId: string, keep?: string): Promise<void> {
    let query = this.db
      .updateTable('ls_sessions')
      .set({ revoked_at: nowIso() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keep) query = query.where('id', '!=', keep);
    await query.execute();
    await this.changed();
  }

  async touch(id: string): Promise<void> {
    await this.db.updateTable('ls_sessions').set({ last_active: nowIso() }).where('id', '=', id).execute();
  }

  async addRefreshToken(sessionId: string, token: string, ttlSeconds: number): Promise<void> {
    await this.db
      .insertInto('ls_refresh_tokens')
      .values({
        token_hash: tokenHash(token),
        session_id: sessionId,
        created_at: nowIso(),
        expires_at: isoIn(ttlSeconds),
        rotated_at: null,
      })
      .execute();
  }

  /** Classifies a presented refresh token: unknown, reused after rotation, of a dead session, or valid. */
  async lookupRefreshToken(token: string): Promise<RefreshLookup> {
    const row = await this.db
      .selectFrom('ls_refresh_tokens')
      .innerJoin('ls_sessions', 'ls_sessions.id', 'ls_refresh_tokens.session_id')
      .select([
        'ls_refresh_tokens.session_id',
        'ls_refresh_tokens.rotated_at',
        'ls_refresh_tokens.expires_at',
        'ls_sessions.revoked_at',
        'ls_sessions.user_id',
      ])
      .where('ls_refresh_tokens.token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!row) return { kind: 'unknown' };
    if (row.rotated_at) return { kind: 'reused', sessionId: row.session_id };
    if (row.revoked_at || row.expires_at <= nowIso()) return { kind: 'inactive', sessionId: row.session_id };
    return { kind: 'valid', sessionId: row.session_id, userId: row.user_id };
  }

  /** Marks a refresh token rotated; false if another request rotated it first. */
  async rotate(token: string): Promise<boolean> {
    const result = await this.db
      .updateTable('ls_refresh_tokens')
      .set({ rotated_at: nowIso() })
      .where('token_hash', '=', tokenHash(token))
      .where('rotated_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
