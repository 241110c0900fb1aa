/**
 * Builds the requests an operation should accept: its body from each of the spec's examples
 * (or a sample of its schema), required parameters and those with examples, and path
 * parameters from what the suite created earlier (`POST /users` → `{id}` of `/users/{userId}`).
 * Emails are made unique per run so that creating things does not collide with earlier runs.
 */
import * as fc from 'fast-check';
import { sample } from 'openapi-sampler';
import type { Judge } from './judge';
import { arbitraryOf } from './schema-arbitrary';
import type { AuthPlan } from './security';
import { placeParams } from './serialize';
import type { ContractOperation, HttpCase, ParamSpec } from './types';

/** The variable parts of a request: parameter values keyed `in:name`, and the body. */
export type RequestParts = { values: Record<string, unknown>; body?: unknown };

/** A named request to send. */
export type NamedParts = { name: string; parts: RequestParts; warning?: string };

const MAX_EXAMPLES = 3;

/** Puts request parts and credentials together into what `send` takes. */
export function assemble(op: ContractOperation, parts: RequestParts, plan: AuthPlan): HttpCase {
  const placed = placeParams(op.path, op.params, parts.values);
  return {
    path: placed.path,
    query: [...placed.query, ...plan.query],
    headers: { ...placed.headers, ...plan.headers },
    body:
      op.body && parts.body !== undefined
        ? { mediaType: op.body.mediaType, value: parts.body, schema: op.body.schema }
        : undefined,
  };
}

/** Builds positive requests for the operations of one document and remembers what they create. */
export class PositiveCases {
  private readonly created = new Map<string, unknown>();
  private emails = 0;

  constructor(
    private readonly doc: any,
    private readonly judge: Judge,
    private readonly runId: string,
  ) {}

  /** The requests `op` should accept: one per body example (at most three), else one sampled. */
  casesFor(op: ContractOperation): NamedParts[] {
    const values = this.paramValues(op);
    if (!op.body) return [{ name: 'positive', parts: { values } }];
    const examples = op.body.examples.slice(0, MAX_EXAMPLES);
    if (examples.length === 0) {
      const body = this.uniqueEmails(this.sampleBody(op));
      return [{ name: 'positive: sampled', parts: { values, body } }];
    }
    return examples.map(({ name, value }) => {
      const problems = this.bodyProblems(op, value);
      const warning = problems
        ? `${op.operationId}: example ${name} does not match its schema: ${problems}`
        : undefined;
      return { name: `positive: example ${name}`, parts: { values, body: this.uniqueEmails(value) }, warning };
    });
  }

  /** Values for required parameters and for optional ones the spec gives an example of. */
  paramValues(op: ContractOperation): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const param of op.params) {
      const created = param.in === 'path' ? this.createdFor(op.path, param) : undefined;
      if (created !== undefined) values[`path:${param.name}`] = created;
      else if (param.required || param.examples.length > 0) values[`${param.in}:${param.name}`] = this.valueOf(param);
    }
    return values;
  }

  /** Remembers what a successful create answered, for the path parameters of the paths below it. */
  remember(op: ContractOperation, status: number, json: unknown): void {
    if (!['post', 'put'].includes(op.method) || status < 200 || status >= 300) return;
    if (json && typeof json === 'object' && !Array.isArray(json)) this.created.set(op.path, json);
  }

  /**
   * A value for path parameter `param` from what was created at the path just above it, only
   * when it fits the parameter's own schema (type, format, enum): an enum parameter
   * (`{status}`: approve/decline) never takes an unrelated `id` of an earlier answer.
   */
  private createdFor(path: string, param: ParamSpec): unknown {
    const segments = path.split('/');
    const index = segments.indexOf(`{${param.name}}`);
    if (index < 0) return undefined;
    const body = this.created.get(segments.slice(0, index).join('/')) as Record<string, unknown> | undefined;
    if (!body) return undefined;
    const schema = this.judge.resolved(param.schema);
    const value = pickKey(body, param.name, Array.isArray(schema?.enum) ? [] : ['id', 'name']);
    if (value === undefined) return undefined;
    const validate = this.judge.validator(param.schemaAt);
    if (validate instanceof Error) return value;
    if (validate(value)) return value;
    return validate(String(value)) ? String(value) : undefined;
  }

  private valueOf(param: ParamSpec): unknown {
    if (param.examples.length > 0) return param.examples[0];
    return this.sampleSchema(param.schema, param.schemaAt);
  }

  private sampleBody(op: ContractOperation): unknown {
    return this.sampleSchema(op.body!.schema, op.body!.schemaAt);
  }

  /** openapi-sampler's sample when it matches the schema, else the first matching fast-check value. */
  private sampleSchema(schema: any, at: string[]): unknown {
    const validate = this.judge.validator(at);
    const valid = (v: unknown) => validate instanceof Error || validate(v) === true;
    let sampled: unknown;
    try {
      sampled = sample(schema, { skipReadOnly: true, quiet: true }, this.doc);
      if (valid(sampled)) return sampled;
    } catch {
      // fall through to generated values
    }
    try {
      const generated = fc.sample(arbitraryOf(this.doc, schema), { numRuns: 50, seed: 1 });
      return generated.find(valid) ?? sampled ?? generated[0];
    } catch {
      return sampled;
    }
  }

  private bodyProblems(op: ContractOperation, value: unknown): string | undefined {
    if (!/json/.test(op.body!.mediaType)) return undefined;
    const validate = this.judge.validator(op.body!.schemaAt);
    if (validate instanceof Error || validate(value)) return undefined;
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
  }

  /** A copy of `value` with every email made unique to this run. */
  uniqueEmails(value: unknown): unknown {
    if (typeof value === 'string') {
      const match = /^([^@\s]+)@([^@\s]+\.[^@\s]+)$/.exec(value);
      return match ? `${match[1]}+lc${this.runId}${++this.emails}@${match[2]}` : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.uniqueEmails(v));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.uniqueEmails(v)]));
    return value;
  }
}

/** The keys a created resource may carry a path parameter under: `filePath` → filePath, file_path, path, then `fallbacks`. */
export function keysFor(param: string, fallbacks: string[] = ['id', 'name']): string[] {
  const snake = param.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return [...new Set([param, snake, snake.split('_').pop()!, ...fallbacks])];
}

/** The value of a created resource for `param`: a key of the body, or of an object inside it (`{ key: { id } }`). */
function pickKey(body: Record<string, unknown>, param: string, fallbacks: string[]): unknown {
  const inner = Object.values(body).filter((v): v is Record<string, unknown> => !!v && typeof v === 'object');
  for (const key of keysFor(param, fallbacks)) {
    for (const node of [body, ...inner]) {
      const value = node[key];
      if (typeof value === 'string' || typeof value === 'number') return value;
    }
  }
  return undefined;
}
