/**
 * Reads a spec into the operations the suite runs, in the order it runs them: tag by tag,
 * DELETEs after the other methods, and sign-out after everything else.
 */
import { deref, effectiveSecurity, type Located, locate, walkOperations } from '@lockstep/contract';
import { UsageError } from '../usage-error';
import type { Alternative, BodySpec, ContractOperation, ParamSpec } from './types';

/** The tag an operation is reported under. */
export function tagOf(op: any): string {
  return Array.isArray(op?.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : 'default';
}

/** Every operation of the document, optionally only those of `only` tags, in running order. */
export function contractOperations(doc: any, only?: string[]): ContractOperation[] {
  const all = readOperations(doc);
  const tags = tagOrder(doc, all);
  if (only) {
    const unknown = only.filter((t) => !tags.includes(t));
    if (unknown.length > 0)
      throw new UsageError(`--only: no operation has the tag ${unknown.join(', ')}; tags: ${tags.join(', ')}`);
  }
  const chosen = tags.filter((t) => !only || only.includes(t));
  const ordered = chosen.flatMap((tag) => runningOrder(all.filter((op) => op.tag === tag && !op.endsSession)));
  return [...ordered, ...all.filter((op) => chosen.includes(op.tag) && op.endsSession)];
}

/** The tags in the document's `tags` order, then any others in order of first use. */
export function tagOrder(doc: any, ops: ContractOperation[]): string[] {
  const declared = Array.isArray(doc.tags) ? doc.tags.map((t: any) => t?.name).filter(Boolean) : [];
  const used = [...new Set(ops.map((op) => op.tag))];
  return [...declared.filter((t: string) => used.includes(t)), ...used.filter((t) => !declared.includes(t))];
}

/** Within a tag: spec order, with destructive operations moved after the rest, in reverse. */
function runningOrder(ops: ContractOperation[]): ContractOperation[] {
  return [...ops.filter((op) => !op.destructive), ...ops.filter((op) => op.destructive).reverse()];
}

const DELETION_ID = /^(bulk_?)?(delete|remove|purge|destroy|drop|revoke|wipe)/i;
const DELETION_PATH = /\/(delete|remove|purge|destroy|bulk-delete|wipe)$/i;

function readOperations(doc: any): ContractOperation[] {
  return walkOperations(doc).map((w) =>
    readOperation(doc, w.path, w.method, { node: w.pathItem, at: w.pathItemAt }, w.operation),
  );
}

function readOperation(doc: any, path: string, method: string, item: Located, op: any): ContractOperation {
  const operationId = typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${path}`;
  return {
    operationId,
    method,
    path,
    tag: tagOf(op),
    at: [...item.at, method],
    params: readParams(doc, item, method),
    body: readBody(doc, op.requestBody, [...item.at, method, 'requestBody']),
    security: alternatives(effectiveSecurity(doc, op)),
    destructive: method === 'delete' || DELETION_ID.test(operationId) || DELETION_PATH.test(path),
    endsSession: /(^|\/)(log-?out|sign-?out)$/i.test(path) || /^(log|sign)_?out$/i.test(operationId),
    setupStep: method !== 'get' && /^\/setup(\/|$)/.test(path),
  };
}

function readParams(doc: any, item: Located, method: string): ParamSpec[] {
  const byKey = new Map<string, ParamSpec>();
  const lists: [unknown[], string[]][] = [
    [item.node.parameters ?? [], [...item.at, 'parameters']],
    [item.node[method].parameters ?? [], [...item.at, method, 'parameters']],
  ];
  for (const [list, at] of lists) {
    list.forEach((raw, i) => {
      const { node: p, at: pAt } = locate(doc, raw, [...at, String(i)]);
      if (!p || typeof p.name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(p.in)) return;
      byKey.set(`${p.in} ${p.name}`, {
        name: p.name,
        in: p.in,
        required: p.in === 'path' || p.required === true,
        schema: p.schema ?? {},
        schemaAt: [...pAt, 'schema'],
        style: p.style,
        explode: p.explode,
        allowReserved: p.allowReserved,
        examples: paramExamples(doc, p),
      });
    });
  }
  return [...byKey.values()];
}

function paramExamples(doc: any, p: any): unknown[] {
  const out: unknown[] = [];
  if (p.example !== undefined) out.push(p.example);
  for (const ex of Object.values<any>(p.examples ?? {})) {
    const value = deref(doc, ex).node?.value;
    if (value !== undefined) out.push(value);
  }
  const schema = deref(doc, p.schema).node;
  if (schema?.example !== undefined) out.push(schema.example);
  if (Array.isArray(schema?.examples)) out.push(...schema.examples);
  return out;
}

const MEDIA_PREFERENCE = [
  /^application\/(.+\+)?json$/,
  /^multipart\/form-data$/,
  /^application\/x-www-form-urlencoded$/,
];

function readBody(doc: any, raw: any, at: string[]): BodySpec | undefined {
  if (!raw) return undefined;
  const { node, at: bodyAt } = locate(doc, raw, at);
  const types = Object.keys(node?.content ?? {});
  if (types.length === 0) return undefined;
  const mediaType = MEDIA_PREFERENCE.map((re) => types.find((t) => re.test(t))).find(Boolean) ?? types[0];
  const media = node.content[mediaType] ?? {};
  const examples: BodySpec['examples'] = [];
  if (media.example !== undefined) examples.push({ name: 'example', value: media.example });
  for (const [name, ex] of Object.entries<any>(media.examples ?? {})) {
    const value = deref(doc, ex).node?.value;
    if (value !== undefined) examples.push({ name, value });
  }
  return {
    mediaType,
    required: node.required === true,
    schema: media.schema ?? {},
    schemaAt: [...bodyAt, 'content', mediaType, 'schema'],
    examples,
  };
}

function alternatives(list: unknown[]): Alternative[] {
  return list.map((req) =>
    Object.entries((req ?? {}) as Record<string, unknown>).map(([scheme, scopes]) => ({
      scheme,
      scopes: Array.isArray(scopes) ? scopes.map(String) : [],
    })),
  );
}
