/** The SQL of one-time tokens (`ls_one_time_tokens`): password-reset and email-verification tokens, stored hashed. */
import type { Kysely } from 'kysely';
import { isoIn, nowIso } from '../../../clock';
import type { Tables } from '../../../db/tables';
import { randomToken, tokenHash } from '../tokens';

/** What a one-time token is for. */
export type TokenPurpose = 'reset_password' | 'verify_email';

/** Single-use tokens for password reset and email verification, stored hashed. */
export class OneTimeTokens {
  constructor(private readonly db: Kysely<Tables>) {}

  /** A new token for `userId`, valid for `ttlSeconds`. */
  async issue(userId: string, purpose: TokenPurpose, ttlSeconds: number): Promise<string> {
    const token = randomToken();
    await this.db
      .insertInto('ls_one_time_tokens')
      .values({ token_hash: tokenHash(token), user_id: userId, purpose, expires_at: isoIn(ttlSeconds), used_at: null })
      .execute();
    return token;
  }

  /** Uses `token` once and returns its user; undefined if it is unknown, used or expired. */
  async consume(token: string, purpose: TokenPurpose): Promise<string | undefined> {
    const hash = tokenHash(token);
    const result = await this.db
      .updateTable('ls_one_time_tokens')
      .set({ used_at: nowIso() })
      .where('token_hash', '=', hash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', nowIso())
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    const row = await this.db
      .selectFrom('ls_one_time_tokens')
      .select('user_id')
      .where('token_hash', '=', hash)
      .executeTakeFirstOrThrow();
    return row.user_id;
  }
}
