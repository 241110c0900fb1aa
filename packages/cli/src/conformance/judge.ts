/**
 * Reads an answer against the spec: is its status documented for the operation, does its
 * body have a documented media type and match that status's schema, does it say the route
 * is unknown? Bodies are validated with the contract's Ajv set-up, the whole document loaded
 * once and each schema referenced by JSON pointer, so `$ref`s resolve as in the spec.
 */
import {
  createAjv,
  deref,
  fieldErrors,
  locate,
  type OpenApiDocument,
  pointer,
  type Validator,
} from '@lockstep/contract';
import { errorCode, routeUnknown } from '../spec/error-body';
import type { ContractOperation, HttpAnswer } from './types';

/** What an answer tells, before deciding what that means for a check. */
export type Reading = {
  /** The responses key that documents the status (`200`, `4XX`, `default`), if any. */
  documented?: string;
  /** The body says the route itself is unknown (a 404 or 405 from the router). */
  notServed: boolean;
  /** The error `code` of a JSON error body. */
  code?: string;
  /** The error `message` of a JSON error body, shortened. */
  message?: string;
  /** What is wrong with the body: `body.email is required`. */
  problems: string[];
  /** Something the suite could not check (a schema Ajv cannot compile). */
  note?: string;
};

/** Reads answers for the operations of one document. */
export class Judge {
  private readonly ajv;
  private readonly validators = new Map<string, Validator | Error>();

  constructor(private readonly doc: any) {
    this.ajv = createAjv(doc as OpenApiDocument, false);
  }

  /** Reads `answer` as an answer of `op`. */
  read(op: ContractOperation, answer: HttpAnswer): Reading {
    const json = answer.json as any;
    const reading: Reading = {
      notServed: false,
      code: errorCode(answer.text) ?? undefined,
      message: shortMessage(json),
      problems: [],
    };
    if ([404, 405, 501].includes(answer.status) && !answer.unread)
      reading.notServed = routeUnknown({ status: answer.status, body: answer.text });
    const found = this.documentedResponse(op, answer.status);
    if (!found) return reading;
    reading.documented = found.key;
    this.checkBody(op, found, answer, reading);
    return reading;
  }

  /** The responses key documenting `status`: exact, then `4XX`, then `default`. */
  documentedResponse(op: ContractOperation, status: number): { key: string; node: any; at: string[] } | null {
    const responsesAt = [...op.at, 'responses'];
    const responses = locate(this.doc, resolveAt(this.doc, responsesAt), responsesAt).node ?? {};
    const range = `${String(status)[0]}XX`;
    const key = [String(status), range, range.toLowerCase(), 'default'].find((k) => k in responses);
    if (!key) return null;
    const { node, at } = locate(this.doc, responses[key], [...responsesAt, key]);
    return { key, node: node ?? {}, at };
  }

  /** `schema` with its `$ref` chain followed in this document. */
  resolved(schema: unknown): any {
    return deref(this.doc, schema).node;
  }

  /** The statuses documented for an operation, for messages. */
  documentedStatuses(op: ContractOperation): string[] {
    return Object.keys(resolveAt(this.doc, [...op.at, 'responses']) ?? {});
  }

  private checkBody(
    op: ContractOperation,
    found: { key: string; node: any; at: string[] },
    answer: HttpAnswer,
    reading: Reading,
  ): void {
    const content = found.node.content as Record<string, any> | undefined;
    const hasBody = answer.unread || answer.text.trim() !== '';
    if (!content || Object.keys(content).length === 0 || op.method === 'head') return;
    const types = Object.keys(content);
    if (!hasBody) {
      const jsonSchema = types.some((t) => /json/.test(t) && content[t]?.schema);
      if (jsonSchema && ![204, 304].includes(answer.status))
        reading.problems.push(`body is empty; documented ${types.join(', ')}`);
      return;
    }
    const mediaKey = matchMediaType(types, answer.mediaType);
    // application/octet-stream documents arbitrary bytes: a download may carry its file's own type.
    if (!mediaKey && types.some((t) => t.startsWith('application/octet-stream'))) return;
    if (!mediaKey) {
      reading.problems.push(`body is ${answer.mediaType || 'untyped'}; documented ${types.join(', ')}`);
      return;
    }
    if (!/json/.test(mediaKey) || !content[mediaKey]?.schema) return;
    if (answer.json === undefined) {
      reading.problems.push(answer.unread ? 'body is too large to check' : 'body is not valid JSON');
      return;
    }
    const validate = this.validator([...found.at, 'content', mediaKey, 'schema']);
    if (validate instanceof Error) reading.note = `cannot check the ${found.key} body: ${validate.message}`;
    else if (!validate(answer.json))
      reading.problems.push(...fieldErrors(validate.errors, 'body').map((e) => `${e.field} ${e.message}`));
  }

  /** A validator for the schema at `at`, compiled once; an Error when Ajv refuses the schema. */
  validator(at: string[]): Validator | Error {
    const key = JSON.stringify(at);
    let found = this.validators.get(key);
    if (!found) {
      try {
        found = this.ajv.compile({ $ref: pointer(...at) });
      } catch (error) {
        found = error as Error;
      }
      this.validators.set(key, found);
    }
    return found;
  }
}

/** The node at a location, following `$ref`s met on the way. */
export function resolveAt(doc: any, at: string[]): any {
  let node = doc;
  for (const key of at) {
    node = locate(doc, node, []).node?.[key];
    if (node === undefined) return undefined;
  }
  return locate(doc, node, []).node;
}

/** The documented media type an answered one falls under: exact, `text/*`, `*\/*`. */
export function matchMediaType(documented: string[], answered: string): string | undefined {
  const base = (t: string) => t.split(';')[0].trim().toLowerCase();
  return (
    documented.find((t) => base(t) === answered) ??
    documented.find((t) => base(t) === `${answered.split('/')[0]}/*`) ??
    documented.find((t) => base(t) === '*/*')
  );
}

function shortMessage(json: any): string | undefined {
  const message = json?.message ?? json?.error?.message ?? (typeof json?.error === 'string' ? json.error : undefined);
  if (typeof message !== 'string') return undefined;
  return message.length > 160 ? `${message.slice(0, 157)}...` : message;
}
