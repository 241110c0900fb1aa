/**
 * The targets the one contract suite runs against. Each is a fetch function; the suite
 * never knows which. Choose with CONTRACT_TARGETS (comma-separated):
 * `sqlite`, `postgres` (the in-process server), `http` (the same server on SQLite, over a
 * real socket), `url` (CONTRACT_BASE_URL), `mocks` (msw).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp, listen } from '@lockstep/server';
import { dropSchema, testPostgresUrl } from '@lockstep/server/test-support';

export type TargetName = 'sqlite' | 'postgres' | 'http' | 'url' | 'mocks';

/** A running target: how to call it, what it is, and how to stop it. */
export interface Target {
  name: TargetName;
  /** Whether it keeps state like the real server (mocks do not). */
  stateful: boolean;
  fetch: (request: Request) => Promise<Response>;
  baseUrl: string;
  /** The in-process server, for tests that read what HTTP does not show (the outbox). */
  app?: App;
  stop: () => Promise<void>;
}

/** The signing secret in-process servers use, so tests can forge expired or tampered tokens. */
export const testJwtSecret = 'contract-tests-secret-0123456789abcdef';

/** The PostgreSQL server the postgres target uses. */
export const postgresUrl = testPostgresUrl;

const testRateLimits = {
  login: { points: 1000, duration: 60 },
  loginPerAddress: { points: 1000, duration: 60 },
  signup: { points: 1000, duration: 60 },
  forgotPassword: { points: 1000, duration: 60 },
};

async function serverTarget(name: 'sqlite' | 'postgres', overrides: Record<string, unknown> = {}): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-contract-'));
  const pgSchema = name === 'postgres' ? `contract_${process.pid}_${Date.now().toString(36)}` : undefined;
  const app = await createApp({
    dataDir,
    databaseUrl: name === 'postgres' ? postgresUrl : undefined,
    pgSchema,
    logLevel: 'silent',
    validateResponses: true,
    rateLimits: testRateLimits,
    jwtSecret: testJwtSecret,
    apiUrl: 'http://lockstep.test',
    ...overrides,
  });
  return {
    name,
    stateful: true,
    baseUrl: 'http://lockstep.test',
    app,
    fetch: (request) => app.fetch(request),
    stop: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (pgSchema) await dropSchema(pgSchema);
    },
  };
}

async function httpTarget(overrides: Record<string, unknown> = {}): Promise<Target> {
  const inProcess = await serverTarget('sqlite', overrides);
  const server = await listen(inProcess.app!, 0, '127.0.0.1', false);
  return {
    ...inProcess,
    name: 'http',
    baseUrl: server.url,
    fetch: (request) => fetch(request),
    stop: async () => {
      await server.stop();
      await inProcess.stop();
    },
  };
}

async function mocksTarget(): Promise<Target> {
  const { createHandlers } = await import('@lockstep-internal/mocks');
  const { getResponse } = await import('msw');
  const handlers = createHandlers({ baseUrl: 'http://lockstep.test' });
  return {
    name: 'mocks',
    stateful: false,
    baseUrl: 'http://lockstep.test',
    fetch: async (request) => (await getResponse(handlers, request)) ?? new Response(null, { status: 404 }),
    stop: async () => {},
  };
}

function urlTarget(): Target {
  const baseUrl = process.env.CONTRACT_BASE_URL;
  if (!baseUrl) throw new Error('the url target needs CONTRACT_BASE_URL');
  return { name: 'url', stateful: true, baseUrl, fetch: (request) => fetch(request), stop: async () => {} };
}

/** Starts a target by name; `overrides` configure an in-process server. */
export function startTarget(name: TargetName, overrides?: Record<string, unknown>): Promise<Target> {
  if (name === 'sqlite' || name === 'postgres') return serverTarget(name, overrides);
  if (name === 'http') return httpTarget(overrides);
  if (name === 'mocks') return mocksTarget();
  return Promise.resolve(urlTarget());
}

/**
 * The targets this run covers; suites marked stateless also run on the mocks, suites marked
 * overHttp also over a real socket. @default sqlite, postgres, http and mocks
 */
export function selectedTargets(): TargetName[] {
  const names = (process.env.CONTRACT_TARGETS ?? 'sqlite,postgres,http,mocks').split(',').map((n) => n.trim());
  return names.filter(Boolean) as TargetName[];
}
