/**
 * Support for the realtime suites: a WebSocket test client whose every received frame is
 * checked against its AsyncAPI payload schema (spec/asyncapi.yaml, compiled with Ajv), and
 * a real listening socket for an in-process target (the fetch app cannot upgrade).
 */
import { readFileSync } from 'node:fs';
import { type App, listen } from '@lockstep/server';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import WebSocket from 'ws';
import { parse } from 'yaml';

const asyncapi = parse(
  readFileSync(new URL('../../packages/contract/generated/asyncapi.gen.yaml', import.meta.url), 'utf8'),
);

const SERVER_MESSAGES: Record<string, string> = {
  connected: 'connected',
  pong: 'pong',
  subscribed: 'subscribed',
  unsubscribed: 'unsubscribed',
  message: 'message',
  broadcast: 'broadcast',
  db_change: 'dbChange',
  presence_state: 'presenceState',
  presence_join: 'presenceJoin',
  presence_leave: 'presenceLeave',
  error: 'error',
};

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...asyncapi, $id: 'asyncapi' });
const validators = new Map<string, ValidateFunction>();

/** The validator of a server frame type's payload schema; undefined for a type the AsyncAPI lacks. */
export function frameValidator(type: string): ValidateFunction | undefined {
  const name = SERVER_MESSAGES[type];
  if (!name) return undefined;
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.compile({ $ref: `asyncapi#/components/messages/${name}/payload` });
    validators.set(name, validate);
  }
  return validate;
}

/** Frame types seen in this run, for the suite's closing check that each was exercised. */
export const seenFrameTypes = new Set<string>();

/** A frame as received. */
export type Frame = Record<string, any> & { type: string };

/** A test client of the realtime WebSocket. */
export class RealtimeClient {
  readonly frames: Frame[] = [];
  /** Frames that did not validate against the AsyncAPI document, with why. */
  readonly invalid: { frame: unknown; errors: unknown }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.receive(JSON.parse(data.toString())));
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  private receive(frame: Frame): void {
    const validate = frameValidator(frame.type);
    if (!validate) this.invalid.push({ frame, errors: 'no such frame type in the AsyncAPI document' });
    else if (!validate(frame)) this.invalid.push({ frame, errors: validate.errors });
    seenFrameTypes.add(frame.type);
    this.frames.push(frame);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(frame)) return true;
      w.resolve(frame);
      return false;
    });
  }

  /** Sends a frame (an object is sent as JSON; a string as is). */
  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (already received or coming) that passes `test`. */
  next(test: (f: Frame) => boolean, timeoutMs = 3000): Promise<Frame> {
    const seen = this.frames.find(test);
    if (seen) {
      this.frames.splice(this.frames.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no frame matched in ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (f) => {
          clearTimeout(timer);
          this.frames.splice(this.frames.indexOf(f), 1);
          resolve(f);
        },
      });
    });
  }

  /** The next frame of `type` (on `channel` when given). */
  nextOf(type: string, channel?: string, timeoutMs?: number): Promise<Frame> {
    return this.next((f) => f.type === type && (channel === undefined || f.channel === channel), timeoutMs);
  }

  /** Whether a frame passing `test` arrives within `ms`. */
  async gets(test: (f: Frame) => boolean, ms = 300): Promise<boolean> {
    return this.next(test, ms).then(
      () => true,
      () => false,
    );
  }

  /** Subscribes and waits for `subscribed`. */
  async subscribe(channel: string, extra: Record<string, unknown> = {}): Promise<string> {
    this.send({ type: 'subscribe', channel, ...extra });
    const f = await this.next((x) => (x.type === 'subscribed' || x.type === 'error') && x.channel === channel);
    if (f.type === 'error') throw new Error(`subscribe ${channel}: ${f.error}`);
    return f.subscription_id;
  }

  close(): void {
    this.socket.close();
  }
}

/** Opens a connection to `baseUrl`'s `/realtime`; resolves once the `connected` frame arrived. */
export async function connect(baseUrl: string, token?: string): Promise<{ client: RealtimeClient; id: string }> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/realtime${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const client = new RealtimeClient(new WebSocket(url));
  const first = await client.next((f) => f.type === 'connected' || f.type === 'error');
  if (first.type === 'error') throw Object.assign(new Error(first.error), { client, frame: first });
  return { client, id: first.payload.connection_id };
}

/** Opens a connection expected to be refused; answers the error frame and the close. */
export async function connectRefused(baseUrl: string, token: string) {
  const url = `${baseUrl.replace(/^http/, 'ws')}/realtime?token=${encodeURIComponent(token)}`;
  const client = new RealtimeClient(new WebSocket(url));
  const frame = await client.nextOf('error');
  return { client, frame, close: await client.closed };
}

/** Serves an in-process app on a real port; answers its base URL and how to stop listening. */
export async function listenOn(app: App): Promise<{ url: string; stop: () => Promise<void> }> {
  return listen(app, 0, '127.0.0.1', false);
}

/** Waits `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
