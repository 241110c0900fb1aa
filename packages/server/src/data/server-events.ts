/**
 * What happened in the server (a bucket created, a file deleted, a function failed), told
 * to whoever listens: the webhooks queue a delivery for each. Modules emit without knowing
 * who listens; `emit` waits until every listener took note (the webhooks queue durably),
 * and a listener's failure is its own, never the emitter's.
 */
import type { components } from '@lockstep/contract';

/** An event's name: the spec's `WebhookEvent`. */
export type ServerEventName = components['schemas']['WebhookEvent'];

type Listener = (event: ServerEventName, data: unknown) => Promise<void>;

/** The server's events, for one instance. */
export class ServerEvents {
  private readonly listeners = new Set<Listener>();

  /** Calls `listener` for every event from now on; answers a function that stops it. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener, in turn. */
  async emit(event: ServerEventName, data: unknown): Promise<void> {
    for (const listener of this.listeners) await listener(event, data).catch(() => {});
  }
}
