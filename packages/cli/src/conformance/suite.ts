/**
 * Runs the contract suite: for every operation, its positive cases, its auth matrix, its
 * negative cases and, with `fuzz`, its property-based cases, one request at a time.
 */
import { randomBytes } from 'node:crypto';
import { describeCase, fuzz, fuzzArbitrary, operationSeed } from './fuzz';
import { send, type Target } from './http';
import { Judge } from './judge';
import { Leftovers } from './leftovers';
import { negativeCases } from './negative-cases';
import { assemble, PositiveCases, type RequestParts } from './positive-cases';
import { type AuthPlan, describeSecurity, firstPlan, invalidPlan, isSecured, lowerRolePlan, planFor } from './security';
import { contractOperations } from './spec-model';
import type { CheckKind, CheckResult, ContractOperation, Credentials, HttpAnswer, HttpCase } from './types';
import { judgeAccepted, judgeNegative, judgePositive, judgeRefusal, type Verdict } from './verdicts';

/** What to run, against what. */
export type SuiteOptions = {
  baseUrl: string;
  /** The parsed OpenAPI document. */
  doc: any;
  /** Only the operations of these tags. @default every tag */
  only?: string[];
  /** Property-based cases per operation. @default 0 */
  fuzz?: number;
  /** The fuzz seed. @default random */
  seed: number;
  credentials: Credentials;
  /** Run the positive and fuzz cases of `/setup/*` steps. @default false */
  includeSetup?: boolean;
  /** Per request. @default 10000 */
  timeoutMs?: number;
  /** Called as each operation finishes. */
  onOperation?: (op: ContractOperation, results: CheckResult[]) => void;
};

/** Everything a run found. */
export type SuiteReport = {
  results: CheckResult[];
  operations: ContractOperation[];
  seed: number;
  fuzz: number;
  ms: number;
  /** Positive cases sent with credentials, and how many of them were answered 401. */
  withCredentials: { sent: number; refused: number };
  /** Requests sent, how many got no HTTP answer at all (refused, reset, dropped), and the first reason. */
  transport: { sent: number; failed: number; reason?: string };
  /** What the run created that the spec can delete, and how many of those it deleted at the end. */
  cleanup: { created: number; removed: number };
};

type Context = {
  options: SuiteOptions;
  target: Target;
  judge: Judge;
  positives: PositiveCases;
  withCredentials: { sent: number; refused: number };
  transport: SuiteReport['transport'];
  leftovers: Leftovers;
};

/** Runs every selected operation's checks and collects the results. */
export async function runSuite(options: SuiteOptions): Promise<SuiteReport> {
  const started = performance.now();
  const judge = new Judge(options.doc);
  const ctx: Context = {
    options,
    target: { baseUrl: options.baseUrl, timeoutMs: options.timeoutMs ?? 10_000, doc: options.doc },
    judge,
    positives: new PositiveCases(options.doc, judge, randomBytes(3).toString('hex')),
    withCredentials: { sent: 0, refused: 0 },
    transport: { sent: 0, failed: 0 },
    leftovers: new Leftovers(contractOperations(options.doc)),
  };
  const operations = contractOperations(options.doc, options.only);
  const results: CheckResult[] = [];
  const cleanup = { created: 0, removed: 0 };
  const cleanUp = async () => {
    const done = await removeLeftovers(ctx);
    cleanup.created += done.created;
    cleanup.removed += done.removed;
  };
  for (const op of operations) {
    // Sign-out ends the credentials' session: delete what the run made while they still work.
    if (op.endsSession) await cleanUp();
    const own = await runOperation(ctx, op);
    results.push(...own);
    options.onOperation?.(op, own);
  }
  await cleanUp();
  return {
    results,
    operations,
    seed: options.seed,
    fuzz: options.fuzz ?? 0,
    ms: performance.now() - started,
    withCredentials: ctx.withCredentials,
    transport: ctx.transport,
    cleanup,
  };
}

/** Deletes what the run created, with the credentials each DELETE needs; a 404 (gone already) counts as removed. */
async function removeLeftovers(ctx: Context): Promise<SuiteReport['cleanup']> {
  const pending = ctx.leftovers.drain();
  let removed = 0;
  for (const { op, path } of pending) {
    const plan = firstPlan(ctx.options.doc, op, ctx.options.credentials)?.plan;
    if (!plan) continue;
    const answer = await send(ctx.target, 'delete', { path, query: plan.query, headers: plan.headers });
    if ((answer.status >= 200 && answer.status < 300) || answer.status === 404) removed++;
  }
  return { created: pending.length, removed };
}

/** Sends one request and counts transport failures (a timeout is not one: the target may be slow). */
async function call(ctx: Context, method: string, c: HttpCase): Promise<HttpAnswer> {
  const answer = await send(ctx.target, method, c);
  ctx.transport.sent++;
  if (answer.error && !answer.timedOut) {
    ctx.transport.failed++;
    ctx.transport.reason ??= answer.error;
  }
  return answer;
}

type Recorder = (kind: CheckKind, name: string, verdict: Verdict, ms: number, runs?: number) => void;

/** Thrown once a check finds the route unknown or the target unreachable: the remaining checks would say the same. */
class StopOperation extends Error {}

async function runOperation(ctx: Context, op: ContractOperation): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const record: Recorder = (kind, name, { stop, ...verdict }, ms, runs) => {
    out.push({
      tag: op.tag,
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      kind,
      name,
      ...verdict,
      ms,
      ...(runs === undefined ? {} : { runs }),
    });
    if (stop) throw new StopOperation();
  };
  const auth = firstPlan(ctx.options.doc, op, ctx.options.credentials)?.plan ?? null;
  // Sign-out ends the session of the credentials: one positive case is all that can pass.
  const all = ctx.positives.casesFor(op);
  const cases = op.endsSession ? all.slice(0, 1) : all;
  const base = cases[0].parts;
  const state = { implemented: true };
  const positive = () => runPositive(ctx, op, cases, auth, record, state);
  const matrix = () => runAuthMatrix(ctx, op, base, record);
  const negatives = () => runNegatives(ctx, op, base, auth, record);
  const fuzzing = () => runFuzz(ctx, op, base, auth, record, state);
  const steps = op.endsSession ? [negatives, matrix, fuzzing, positive] : [positive, matrix, negatives, fuzzing];
  try {
    for (const step of steps) await step();
  } catch (error) {
    if (!(error instanceof StopOperation)) throw error;
  }
  return out;
}

async function runPositive(
  ctx: Context,
  op: ContractOperation,
  cases: ReturnType<PositiveCases['casesFor']>,
  auth: AuthPlan | null,
  record: Recorder,
  state: { implemented: boolean },
): Promise<void> {
  const skip = skipReason(ctx, op, auth);
  if (skip) {
    for (const c of cases) record('positive', c.name, { outcome: 'skipped', message: skip }, 0);
    return;
  }
  const outcomes: string[] = [];
  for (const c of cases) {
    const sent = assemble(op, c.parts, auth!);
    const answer = await call(ctx, op.method, sent);
    const verdict = judgePositive(ctx.judge, op, answer);
    if (c.warning) verdict.warning = [c.warning, verdict.warning].filter(Boolean).join('; ');
    ctx.positives.remember(op, answer.status, answer.json);
    ctx.leftovers.note(op, sent.path, answer);
    if (isSecured(op)) {
      ctx.withCredentials.sent++;
      if (answer.status === 401) ctx.withCredentials.refused++;
    }
    outcomes.push(verdict.outcome);
    record('positive', c.name, verdict, answer.ms);
  }
  state.implemented = !outcomes.every((o) => o === 'not-implemented');
}

function skipReason(ctx: Context, op: ContractOperation, auth: AuthPlan | null): string | null {
  if (op.setupStep && !ctx.options.includeSetup) return 'a setup step: run with --include-setup';
  if (!auth) return `needs credentials for ${describeSecurity(op)}`;
  return null;
}

async function runAuthMatrix(ctx: Context, op: ContractOperation, base: RequestParts, record: Recorder) {
  if (!isSecured(op)) return;
  const { doc, credentials } = ctx.options;
  const security = describeSecurity(op);
  const refusal = async (plan: AuthPlan, expected: 401 | 403, name: string, what: string) => {
    const answer = await call(ctx, op.method, assemble(op, base, plan));
    record('auth', name, judgeRefusal(ctx.judge, op, answer, expected, what, security), answer.ms);
  };
  await refusal({ headers: {}, query: [], label: 'anonymous' }, 401, 'auth: anonymous → 401', 'an anonymous call');
  const schemes = [...new Set(op.security.flatMap((alt) => alt.map((s) => s.scheme)))];
  for (const scheme of schemes) {
    const plan = invalidPlan(doc, scheme);
    if (plan) await refusal(plan, 401, `auth: invalid ${scheme} → 401`, plan.label);
  }
  const lower = lowerRolePlan(doc, op, credentials);
  if (lower) await refusal(lower, 403, 'auth: user role → 403', lower.label);
  const used = firstPlan(doc, op, credentials)?.index ?? -1;
  if (!['get', 'head'].includes(op.method)) return;
  for (const [index, alt] of op.security.entries()) {
    const plan = index === used ? null : planFor(doc, alt, credentials);
    if (!plan) continue;
    const answer = await call(ctx, op.method, assemble(op, base, plan));
    record('auth', `auth: ${plan.label} accepted`, judgeAccepted(ctx.judge, op, answer, plan.label), answer.ms);
  }
}

async function runNegatives(
  ctx: Context,
  op: ContractOperation,
  base: RequestParts,
  auth: AuthPlan | null,
  record: Recorder,
): Promise<void> {
  const cases = negativeCases(ctx.options.doc, ctx.judge, op, base);
  for (const c of cases) {
    if (!auth) {
      record('negative', c.name, { outcome: 'skipped', message: `needs credentials for ${describeSecurity(op)}` }, 0);
      continue;
    }
    const answer = await call(ctx, op.method, assemble(op, c.parts, auth));
    record('negative', c.name, judgeNegative(ctx.judge, op, answer, c.what), answer.ms);
  }
}

async function runFuzz(
  ctx: Context,
  op: ContractOperation,
  base: RequestParts,
  auth: AuthPlan | null,
  record: Recorder,
  state: { implemented: boolean },
): Promise<void> {
  const runs = ctx.options.fuzz ?? 0;
  const name = `fuzz: ${runs} cases`;
  let arbitrary: ReturnType<typeof fuzzArbitrary>;
  try {
    arbitrary = runs > 0 ? fuzzArbitrary(ctx.options.doc, op, base) : null;
  } catch (error) {
    return record(
      'fuzz',
      name,
      { outcome: 'skipped', message: `cannot generate cases: ${(error as Error).message}` },
      0,
    );
  }
  if (!arbitrary) return;
  const skip = skipReason(ctx, op, auth);
  if (skip) return record('fuzz', name, { outcome: 'skipped', message: skip }, 0);
  if (!state.implemented)
    return record('fuzz', name, { outcome: 'not-implemented', message: 'the positive case answered 501' }, 0);
  const started = performance.now();
  const seed = ctx.options.seed;
  let outcome: Awaited<ReturnType<typeof fuzz>>;
  try {
    outcome = await fuzz(arbitrary, runs, operationSeed(seed, op.operationId), async (parts) => {
      const sent = assemble(op, parts, auth!);
      const answer = await call(ctx, op.method, sent);
      ctx.leftovers.note(op, sent.path, answer);
      return judgePositive(ctx.judge, op, answer);
    });
  } catch (error) {
    return record(
      'fuzz',
      name,
      { outcome: 'skipped', message: `cannot generate cases: ${(error as Error).message}` },
      0,
    );
  }
  const ms = performance.now() - started;
  if (!outcome.failure) return record('fuzz', name, { outcome: 'passed' }, ms, outcome.runs);
  const { message, example, shrinks } = outcome.failure;
  const detail = `${message} | case: ${describeCase(op, example)} | seed ${seed}, case ${outcome.runs} of ${runs}, shrunk ${shrinks} times`;
  record('fuzz', name, { outcome: 'failed', message: `fuzz ${detail}` }, ms, outcome.runs);
}
