/**
 * Two server instances on one PostgreSQL schema, each on a real port, with an admin and two
 * users: the set-up of the suites that prove instances behave as one (over NOTIFY, or over Redis
 * with `redisUrl`). `useTwoInstances` starts them before the suite and stops them after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '@lockstep/server';
import { afterAll, beforeAll, expect } from 'vitest';
import { type Api, api } from './harness/api';
import { type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { postgresUrl, startTarget, type Target, testJwtSecret } from './harness/targets';
import { connect, listenOn, type RealtimeClient } from './realtime-support';

/** The two instances, the people, and how to open a realtime connection on either. */
export interface TwoInstances {
  /** Instance A: the suite's postgres target. */
  first: Target;
  /** Instance B: a second server on A's schema. */
  second: App;
  /** A's and B's base URLs. */
  urls: [string, string];
  /** A's PostgreSQL schema, which B shares. */
  schema: string;
  /** The typed client of A. */
  client: Api;
  admin: Person;
  alice: Person;
  bob: Person;
  /** Opens a realtime connection on instance `which` (0 is A); it is closed after the suite. */
  open(which: 0 | 1, token: string): Promise<RealtimeClient>;
}

/**
 * Starts A and B with `overrides` (both) before the suite, and after it checks that every frame
 * the clients got validated against the AsyncAPI document, then stops everything.
 */
export function useTwoInstances(overrides: Record<string, unknown> = {}, label = 'rt'): TwoInstances {
  const state = {} as TwoInstances;
  const clients: RealtimeClient[] = [];
  const stops: (() => Promise<void>)[] = [];
  let dir: string | undefined;

  beforeAll(async () => {
    state.first = await startTarget('postgres', overrides);
    state.schema = state.first.app!.services.config.pgSchema!;
    dir = mkdtempSync(join(tmpdir(), `lockstep-${label}-b-`));
    const common = { databaseUrl: postgresUrl, pgSchema: state.schema, logLevel: 'silent', jwtSecret: testJwtSecret };
    state.second = await createApp({ ...common, ...overrides, dataDir: dir } as never);
    const [a, b] = [await listenOn(state.first.app!), await listenOn(state.second)];
    stops.push(a.stop, b.stop);
    state.urls = [a.url, b.url];
    state.client = api(state.first);
    state.admin = await setupAdmin(state.client);
    state.alice = await signUpUser(state.client, `${label}-a`);
    state.bob = await signUpUser(state.client, `${label}-b`);
  });

  afterAll(async () => {
    for (const c of clients) expect(c.invalid).toEqual([]);
    for (const c of clients) c.close();
    // Each listener's stop also closes its app.
    for (const stop of stops) await stop();
    await state.first?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  state.open = async (which, token) => {
    const { client } = await connect(state.urls[which], token);
    clients.push(client);
    return client;
  };
  return state;
}
