/**
 * Live sessions seen in the last second, so that a signed-in request costs no query. A change
 * to sessions or users (sign-out, revocation, a role or email change, a deleted user) makes
 * every instance forget them all: this one at once, the others through a PostgreSQL
 * notification, or, where none arrives (a dropped connection), when the second is up.
 */
import type { Role } from '../../data/caller';

/** A live session as the credential check needs it. */
export interface LiveSession {
  id: string;
  user_id: string;
  email: string;
  role: Role;
  expires_at: string;
}

interface Entry {
  session: LiveSession;
  until: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by `forgetAll`, so that a lookup that began before a change does not keep what it read. */
  private generation = 0;

  constructor(
    private readonly ttlMs = 1000,
    private readonly capacity = 10_000,
  ) {}

  /** The live session `id`, from memory when seen less than `ttlMs` ago, else from `load`. */
  async lookup(id: string, load: (id: string) => Promise<LiveSession | undefined>): Promise<LiveSession | undefined> {
    const now = Date.now();
    const hit = this.fresh(id, now);
    if (hit) return hit;
    const generation = this.generation;
    const session = await load(id);
    if (!session) this.entries.delete(id);
    else if (generation === this.generation) this.keep(session, now);
    return session;
  }

  /** The live session `id` when seen less than `ttlMs` ago; undefined when it must be looked up. */
  fresh(id: string, now = Date.now()): LiveSession | undefined {
    const hit = this.entries.get(id);
    return hit && hit.until > now ? hit.session : undefined;
  }

  private keep(session: LiveSession, now: number): void {
    if (this.entries.size >= this.capacity) this.entries.clear();
    const until = Math.min(now + this.ttlMs, Date.parse(session.expires_at));
    this.entries.set(session.id, { session, until });
  }

  /** Forgets every session (sessions or users changed somewhere). */
  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }
}
