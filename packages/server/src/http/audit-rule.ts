/**
 * Reads an operation's `x-lockstep-audit` extension (spec/CONVENTIONS.md): the action it
 * records, the kind of resource, and where the resource's id and the actor come from
 * (`path.<param>`, `body.<field>`, `response.<field>[.<field>]`, or `caller`).
 */

/** Where a value of an audit entry is read from. */
export interface AuditSource {
  from: 'path' | 'body' | 'response' | 'caller';
  keys: string[];
}

/** What one operation records in the audit log. */
export interface AuditRule {
  action: string;
  resource: string;
  /** The resource's id or name; the resource kind itself when absent (a singleton such as the schedule). */
  id?: AuditSource;
  /** Who acted when the caller is not yet known (sign-in, sign-up); the caller otherwise. */
  actor?: AuditSource;
  /** The action recorded when the operation is refused with 401 or 403 (a failed sign-in). */
  failed?: string;
}

const ACTION = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;
const SOURCES = new Set(['path', 'body', 'response', 'caller']);

function parseSource(operationId: string, field: string, text: unknown): AuditSource | undefined {
  if (text === undefined) return undefined;
  const [from, ...keys] = String(text).split('.');
  if (!SOURCES.has(from) || (from === 'caller') !== (keys.length === 0) || keys.some((k) => k === '')) {
    throw new Error(`${operationId}: x-lockstep-audit.${field} "${text}" is not caller, path.x, body.x or response.x`);
  }
  return { from: from as AuditSource['from'], keys };
}

function checkAction(operationId: string, field: string, action: unknown): string {
  if (typeof action !== 'string' || !ACTION.test(action)) {
    throw new Error(`${operationId}: x-lockstep-audit.${field} "${action}" is not a dotted lower-case action name`);
  }
  return action;
}

/** The audit rule of an operation, or undefined when it records nothing; throws on a malformed extension. */
export function parseAuditRule(operationId: string, extension: unknown): AuditRule | undefined {
  if (extension === undefined) return undefined;
  const ext = extension as Record<string, unknown>;
  if (typeof ext.resource !== 'string' || ext.resource === '') {
    throw new Error(`${operationId}: x-lockstep-audit.resource is required`);
  }
  return {
    action: checkAction(operationId, 'action', ext.action),
    resource: ext.resource,
    id: parseSource(operationId, 'id', ext.id),
    actor: parseSource(operationId, 'actor', ext.actor),
    failed: ext.failed === undefined ? undefined : checkAction(operationId, 'failed', ext.failed),
  };
}

/** What an audit source can read from. */
export interface AuditFacts {
  params: Record<string, unknown>;
  body: unknown;
  response: unknown;
  callerId: string | null;
}

function dig(value: unknown, keys: string[]): unknown {
  let at = value;
  for (const key of keys) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The value of `source` as text, or undefined when it is absent or not a scalar. */
export function readSource(source: AuditSource, facts: AuditFacts): string | undefined {
  const value =
    source.from === 'caller'
      ? facts.callerId
      : dig(facts[source.from === 'path' ? 'params' : source.from], source.keys);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation's audit rule in a spec document, by operationId. */
export function auditRules(doc: { paths?: Record<string, any> }): Map<string, AuditRule> {
  const rules = new Map<string, AuditRule>();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      const rule = op && parseAuditRule(op.operationId, op['x-lockstep-audit']);
      if (rule) rules.set(op.operationId, rule);
    }
  }
  return rules;
}

/** Every action name the rules can record (failures included), sorted. */
export function auditActions(rules: Iterable<AuditRule>): string[] {
  const names = new Set<string>();
  for (const rule of rules) {
    names.add(rule.action);
    if (rule.failed) names.add(rule.failed);
  }
  return [...names].sort();
}
