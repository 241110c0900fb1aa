/**
 * The subscriptions of this instance, indexed for fan-out: by channel (broadcast and
 * presence), by table (database changes), by id (the admin routes), and standing
 * subscriptions of the unified pipeline by user.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from './connection';
import type { Condition } from './filter';

/** One subscription: of a connection, or standing (of a user, for all their connections). */
export interface Subscription {
  id: string;
  connection: Connection | null;
  userId: string | null;
  channel: string;
  /** The filter as given; absent without one. */
  filter?: unknown;
  conditions: Condition[];
  /** The change kinds wanted on a `db:` channel; all when absent. */
  events?: ReadonlySet<string>;
  /** Whether the connection receives its own broadcasts on this channel. */
  self: boolean;
  /** The table of a `db:` channel, as the catalogue names it. */
  table?: string;
  createdAt: string;
}

function add<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

function remove<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  set?.delete(value);
  if (set?.size === 0) index.delete(key);
}

/** The registry. */
export class Subscriptions {
  readonly byId = new Map<string, Subscription>();
  readonly byChannel = new Map<string, Set<Subscription>>();
  readonly byTable = new Map<string, Set<Subscription>>();

  /** Makes and indexes a subscription. */
  create(fields: Omit<Subscription, 'id' | 'createdAt'>): Subscription {
    const subscription: Subscription = { id: randomUUID(), createdAt: new Date().toISOString(), ...fields };
    this.byId.set(subscription.id, subscription);
    add(this.byChannel, subscription.channel, subscription);
    if (subscription.table) add(this.byTable, subscription.table, subscription);
    subscription.connection?.subscriptions.set(subscription.channel, subscription);
    return subscription;
  }

  /** Removes a subscription from every index. */
  delete(subscription: Subscription): void {
    this.byId.delete(subscription.id);
    remove(this.byChannel, subscription.channel, subscription);
    if (subscription.table) remove(this.byTable, subscription.table, subscription);
    if (subscription.connection?.subscriptions.get(subscription.channel) === subscription)
      subscription.connection.subscriptions.delete(subscription.channel);
  }

  /** Every subscription, oldest first. */
  all(): Subscription[] {
    return [...this.byId.values()].sort((a, b) =>
      a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt),
    );
  }

  /** Whether any subscription reads database changes. */
  get hasTables(): boolean {
    return this.byTable.size > 0;
  }
}
