/**
 * Who is present on which channel: entries of this instance's connections and, on
 * PostgreSQL, those other instances announced over the bus (dropped when an instance falls
 * silent). A user with several connections on a channel is listed once.
 */
import type { PresenceUser } from './frames';

type Entries = Map<string, Map<string, PresenceUser>>;

/** A presence entry as it travels between instances. */
export interface PresenceEntry {
  channel: string;
  connectionId: string;
  user: PresenceUser;
}

function put(entries: Entries, e: PresenceEntry): void {
  let channel = entries.get(e.channel);
  if (!channel) {
    channel = new Map();
    entries.set(e.channel, channel);
  }
  channel.set(e.connectionId, e.user);
}

function take(entries: Entries, channel: string, connectionId: string): PresenceUser | undefined {
  const map = entries.get(channel);
  const user = map?.get(connectionId);
  map?.delete(connectionId);
  if (map?.size === 0) entries.delete(channel);
  return user;
}

/** Presence across instances. */
export class Presence {
  private readonly local: Entries = new Map();
  private readonly remote = new Map<string, { seen: number; entries: Entries }>();

  private remoteOf(instance: string, now: number): Entries {
    let r = this.remote.get(instance);
    if (!r) {
      r = { seen: now, entries: new Map() };
      this.remote.set(instance, r);
    }
    r.seen = now;
    return r.entries;
  }

  /** Records a local track. */
  track(e: PresenceEntry): void {
    put(this.local, e);
  }

  /** Removes a local entry; answers it when there was one. */
  untrack(channel: string, connectionId: string): PresenceUser | undefined {
    return take(this.local, channel, connectionId);
  }

  /** Applies another instance's join or leave. */
  applyRemote(instance: string, action: 'join' | 'leave', e: PresenceEntry, now = Date.now()): void {
    const entries = this.remoteOf(instance, now);
    if (action === 'join') put(entries, e);
    else take(entries, e.channel, e.connectionId);
  }

  /** Notes that an instance is alive. */
  heard(instance: string, now = Date.now()): void {
    this.remoteOf(instance, now);
  }

  /** Forgets instances not heard from since `before`; answers the entries they held. */
  expire(before: number): PresenceEntry[] {
    const gone: PresenceEntry[] = [];
    for (const [instance, r] of this.remote) {
      if (r.seen >= before) continue;
      this.remote.delete(instance);
      for (const [channel, map] of r.entries)
        for (const [connectionId, user] of map) gone.push({ channel, connectionId, user });
    }
    return gone;
  }

  /** This instance's entries, to answer another instance's sync request. */
  localEntries(): PresenceEntry[] {
    const out: PresenceEntry[] = [];
    for (const [channel, map] of this.local)
      for (const [connectionId, user] of map) out.push({ channel, connectionId, user });
    return out;
  }

  /** Whether `userId` is still present on `channel` through any connection. */
  has(channel: string, userId: string): boolean {
    return this.users(channel).some((u) => u.user_id === userId);
  }

  /** The users present on `channel`, each once (their latest track), by arrival. */
  users(channel: string): PresenceUser[] {
    const byUser = new Map<string, PresenceUser>();
    const maps = [this.local.get(channel), ...[...this.remote.values()].map((r) => r.entries.get(channel))];
    for (const map of maps)
      for (const user of map?.values() ?? []) {
        const seen = byUser.get(user.user_id);
        if (!seen || seen.online_at <= user.online_at) byUser.set(user.user_id, user);
      }
    return [...byUser.values()].sort((a, b) => a.online_at.localeCompare(b.online_at));
  }
}
