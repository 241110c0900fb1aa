import { deref, openapiDocument } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { type AuditSource, auditActions, auditRules, parseAuditRule, readSource } from './audit-rule';

type Doc = Record<string, any>;
const doc = openapiDocument as unknown as Doc;
const resolve = (node: unknown): Doc => (deref(openapiDocument, node).node ?? {}) as Doc;

function operation(operationId: string): { pathItem: Doc; op: Doc } {
  for (const pathItem of Object.values(doc.paths as Doc)) {
    for (const op of Object.values(pathItem as Doc)) if (op?.operationId === operationId) return { pathItem, op };
  }
  throw new Error(`no operation ${operationId}`);
}

/** Whether a schema has the property path `keys` (through allOf, oneOf, anyOf). */
function hasPath(schema: Doc, keys: string[]): boolean {
  const s = resolve(schema);
  if (keys.length === 0) return true;
  const branches = [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])];
  if (branches.some((b: Doc) => hasPath(b, keys))) return true;
  const next = s.properties?.[keys[0]];
  return next !== undefined && hasPath(next, keys.slice(1));
}

function sourceExists(operationId: string, source: AuditSource): boolean {
  const { pathItem, op } = operation(operationId);
  if (source.from === 'caller') return true;
  if (source.from === 'path') {
    const params = [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
    return params.some((p) => p.in === 'path' && p.name === source.keys[0]);
  }
  if (source.from === 'body')
    return hasPath(resolve(op.requestBody).content?.['application/json']?.schema ?? {}, source.keys);
  const ok = Object.entries(op.responses as Doc).filter(([status]) => status.startsWith('2'));
  return ok.some(([, r]) => hasPath(resolve(r).content?.['application/json']?.schema ?? {}, source.keys));
}

describe('the spec’s x-lockstep-audit rules', () => {
  const rules = auditRules(doc);

  it('parse, and cover sign-ins, users, keys, schema, backups, restores and the cluster', () => {
    for (const id of [
      'signIn',
      'deleteUser',
      'createApiKey',
      'createTable',
      'createBackup',
      'restoreBackup',
      'promoteReplica',
    ])
      expect(rules.has(id), id).toBe(true);
  });

  it('read their ids and actors from fields the operation really has', () => {
    const missing = [...rules].flatMap(([operationId, rule]) =>
      [rule.id, rule.actor]
        .filter((s): s is AuditSource => s !== undefined && !sourceExists(operationId, s))
        .map((s) => `${operationId}: ${s.from}.${s.keys.join('.')}`),
    );
    expect(missing).toEqual([]);
  });

  it('are only on operations that change something', () => {
    const reads = [...rules.keys()].filter((id) => operation(id).op === operation(id).pathItem.get);
    expect(reads).toEqual([]);
  });

  it('list each action once, failures included, sorted', () => {
    const actions = auditActions(rules.values());
    expect(actions).toContain('auth.login_failed');
    expect(actions).toEqual([...new Set(actions)].sort());
  });
});

describe('parseAuditRule', () => {
  it.each([
    [{ resource: 'user', action: 'User.Delete' }, /dotted lower-case/],
    [{ resource: 'user', action: 'user' }, /dotted lower-case/],
    [{ action: 'user.delete' }, /resource is required/],
    [{ resource: 'user', action: 'user.delete', id: 'query.x' }, /is not caller/],
    [{ resource: 'user', action: 'user.delete', id: 'caller.x' }, /is not caller/],
    [{ resource: 'user', action: 'user.delete', id: 'path' }, /is not caller/],
  ])('refuses %j', (extension, message) => {
    expect(() => parseAuditRule('op', extension)).toThrow(message);
  });

  it('reads nested response fields, own keys only', () => {
    const rule = parseAuditRule('op', { resource: 'user', action: 'auth.login', id: 'response.user.id' });
    const facts = { params: {}, body: undefined, callerId: null };
    expect(readSource(rule!.id!, { ...facts, response: { user: { id: 'u1' } } })).toBe('u1');
    expect(readSource(rule!.id!, { ...facts, response: { user: {} } })).toBeUndefined();
    expect(readSource(rule!.id!, { ...facts, response: Object.create({ user: { id: 'x' } }) })).toBeUndefined();
  });
});
