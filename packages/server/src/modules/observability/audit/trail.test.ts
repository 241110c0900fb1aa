import { describe, expect, it } from 'vitest';
import { parseAuditRule } from '../../../http/audit-rule';
import { type AuditOutcome, auditEntryFor } from './trail';

const login = parseAuditRule('signIn', {
  action: 'auth.login',
  resource: 'user',
  id: 'body.email',
  actor: 'response.user.id',
  failed: 'auth.login_failed',
})!;

const outcome = (over: Partial<AuditOutcome>): AuditOutcome => ({
  operationId: 'signIn',
  method: 'post',
  path: '/auth/login',
  status: 200,
  at: 0,
  params: {},
  body: { email: 'a@example.com', password: 'secret' },
  response: { user: { id: 'u1' } },
  callerId: null,
  ip: '203.0.113.7',
  ...over,
});

describe('auditEntryFor', () => {
  it('records a success with the actor from the response and never the body', () => {
    const entry = auditEntryFor(login, outcome({}));
    expect(entry).toMatchObject({
      action: 'auth.login',
      user_id: 'u1',
      resource_type: 'user',
      resource_id: 'a@example.com',
    });
    expect(entry?.details).toEqual({ operation: 'signIn', method: 'POST', path: '/auth/login', status: 200 });
    expect(JSON.stringify(entry)).not.toContain('secret');
  });

  it('records a refusal under the failed action, with no actor', () => {
    const entry = auditEntryFor(login, outcome({ status: 401, response: { code: 'INVALID_CREDENTIALS' } }));
    expect(entry).toMatchObject({ action: 'auth.login_failed', user_id: null, resource_id: 'a@example.com' });
  });

  it('records nothing for bad input or a server failure', () => {
    expect(auditEntryFor(login, outcome({ status: 400 }))).toBeUndefined();
    expect(auditEntryFor(login, outcome({ status: 500 }))).toBeUndefined();
  });

  it('names a singleton by its kind, and the caller as actor by default', () => {
    const rule = parseAuditRule('updateSchedule', { action: 'backup.schedule_update', resource: 'backup_schedule' })!;
    const entry = auditEntryFor(rule, outcome({ callerId: 'admin-1', response: undefined }));
    expect(entry).toMatchObject({ user_id: 'admin-1', resource_id: 'backup_schedule' });
  });
});
