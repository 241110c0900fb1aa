/**
 * The columns of the wiring report, one check each, computed from the artifacts
 * themselves: the bundled spec, the server's handler map, the SDK's manifest, the mocks'
 * answers and the contract suite's recorded traffic (the docs column is `docs-column.ts`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAjv, deref, type OpenApiDocument, ResponseValidator } from '@lockstep/contract';

type Doc = Record<string, any>;

/** One operation as the report sees it. */
export interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  tag: string;
  access: string;
}

/** What is missing for an operation's spec to count as complete; empty when complete. */
export function specGaps(doc: OpenApiDocument, op: OperationInfo): string[] {
  const o: Doc = doc.paths[op.path][op.method];
  const gaps: string[] = [];
  if (!o.summary) gaps.push('summary');
  if (!o.description) gaps.push('description');
  if (o.tags?.length !== 1) gaps.push('one tag');
  const json = o.requestBody?.content?.['application/json'];
  if (json && !json.examples && !json.example) gaps.push('request example');
  const successes = Object.entries(o.responses as Doc).filter(([status]) => /^[23]/.test(status));
  if (successes.length === 0) gaps.push('success response');
  for (const [status, response] of successes) {
    const resolved = deref(doc, response).node;
    const body = resolved.content?.['application/json'];
    if (body && !body.examples && !body.example) gaps.push(`${status} example`);
  }
  return gaps;
}

/** Statuses seen per operation by the contract suite on one target, merged over its files. */
export function contractStatuses(reportsDir: string, target: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const dir = join(reportsDir, target);
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, number[]>;
    for (const [op, statuses] of Object.entries(record)) {
      const set = out.get(op) ?? new Set<number>();
      for (const s of statuses) set.add(s);
      out.set(op, set);
    }
  }
  return out;
}

/**
 * What a contract run must have shown for an operation: a success, and each error it can
 * provoke. On a deployment that cannot do the operation by design (replication on SQLite,
 * `refusedByDesign`: the replay saw its 409 UNSUPPORTED_DEPLOYMENT), the documented 409
 * stands for the success.
 */
export function contractGaps(
  doc: OpenApiDocument,
  op: OperationInfo,
  seen: Set<number> | undefined,
  refusedByDesign = false,
): string[] {
  if (!seen) return ['not exercised'];
  const o: Doc = doc.paths[op.path][op.method];
  if (refusedByDesign && o.responses['409'] && seen.has(409)) seen = new Set([...seen, 200]);
  const takesInput =
    Boolean(o.requestBody) || (o.parameters ?? []).length > 0 || (doc.paths[op.path].parameters ?? []).length > 0;
  const gaps: string[] = [];
  if (![...seen].some((s) => s >= 200 && s < 400)) gaps.push('happy path');
  if (op.access !== 'public' && op.access !== 'optional' && !seen.has(401)) gaps.push('401');
  if ((op.access === 'admin' || op.access === 'service') && !seen.has(403)) gaps.push('403');
  if (takesInput && !seen.has(400)) gaps.push('400');
  return gaps;
}

/** A validator for mock answers. */
export function mockValidator(doc: OpenApiDocument): ResponseValidator {
  return new ResponseValidator(doc, createAjv(doc, false));
}
