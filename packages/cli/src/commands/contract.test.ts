import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp, handlers, isNotImplemented, listen, type RunningServer } from '@lockstep/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedRequest, startUsersServer, type UsersServer } from '../../test/fixtures/contract-users/server';
import { findAll, parseXml, type XmlElement } from '../conformance/xml-test-helpers';
import { capture, fixture as fixturePath } from '../test-helpers';
import { UnreachableError, UsageError } from '../usage-error';
import { run } from './contract';

const tmp = mkdtempSync(join(tmpdir(), 'lockstep-contract-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let runs = 0;
/** Runs the command with a JUnit file and returns the exit code, the text and the parsed XML. */
async function contract(argv: string[]): Promise<{ code: number; stdout: string; stderr: string; junit: XmlElement }> {
  const file = join(tmp, `junit-${++runs}.xml`);
  const { code, stdout, stderr } = await capture(run, [...argv, '--junit', file]);
  return { code, stdout, stderr, junit: parseXml(readFileSync(file, 'utf8')) };
}

const cases = (junit: XmlElement, test: (c: XmlElement) => boolean) => findAll(junit, 'testcase').filter(test);
const failures = (junit: XmlElement) => findAll(junit, 'failure').map((f) => f.attrs.message);

describe('lockstep contract against the reference server', () => {
  let app: App;
  let server: RunningServer;
  const admin = { email: 'admin@example.com', password: 'Admin-passphrase-1' };

  /** A fresh admin token: the suite's sign-out case ends the session of the token it is given. */
  async function adminToken(): Promise<string> {
    const response = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  beforeAll(async () => {
    app = await createApp({ dataDir: join(tmp, 'server'), logLevel: 'silent' });
    server = await listen(app, 0, '127.0.0.1', false);
    const created = await fetch(`${server.url}/setup/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...admin, confirm_password: admin.password }),
    });
    expect(created.status).toBe(200);
  });
  afterAll(() => server.stop());

  it('passes for auth, setup, health and api-keys', async () => {
    const only = 'auth,setup,health,api-keys';
    const { code, stdout, junit } = await contract([
      '--base-url',
      server.url,
      '--admin-token',
      await adminToken(),
      '--only',
      only,
    ]);
    expect(failures(junit)).toEqual([]);
    expect(code).toBe(0);
    expect(findAll(junit, 'testsuite').map((s) => s.attrs.name)).toEqual(['api-keys', 'auth', 'health', 'setup']);
    expect(stdout).toMatch(
      /^auth\n {2}operation +cases +passed +failed +spec gap +unsure +not implemented +skipped\n {2}signUp /m,
    );
    // Only the setup steps are not run without --include-setup.
    const skipped = cases(junit, (c) => c.children.some((x) => x.name === 'skipped'));
    expect(new Set(skipped.map((c) => c.attrs.classname))).toEqual(
      new Set(['setup.configureStorage', 'setup.configureAuth', 'setup.createAdmin', 'setup.complete']),
    );
    const kinds = new Set(findAll(junit, 'testcase').map((c) => c.attrs.name.split(':')[0]));
    expect(kinds).toEqual(new Set(['positive', 'negative', 'auth']));
  });

  // One run of every tag serves both checks: --fuzz only adds cases to the positive, negative
  // and auth cases of a plain run (a second, fuzz-less run of every tag repeated them all).
  it('passes for every tag, the modules not built yet answering their documented 501; finds no 5xx with --fuzz 20, and deletes what it created', async () => {
    const listed = async (path: string) => {
      const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${await adminToken()}` } });
      return Number(res.headers.get('x-total-count'));
    };
    const before = { users: await listed('/auth/users'), buckets: await listed('/storage/buckets') };
    const { code, stdout, junit } = await contract([
      '--base-url',
      server.url,
      '--admin-token',
      await adminToken(),
      '--fuzz',
      '20',
      '--seed',
      '20260101',
    ]);
    expect(failures(junit)).toEqual([]);
    expect(code).toBe(0);
    const notImplemented = cases(junit, (c) =>
      c.children.some((x) => x.name === 'skipped' && x.attrs.message.startsWith('not implemented: 501')),
    );
    const placeholders = Object.keys(handlers).filter((id) => isNotImplemented(handlers[id as keyof typeof handlers]));
    const skippedIds = new Set(notImplemented.map((c) => c.attrs.classname.split('.')[1]));
    expect([...skippedIds].sort()).toEqual(placeholders.sort());
    const kinds = new Set(findAll(junit, 'testcase').map((c) => c.attrs.name.split(':')[0]));
    expect(kinds).toEqual(new Set(['positive', 'negative', 'auth', 'fuzz']));
    const fuzzCases = cases(junit, (c) => c.attrs.name.startsWith('fuzz:')).length;
    expect(Number(junit.attrs.tests) - fuzzCases).toBeGreaterThan(1000);
    const fuzzed = cases(junit, (c) => c.attrs.name === 'fuzz: 20 cases' && c.children.length === 0);
    expect(fuzzed.length).toBeGreaterThan(20);
    expect(stdout).toMatch(/; (\d+) fuzz cases, seed 20260101; /);
    expect(Number(/; (\d+) fuzz cases/.exec(stdout)![1])).toBe(20 * fuzzed.length);
    const [, removed, created] = /deleted (\d+) of the (\d+) things it created/.exec(stdout) ?? [];
    expect(Number(created)).toBeGreaterThan(50);
    expect(removed).toBe(created);
    expect({ users: await listed('/auth/users'), buckets: await listed('/storage/buckets') }).toEqual(before);
  }, 180_000);

  it('without credentials, checks that secured operations refuse anonymous calls and skips their other cases', async () => {
    const { code, junit } = await contract(['--base-url', server.url, '--only', 'api-keys']);
    expect(code).toBe(0);
    const getApiKeys = cases(junit, (c) => c.attrs.classname === 'api-keys.getApiKeys');
    const outcome = (c: XmlElement) => c.children[0]?.name ?? 'passed';
    expect(getApiKeys.map((c) => `${c.attrs.name}: ${outcome(c)}`)).toEqual([
      'positive: skipped',
      'auth: anonymous → 401: passed',
      'auth: invalid bearerAuth → 401: passed',
      'auth: invalid apiKeyAuth → 401: passed',
      'negative: query.limit wrong type (a string for integer): skipped',
      'negative: query.limit below minimum (1): skipped',
      'negative: query.offset wrong type (a string for integer): skipped',
      'negative: query.offset below minimum (0): skipped',
    ]);
    expect(getApiKeys[0].children[0].attrs.message).toBe('needs credentials for bearerAuth or apiKeyAuth');
  });
});

describe('lockstep contract against a server of its own spec', () => {
  const servers: UsersServer[] = [];
  const start = async (options: Parameters<typeof startUsersServer>[0] = {}) => {
    const s = await startUsersServer(options);
    servers.push(s);
    return s;
  };
  const credentials = ['--admin-token', 'admin-token', '--token', 'user-token'];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  it('passes when the server keeps the contract, including the user-role → 403 checks', async () => {
    const s = await start();
    const { code, junit } = await contract(['--base-url', s.url, ...credentials]);
    expect(failures(junit)).toEqual([]);
    expect(code).toBe(0);
    expect(cases(junit, (c) => c.attrs.name === 'auth: user role → 403').map((c) => c.attrs.classname)).toEqual([
      'users.createUser',
      'users.deleteUser',
    ]);
  });

  it('fails on a removed route and a renamed field, naming the operation and the field', async () => {
    const s = await start({ broken: true });
    const { code, stdout, junit } = await contract(['--base-url', s.url, ...credentials]);
    expect(code).toBe(1);
    expect(failures(junit)).toEqual([
      'signIn: POST /auth/login not served (404 ROUTE_NOT_FOUND)',
      'getUser 200: body.email is required; body.mail is not allowed',
    ]);
    expect(stdout).toContain('  ✗ signIn: POST /auth/login not served (404 ROUTE_NOT_FOUND)\n');
    expect(stdout).toContain('  ✗ getUser 200: body.email is required; body.mail is not allowed\n');
    expect(stdout).toMatch(/lockstep contract FAILED: 2 failed, /);
  });

  it('writes JUnit XML whose counts match the table', async () => {
    const s = await start({ broken: true });
    const { stdout, junit } = await contract(['--base-url', s.url, ...credentials]);
    const suites = findAll(junit, 'testsuite');
    expect(suites.map((x) => x.attrs.name)).toEqual(['auth', 'users', 'health']);
    for (const suite of suites) {
      const total = new RegExp(
        `^${suite.attrs.name}\\n(?:  .*\\n)*?  total +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)`,
        'm',
      );
      const [, all, , failed, notImplemented, skipped] = total.exec(stdout)!.map(Number);
      expect(Number(suite.attrs.tests)).toBe(all);
      expect(Number(suite.attrs.failures)).toBe(failed);
      expect(Number(suite.attrs.skipped)).toBe(notImplemented + skipped);
      expect(findAll(suite, 'testcase')).toHaveLength(all);
    }
    expect(Number(junit.attrs.failures)).toBe(2);
  });

  it('replays the same fuzz cases from the same seed', async () => {
    /** The createUser bodies fuzz sent (positive and negative bodies carry the run's unique email). */
    const fuzzBodies = async (seed: string) => {
      const s = await start();
      await contract(['--base-url', s.url, ...credentials, '--only', 'users', '--fuzz', '15', '--seed', seed]);
      return s.requests
        .filter((r: RecordedRequest) => r.method === 'POST' && !JSON.stringify(r.body ?? '').includes('+lc'))
        .map((r) => JSON.stringify(r.body));
    };
    const first = await fuzzBodies('42');
    expect(first.length).toBeGreaterThanOrEqual(15);
    expect(await fuzzBodies('42')).toEqual(first);
    expect(await fuzzBodies('43')).not.toEqual(first);
  });

  it('reports a fuzz failure with the operation, the shrunk case and the seed', async () => {
    const s = await start({ failOnNamesLongerThan: 20 });
    const { code, stdout, junit } = await contract([
      '--base-url',
      s.url,
      ...credentials,
      '--fuzz',
      '30',
      '--seed',
      '42',
    ]);
    expect(code).toBe(1);
    const [message] = failures(junit);
    expect(message).toMatch(
      /^fuzz createUser: POST \/users answered 500 INTERNAL: name column overflow; documented: .* \| case: \{"body":\{.*"name":".{21}".*\}\} \| seed 42, case \d+ of 30, shrunk \d+ times$/,
    );
    expect(stdout).toMatch(/fuzz cases, seed 42; /);
  });
});

describe('lockstep contract usage', () => {
  it('prints its help, saying that it creates things on the target', async () => {
    const { code, stdout } = await capture(run, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: lockstep contract --base-url URL/);
    expect(stdout).toContain('it CREATES things on the target');
    expect(stdout).toContain('whatever a POST created (positive or fuzz) is');
  });

  it.each([
    [[], 'contract needs --base-url; see lockstep contract --help'],
    [['--base-url', 'localhost:1'], '--base-url must be an http(s) URL, got "localhost:1"'],
    [['--base-url', 'http://x', '--fuzz', 'many'], '--fuzz must be a whole number of at least 0, got "many"'],
    [['--base-url', 'http://x', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j', async (argv, message) => {
    await expect(run(argv)).rejects.toThrow(UsageError);
    await expect(run(argv)).rejects.toThrow(message);
  });

  it('names the known tags when --only names an unknown one', async () => {
    const s = await startUsersServer();
    try {
      await expect(run(['--base-url', s.url, '--only', 'users,pets'])).rejects.toThrow(
        '--only: no operation has the tag pets; tags: auth, users, health',
      );
    } finally {
      await s.stop();
    }
  });

  it('prints JSON with --json: the verdict, the counts and every check', async () => {
    const s = await startUsersServer();
    try {
      const { code, stdout } = await capture(run, ['--base-url', s.url, '--json', '--only', 'health']);
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report).toMatchObject({ verdict: 'passed', failed: 0, specGaps: 0, strict: false });
      expect(report.results.length).toBe(report.cases);
      expect(report.results[0]).toMatchObject({ tag: 'health', outcome: 'passed' });
    } finally {
      await s.stop();
    }
  });

  it('says in one line that nothing answers at a closed port (exit 3), instead of a page of ECONNREFUSED', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const spec = fixturePath('contract-users/openapi.yaml');
    await expect(run(['--base-url', url, '--spec', spec])).rejects.toThrow(UnreachableError);
    await expect(run(['--base-url', url, '--spec', spec])).rejects.toThrow(/nothing answers at .*ECONNREFUSED/);
  });

  it('fails with exit 3, never a silent 0, when the target drops every connection', async () => {
    const dropping = createServer((req) => req.socket.destroy());
    await new Promise<void>((r) => dropping.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(dropping.address() as AddressInfo).port}`;
    try {
      const spec = fixturePath('contract-users/openapi.yaml');
      await expect(run(['--base-url', url, '--spec', spec])).rejects.toThrow(UnreachableError);
    } finally {
      dropping.close();
    }
  });
});
