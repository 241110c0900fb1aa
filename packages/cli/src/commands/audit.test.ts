import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../audit/report';
import { PLACEHOLDER } from '../audit/served';
import { capture, fixture } from '../test-helpers';
import { UnreachableError, UsageError } from '../usage-error';
import { run } from './audit';

const aerodb = fixture('frontend-aerodb/src');
const aerodbSpec = fixture('frontend-aerodb/openapi.yaml');
const petstore = fixture('frontend-petstore/src');
const petstoreSpec = fixture('petstore/petstore-v1.yaml');

async function auditJson(argv: string[]): Promise<{ code: number; report: AuditReport; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'lockstep-audit-'));
  const out = join(dir, 'report.json');
  const { code, stderr } = await capture(run, [...argv, '--format', 'json', '--out', out]);
  return { code, report: JSON.parse(await readFile(out, 'utf8')), stderr };
}

describe('lockstep audit on the AeroDB-style frontend', () => {
  it('finds every call, matches it, and lists what it cannot follow', async () => {
    const { code, report } = await auditJson([aerodb, '--spec', aerodbSpec]);
    expect(code).toBe(0);
    expect(report.totals).toMatchObject({
      files: 13,
      calls: 39,
      inSpec: 31,
      notInSpec: 8,
      unresolved: 2,
      operations: 37,
      uncalled: 9,
    });
    expect(report.coverage).toBe(79.5);
    const row = (fn: string) =>
      report.calls.filter((c) => c.function === fn).map((c) => `${c.method} ${c.path} ${c.operationId} ${c.module}`);
    expect(row('authService.getUsers')).toEqual(['GET /auth/users getUsers auth']);
    expect(row('useAuthStore.fetchUser')).toEqual(['GET /auth/user getCurrentUser auth']);
    expect(row('setupApi.complete')).toEqual(['POST /setup/complete completeSetup setup']);
    expect(row('LogsPage.fetchLogs')).toEqual(['GET /observability/logs getLogs observability']);
    expect(row('storageService.createSignedUrl')).toEqual(['POST /storage/buckets/{}/files/{}/sign null storage']);
    expect(row('connect')).toEqual(['GET /realtime connectRealtime realtime']);
    expect(row('backupService.getRestoreStatus')).toEqual(['GET /restore/jobs/{} null restore']);
    expect(report.calls.every((c) => c.served === null)).toBe(true);
    expect(report.calls.find((c) => c.function === 'deleteUser')).toMatchObject({
      file: 'pages/auth/AuthPage.vue',
      line: 33,
    });
    expect(report.unresolved.map((u) => `${u.file}:${u.line} ${u.function}`)).toEqual([
      'composables/useApi.ts:21 useApi',
      'services/restApi.ts:8 restApiService.executeRequest',
    ]);
    expect(report.uncalled.map((u) => u.operationId)).toEqual([
      'revokeSession',
      'changePassword',
      'createSignedUrl',
      'getBucketStats',
      'deleteBackup',
      'getRestoreStatus',
      'getMetrics',
      'getTopology',
      'promoteReplica',
    ]);
    expect(report.calls.some((c) => c.path.includes('/public/'))).toBe(false);
  });

  it('exits 1 under --fail-under and 0 at or above it', async () => {
    expect((await auditJson([aerodb, '--spec', aerodbSpec, '--fail-under', '80'])).code).toBe(1);
    expect((await auditJson([aerodb, '--spec', aerodbSpec, '--fail-under', '79.5'])).code).toBe(0);
    const { stderr } = await auditJson([aerodb, '--spec', aerodbSpec, '--fail-under', '90%']);
    expect(stderr).toContain('coverage 79.5% is under --fail-under 90%');
  });

  it('writes Markdown to stdout by default', async () => {
    const { code, stdout } = await capture(run, [aerodb, '--spec', aerodbSpec]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '| `authService.deleteRLSPolicy` | DELETE | `/auth/rls/{}/{}` | **not in spec** | services/auth.ts:46 |',
    );
    expect(stdout).toContain('- `revokeSession` DELETE `/auth/sessions/{sessionId}`');
    expect(stdout).toContain('| control | 2 | 0 | 0 of 0 | 0% |');
  });

  it('writes a self-contained HTML page with a bar per module', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lockstep-audit-'));
    const out = join(dir, 'audit.html');
    await capture(run, [aerodb, '--spec', aerodbSpec, '--format', 'html', '--out', out]);
    const html = await readFile(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)?.length).toBe(2 * 9);
    expect(html).not.toMatch(/<(script|link)\b/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('79.5%');
  });
});

describe('lockstep audit on the Petstore frontend (openapi-fetch, fetch, ky, axios, XHR, EventSource, Svelte)', () => {
  it('matches calls written with and without the /api/v3 server prefix', async () => {
    const { report } = await auditJson([petstore, '--spec', petstoreSpec]);
    const byOp = (id: string) =>
      report.calls.filter((c) => c.operationId === id).map((c) => `${c.client} ${c.function}`);
    expect(byOp('getPetById')).toEqual(['openapi-fetch petClient.get']);
    expect(byOp('uploadFile')).toEqual(['xhr uploadImage']);
    expect(byOp('findPetsByTags')).toEqual(['fetch load']);
    expect(byOp('placeOrder')).toEqual(['fetch placeOrder', 'axios OrderForm.submit']);
    expect(byOp('updateUser')).toEqual(['ky UserApi.update']);
    const events = report.calls.find((c) => c.client === 'event-source');
    expect(events).toMatchObject({ path: '/api/v3/pet/events', operationId: null });
    expect(report.unresolved).toEqual([
      expect.objectContaining({ file: 'api/store.js', function: 'request', reason: expect.stringContaining('`path`') }),
    ]);
    expect(report.uncalled.map((u) => u.operationId).sort()).toEqual([
      'createUser',
      'deleteUser',
      'updatePet',
      'updatePetWithForm',
    ]);
  });
});

describe('lockstep audit --backend', () => {
  let server: Server;
  let backend: string;
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  beforeAll(async () => {
    const routes: Record<string, number> = {
      '/auth/users': 401,
      '/auth/user': 401,
      '/setup/status': 200,
      '/storage/buckets': 200,
      '/realtime/subscriptions': 200,
      '/realtime': 426,
    };
    server = createServer(async (req, res) => {
      const path = req.url ?? '/';
      if (path === '/spec.yaml') {
        res.writeHead(200, { 'content-type': 'application/yaml' });
        return res.end(await readFile(aerodbSpec));
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-origin': '*' });
        return res.end();
      }
      if (routes[path]) return json(res, routes[path], { code: 'X', message: 'route answer' });
      if (path === `/auth/users/${PLACEHOLDER}`) return json(res, 404, { code: 'NOT_FOUND', message: 'no such user' });
      json(res, 404, { code: 'ROUTE_NOT_FOUND', message: `No operation serves ${req.method} ${path}` });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    backend = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('marks each call served, not served or unknown, and counts only known misses against coverage', async () => {
    const { report } = await auditJson([aerodb, '--spec', `${backend}/spec.yaml`, '--backend', backend]);
    const served = (fn: string) => report.calls.find((c) => c.function === fn)?.served;
    expect(served('authService.getUsers')).toBe(true);
    expect(served('authService.getUser')).toBe(true);
    expect(served('setupApi.getStatus')).toBe(true);
    expect(served('connect')).toBe(true);
    expect(served('backupService.getBackupStatus')).toBe(false);
    expect(served('backupService.listBackups')).toBe(false);
    expect(served('setupApi.complete')).toBe(false);
    expect(report.calls.find((c) => c.function === 'setupApi.complete')?.note).toBe(
      'HEAD 404, as for an unknown path (ROUTE_NOT_FOUND)',
    );
    expect(report.totals.served + report.totals.notServed + report.totals.servedUnknown).toBe(report.totals.calls);
    const covered = report.calls.filter((c) => c.operationId !== null && c.served !== false).length;
    expect(report.coverage).toBe(Math.round((1000 * covered) / report.calls.length) / 10);
    expect(report.coverage).toBeLessThan(79.5);
  });

  it('fails --fail-under when served routes are missing', async () => {
    const { code } = await auditJson([aerodb, '--spec', aerodbSpec, '--backend', backend, '--fail-under', '75']);
    expect(code).toBe(1);
  });

  it('says in one line that nothing answers at an unreachable --backend (exit 3), never a silent 0', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    await expect(run([aerodb, '--spec', aerodbSpec, '--backend', url])).rejects.toThrow(UnreachableError);
  });
});

describe('lockstep audit: arguments', () => {
  it('defaults --spec to ./openapi.json, and says so when there is none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lockstep-audit-'));
    const before = process.cwd();
    try {
      process.chdir(dir);
      await expect(run([aerodb])).rejects.toThrow('no spec: pass --spec');
      const { parse } = await import('yaml');
      await writeFile('openapi.json', JSON.stringify(parse(await readFile(aerodbSpec, 'utf8'))));
      const { code, stdout } = await capture(run, [aerodb]);
      expect(code).toBe(0);
      expect(stdout).toContain('`openapi.json` (37 operations)');
    } finally {
      process.chdir(before);
    }
  });

  it('refuses what it cannot use', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'lockstep-audit-'));
    await mkdir(join(empty, 'node_modules'));
    await copyFile(fixture('frontend-petstore/src/api/users.ts'), join(empty, 'node_modules', 'users.ts'));
    await expect(run([])).rejects.toThrow(UsageError);
    await expect(run([aerodb, '--spec', aerodbSpec, '--format', 'pdf'])).rejects.toThrow(/--format/);
    await expect(run([aerodb, '--spec', aerodbSpec, '--fail-under', 'lots'])).rejects.toThrow(/--fail-under/);
    await expect(run([aerodb, '--spec', aerodbSpec, '--backend', 'localhost:1'])).rejects.toThrow(/--backend/);
    await expect(run(['/no/such/folder', '--spec', aerodbSpec])).rejects.toThrow(/is not a folder/);
    await expect(run([empty, '--spec', aerodbSpec])).rejects.toThrow(/no source files/);
    await expect(run([aerodb, '--spec', aerodb])).rejects.toThrow(/cannot read/);
    await expect(run([aerodb, '--bogus'])).rejects.toThrow(UsageError);
    const split = join(empty, 'split.yaml');
    await writeFile(split, "openapi: 3.1.0\npaths:\n  /a:\n    $ref: './paths.yaml#/a'\n");
    await expect(run([aerodb, '--spec', split])).rejects.toThrow(/external \$ref not supported.*bundle the spec first/);
  });
});
