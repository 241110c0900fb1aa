/**
 * Property-based cases: fast-check generates bodies and query parameters from the operation's
 * schemas and the property is "the target answers as documented, never with a 5xx". Each
 * operation runs from its own seed, derived from the run's seed and its operationId, so a seed
 * replays the same cases whatever `--only` selects. A failure is shrunk to a small case.
 */
import * as fc from 'fast-check';
import type { RequestParts } from './positive-cases';
import { arbitraryOf } from './schema-arbitrary';
import type { ContractOperation } from './types';
import type { Verdict } from './verdicts';

/** The seed of one operation's property: FNV-1a of `seed:operationId`, a 32-bit integer. */
export function operationSeed(seed: number, operationId: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${operationId}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** A seed for a run that was not given one. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** Generated request parts for `op` (body and query parameters; the rest from `base`), or null when there is nothing to generate. */
export function fuzzArbitrary(
  doc: unknown,
  op: ContractOperation,
  base: RequestParts,
): fc.Arbitrary<RequestParts> | null {
  const query = op.params.filter((p) => p.in === 'query');
  const body = op.body && /json|form/.test(op.body.mediaType) ? op.body : undefined;
  if (!body && query.length === 0) return null;
  const model = Object.fromEntries(query.map((p) => [`query:${p.name}`, arbitraryOf(doc, p.schema)]));
  const queryArb = fc.record(model, {
    requiredKeys: query.filter((p) => p.required).map((p) => `query:${p.name}`),
  });
  const bodyArb = body ? arbitraryOf(doc, body.schema) : fc.constant(undefined);
  const fixed = Object.fromEntries(Object.entries(base.values).filter(([k]) => !k.startsWith('query:')));
  return fc.record({ query: queryArb, body: bodyArb }).map(({ query: q, body: b }) => ({
    values: { ...fixed, ...q },
    body: b,
  }));
}

/** What a fuzz run found: how many cases it sent and, on failure, the shrunk case. */
export type FuzzOutcome = { runs: number; failure?: { message: string; example: RequestParts; shrinks: number } };

/** Runs `runs` generated cases through `check`; stops at the first failing case and shrinks it. */
export async function fuzz(
  arbitrary: fc.Arbitrary<RequestParts>,
  runs: number,
  seed: number,
  check: (parts: RequestParts) => Promise<Verdict>,
): Promise<FuzzOutcome> {
  const property = fc.asyncProperty(arbitrary, async (parts) => {
    const verdict = await check(parts);
    if (verdict.outcome === 'failed') throw new Error(verdict.message);
  });
  const details = await fc.check(property, { numRuns: runs, seed });
  if (!details.failed || !details.counterexample) return { runs: details.numRuns };
  const error = details.errorInstance;
  return {
    runs: details.numRuns,
    failure: {
      message: error instanceof Error ? error.message : String(error),
      example: details.counterexample[0],
      shrinks: details.numShrinks,
    },
  };
}

/** A generated case as one line: `{"query":{"limit":-1},"body":{...}}`, shortened. */
export function describeCase(op: ContractOperation, parts: RequestParts): string {
  const query = Object.fromEntries(
    Object.entries(parts.values)
      .filter(([k]) => k.startsWith('query:'))
      .map(([k, v]) => [k.slice(6), v]),
  );
  const shown: Record<string, unknown> = {};
  if (Object.keys(query).length > 0) shown.query = query;
  if (op.body && parts.body !== undefined) shown.body = parts.body;
  const text = JSON.stringify(shown);
  return text.length > 600 ? `${text.slice(0, 597)}...` : text;
}
