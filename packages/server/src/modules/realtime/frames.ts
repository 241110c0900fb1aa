/**
 * The frames of the realtime WebSocket (spec/asyncapi.yaml, types generated into
 * @lockstep/contract): the client frames the server accepts, checked by hand against their
 * payload schemas, and the `error` frame it answers.
 */
import type {
  DbChangeFrame,
  ErrorFrame,
  FrameErrorCode,
  SubscribeFrame,
  TrackFrame,
  ClientFrame as WireClientFrame,
} from '@lockstep/contract';

export type { FrameErrorCode, PresenceUser, ServerFrame } from '@lockstep/contract';

/** A channel name's form. */
export const CHANNEL = /^[A-Za-z0-9_.:-]{1,255}$/;

/**
 * A client frame as parsed: a `subscribe` filter is checked later (by its channel's table), and
 * a `track` frame's extra keys are gathered in `metadata`.
 */
export type ClientFrame =
  | Exclude<WireClientFrame, SubscribeFrame | TrackFrame>
  | (Omit<SubscribeFrame, 'filter'> & { filter?: unknown })
  | (Pick<TrackFrame, 'type' | 'channel' | 'status'> & { metadata: Record<string, unknown> });

/** A client frame the server cannot act on: the error to answer. */
export class FrameError extends Error {
  constructor(
    readonly code: FrameErrorCode,
    message: string,
    readonly channel?: string,
  ) {
    super(message);
  }
}

const ALLOWED: Record<string, readonly string[]> = {
  ping: ['type'],
  subscribe: ['type', 'channel', 'filter', 'self'],
  unsubscribe: ['type', 'channel'],
  broadcast: ['type', 'channel', 'event', 'payload'],
  presence_state: ['type', 'channel'],
};

function channelOf(type: string, value: Record<string, unknown>): string {
  const channel = value.channel;
  if (channel === undefined) throw new FrameError('VALIDATION_FAILED', `channel: required for ${type}`);
  if (typeof channel !== 'string' || !CHANNEL.test(channel))
    throw new FrameError('VALIDATION_FAILED', 'channel: 1 to 255 letters, digits or _ . : -');
  return channel;
}

function checkKeys(type: string, value: Record<string, unknown>): void {
  const allowed = ALLOWED[type];
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  if (extra) throw new FrameError('VALIDATION_FAILED', `${extra}: not a field of ${type}`);
}

function track(value: Record<string, unknown>, channel: string): ClientFrame {
  const { type: _t, channel: _c, status, ...metadata } = value;
  if (status !== undefined && status !== 'online' && status !== 'away')
    throw new FrameError('VALIDATION_FAILED', 'status: online or away', channel);
  return { type: 'track', channel, status: status as 'online' | 'away' | undefined, metadata };
}

function broadcast(value: Record<string, unknown>, channel: string): ClientFrame {
  const event = value.event;
  if (typeof event !== 'string' || event.length === 0 || event.length > 100)
    throw new FrameError('VALIDATION_FAILED', 'event: required, 1 to 100 characters', channel);
  if (!('payload' in value)) throw new FrameError('VALIDATION_FAILED', 'payload: required for broadcast', channel);
  return { type: 'broadcast', channel, event, payload: value.payload };
}

/** Parses and checks one text frame; throws `FrameError` with the code to answer. */
export function parseClientFrame(text: string): ClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FrameError('INVALID_JSON', 'Invalid message format: not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FrameError('VALIDATION_FAILED', 'A frame is a JSON object with a type');
  const frame = value as Record<string, unknown>;
  const type = frame.type;
  if (typeof type !== 'string') throw new FrameError('VALIDATION_FAILED', 'type: required');
  if (type === 'ping') {
    checkKeys(type, frame);
    return { type };
  }
  if (!Object.hasOwn(ALLOWED, type) && type !== 'track')
    throw new FrameError('VALIDATION_FAILED', `Unknown message type: ${type.slice(0, 100)}`);
  const channel = channelOf(type, frame);
  if (type === 'track') return track(frame, channel);
  checkKeys(type, frame);
  if (type === 'broadcast') return broadcast(frame, channel);
  if (type === 'subscribe') {
    if (frame.self !== undefined && typeof frame.self !== 'boolean')
      throw new FrameError('VALIDATION_FAILED', 'self: true or false', channel);
    return { type, channel, filter: frame.filter, self: frame.self as boolean | undefined };
  }
  return { type, channel } as ClientFrame;
}

/** A `db_change` frame's payload. */
export type ChangePayload = DbChangeFrame['payload'];

/** The `error` frame for `code` and `message`. */
export function errorFrame(code: FrameErrorCode, message: string, channel?: string): ErrorFrame {
  const frame: ErrorFrame = { type: 'error', payload: { message, code }, error: message };
  if (channel !== undefined) frame.channel = channel;
  return frame;
}
