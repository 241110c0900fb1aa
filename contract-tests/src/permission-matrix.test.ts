/**
 * The permission matrix, derived from the spec: every operation × every kind of credential
 * (anonymous, a user, another user, an admin, API keys of each permission) is admitted or
 * refused exactly as the operation's security requirements and the API key rules say.
 * The expectation is computed from the spec alone, never from the server's code.
 */
import { openapiDocument, operations } from '@lockstep/contract';
import { beforeAll, expect, it } from 'vitest';
import { createApiKey, type Person, setupAdmin, signUpUser } from './harness/fixtures';
import { contractSuite } from './harness/suite';

type Requirement = Record<string, string[]>;

/** One way of calling: a bearer token of a role, an API key with permissions, or nothing. */
interface Credential {
  name: string;
  bearer?: { token: string; role: 'user' | 'admin' };
  key?: { secret: string; permissions: string[] };
}

const READ_METHODS = new Set(['get', 'head', 'options']);
/** Messages of the refusals `authorize` gives (a handler's own 403, as setup's, is not one). */
const ACCESS_REFUSAL = /needs the admin role|needs a service key|lacks the (read|write) permission|Sign in first/;

function specOperation(path: string, method: string): Record<string, any> {
  return (openapiDocument.paths as Record<string, any>)[path][method];
}

function satisfies(requirement: Requirement, credential: Credential): boolean {
  const schemes = Object.entries(requirement);
  if (schemes.length === 0) return true;
  return schemes.every(([scheme, scopes]) => {
    if (scheme === 'bearerAuth')
      return Boolean(credential.bearer) && (scopes.length === 0 || scopes.includes(credential.bearer!.role));
    if (scheme === 'apiKeyAuth')
      return Boolean(credential.key) && scopes.every((s) => credential.key!.permissions.includes(s));
    return false;
  });
}

/** What the spec says of `credential` on an operation: admitted, or refused with 401 or 403. */
function expectedFor(path: string, method: string, credential: Credential): 'admitted' | 401 | 403 {
  const op = specOperation(path, method);
  const security: Requirement[] = op.security ?? openapiDocument.security ?? [];
  if (security.length === 0 || security.some((r) => Object.keys(r).length === 0)) return 'admitted';
  if (!credential.bearer && !credential.key) return 401;
  if (credential.key && op['x-lockstep-key-permission'] !== 'handler') {
    const needed = READ_METHODS.has(method) ? 'read' : 'write';
    if (!credential.key.permissions.includes(needed)) return 403;
  }
  return security.some((r) => satisfies(r, credential)) ? 'admitted' : 403;
}

/** A concrete path: every parameter names something that does not exist. */
function concretePath(template: string): string {
  return template.replace(/\{[^}]+\}/g, 'zz_matrix_absent');
}

function headersOf(credential: Credential): Record<string, string> {
  if (credential.bearer) return { authorization: `Bearer ${credential.bearer.token}` };
  if (credential.key) return { apikey: credential.key.secret };
  return {};
}

/** Operations in an order that ends with the one that ends the callers' sessions. */
function matrixOperations() {
  const all = Object.entries(operations).map(([operationId, op]) => ({ operationId, ...op }));
  return [...all.filter((op) => op.operationId !== 'signOut'), ...all.filter((op) => op.operationId === 'signOut')];
}

contractSuite(import.meta.filename, 'permission matrix from the spec', (t) => {
  const credentials: Credential[] = [{ name: 'anonymous' }];

  beforeAll(async () => {
    const admin = await setupAdmin(t);
    const user = await signUpUser(t, 'matrix');
    const other = await signUpUser(t, 'matrix-other');
    const key = async (owner: Person, permissions: string[]) => ({
      secret: await createApiKey(t, owner, permissions as Parameters<typeof createApiKey>[2]),
      permissions,
    });
    credentials.push(
      { name: 'user', bearer: { token: user.token, role: 'user' } },
      { name: 'other user', bearer: { token: other.token, role: 'user' } },
      { name: 'admin', bearer: { token: admin.token, role: 'admin' } },
      { name: 'user key [read]', key: await key(user, ['read']) },
      { name: 'user key [write]', key: await key(user, ['write']) },
      { name: 'user key [read, write]', key: await key(user, ['read', 'write']) },
      { name: 'admin key [read]', key: await key(admin, ['read']) },
      { name: 'admin key [admin]', key: await key(admin, ['admin']) },
      { name: 'admin key [read, write, admin]', key: await key(admin, ['read', 'write', 'admin']) },
      { name: 'admin key [read, write, service]', key: await key(admin, ['read', 'write', 'service']) },
    );
  });

  it.each(matrixOperations().map((op) => [op.operationId, op] as const))(
    '%s admits and refuses every credential as the spec says',
    async (_, op) => {
      const wrong: string[] = [];
      for (const credential of credentials) {
        const want = expectedFor(op.path, op.method, credential);
        const res = await t.raw.request(op.method.toUpperCase(), concretePath(op.path), undefined, {
          headers: headersOf(credential),
        });
        const message = typeof res.body === 'object' ? String(res.body?.message ?? '') : '';
        const refusedBy =
          res.status === 401 ? 401 : res.status === 403 && ACCESS_REFUSAL.test(message) ? 403 : undefined;
        const got = refusedBy ?? 'admitted';
        if (got !== want) wrong.push(`${credential.name}: want ${want}, got ${res.status} ${message}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it('covers every operation of the spec with every credential', () => {
    expect(matrixOperations()).toHaveLength(Object.keys(operations).length);
    expect(credentials).toHaveLength(11);
  });
});
