/**
 * Reading a function's triggers: the cron schedules and the database events it runs on,
 * from either spelling the spec accepts (the dashboard's `{expression}` and
 * `{table, operations}`, or `{schedule}` and `{event: "database.<table>.<op>"}`), and
 * refusing, with a 400, what the server cannot honour (a bad cron expression, an event of
 * another module).
 */
import { Cron } from 'croner';
import { errors } from '../../http/http-error';
import type { Trigger } from './view';

/** A change kind as the change log records it. */
export type ChangeOperation = 'INSERT' | 'UPDATE' | 'DELETE';

/** One cron schedule of a function. */
export interface CronSpec {
  index: number;
  expression: string;
  payload: Record<string, unknown>;
}

/** One table watch of a function; `table` is `*` for every table. */
export interface EventSpec {
  table: string;
  operations: Set<ChangeOperation>;
}

const ALL: ChangeOperation[] = ['INSERT', 'UPDATE', 'DELETE'];

/** The cron schedules among `triggers`. */
export function cronSpecs(triggers: Trigger[]): CronSpec[] {
  const out: CronSpec[] = [];
  triggers.forEach((t, index) => {
    if (t.type !== 'cron') return;
    const config = t.config as { expression?: string; schedule?: string; payload?: Record<string, unknown> };
    const expression = config.expression ?? config.schedule;
    if (expression) out.push({ index, expression, payload: config.payload ?? {} });
  });
  return out;
}

function fromEventName(name: string): EventSpec | undefined {
  const parts = name.split('.');
  if (parts.length !== 3 || parts[0] !== 'database') return undefined;
  const [, table, op] = parts;
  if (op === '*') return { table, operations: new Set(ALL) };
  const upper = op.toUpperCase() as ChangeOperation;
  return ALL.includes(upper) ? { table, operations: new Set([upper]) } : undefined;
}

/** The table watches among `triggers` (an unreadable one is skipped; `validateTriggers` refuses it first). */
export function eventSpecs(triggers: Trigger[]): EventSpec[] {
  const out: EventSpec[] = [];
  for (const t of triggers) {
    if (t.type !== 'event') continue;
    const config = t.config as { table?: string; operations?: string[]; event?: string };
    if (config.table) {
      const ops = (config.operations ?? ALL).map((o) => o.toUpperCase() as ChangeOperation);
      out.push({ table: config.table, operations: new Set(ops) });
    } else if (config.event) {
      const spec = fromEventName(config.event);
      if (spec) out.push(spec);
    }
  }
  return out;
}

/** Throws a 400 for a trigger the server cannot run. */
export function validateTriggers(triggers: Trigger[]): void {
  triggers.forEach((t, i) => {
    if (t.type === 'cron') {
      const config = t.config as { expression?: string; schedule?: string };
      const expression = config.expression ?? config.schedule;
      if (!expression)
        throw errors.validation([{ field: `triggers/${i}/config`, message: 'needs expression (or schedule)' }]);
      try {
        new Cron(expression, { paused: true, timezone: 'UTC' }).stop();
      } catch (error) {
        throw errors.validation([
          { field: `triggers/${i}/config`, message: `bad cron expression: ${(error as Error).message}` },
        ]);
      }
    }
    if (t.type === 'event') {
      const config = t.config as { table?: string; event?: string };
      if (!config.table && !config.event)
        throw errors.validation([{ field: `triggers/${i}/config`, message: 'needs table (or event)' }]);
      if (!config.table && config.event && !fromEventName(config.event))
        throw errors.validation([
          {
            field: `triggers/${i}/config/event`,
            message: 'this server emits database events only: database.<table>.<insert|update|delete|*>',
          },
        ]);
    }
  });
}
