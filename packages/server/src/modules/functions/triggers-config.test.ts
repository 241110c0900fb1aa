/** Trigger configs in both spellings the spec accepts, and the ones refused with a 400. */
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../http/http-error';
import { cronSpecs, eventSpecs, validateTriggers } from './triggers-config';
import type { Trigger } from './view';

const t = (value: unknown) => value as Trigger;

describe('trigger configs', () => {
  it("reads the dashboard's shapes and the older names alike", () => {
    const triggers = [
      t({ type: 'http', config: { path: '/x', methods: ['GET'] } }),
      t({ type: 'cron', config: { expression: '*/5 * * * *' } }),
      t({ type: 'cron', config: { schedule: '0 3 * * *', payload: { a: 1 } } }),
      t({ type: 'event', config: { table: 'orders', operations: ['insert', 'DELETE'] } }),
      t({ type: 'event', config: { table: 'people' } }),
      t({ type: 'event', config: { event: 'database.posts.update' } }),
      t({ type: 'event', config: { event: 'database.*.*' } }),
    ];
    expect(cronSpecs(triggers)).toEqual([
      { index: 1, expression: '*/5 * * * *', payload: {} },
      { index: 2, expression: '0 3 * * *', payload: { a: 1 } },
    ]);
    expect(eventSpecs(triggers).map((e) => [e.table, [...e.operations].sort()])).toEqual([
      ['orders', ['DELETE', 'INSERT']],
      ['people', ['DELETE', 'INSERT', 'UPDATE']],
      ['posts', ['UPDATE']],
      ['*', ['DELETE', 'INSERT', 'UPDATE']],
    ]);
    expect(() => validateTriggers(triggers)).not.toThrow();
  });

  it.each([
    ['a bad cron expression', { type: 'cron', config: { expression: '99 * * * *' } }],
    ['a cron without a schedule', { type: 'cron', config: { payload: {} } }],
    ['an event of another module', { type: 'event', config: { event: 'auth.user.created' } }],
    ['an event with a bad operation', { type: 'event', config: { event: 'database.posts.truncate' } }],
  ])('refuses %s with a 400', (_name, trigger) => {
    try {
      validateTriggers([t(trigger)]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(400);
    }
  });
});
