/**
 * Times `lockstep diff` on the real-world corpus (GitHub's REST description, @octokit/openapi
 * 21.0.0 → 22.0.0, 13 MB each) against a baseline measured in the same run: gunzipping and
 * parsing the same two documents. Prints the time and heap growth of each, and their ratio.
 * With a path to another checkout's `diff-specs.ts`, also times that classifier on the same
 * documents (the before/after comparison of a change).
 *
 * Run: npx tsx --conditions=source packages/cli/bench/diff-bench.ts [rounds] [other/diff-specs.ts]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { diffSpecs } from '../src/diff/diff-specs';

const ROUNDS = Number(process.argv[2] ?? 3);
const OTHER = process.argv[3];
const fixture = (name: string) => fileURLToPath(new URL(`../test/fixtures/real-world/${name}`, import.meta.url));
const FILES = ['github-21.0.0.json.gz', 'github-22.0.0.json.gz'].map(fixture);

const parseBoth = () => FILES.map((f) => JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')));

type Diff = (a: unknown, b: unknown) => unknown[];

/** The best of `rounds` timings of `fn`, in ms, and the heap it grew by (MB) in its last round. */
function measure(fn: () => unknown, rounds = ROUNDS): { ms: number; heapMb: number; result: unknown } {
  let best = Number.POSITIVE_INFINITY;
  let heapMb = 0;
  let result: unknown;
  for (let i = 0; i < rounds; i++) {
    globalThis.gc?.();
    const heap = process.memoryUsage().heapUsed;
    const started = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - started);
    heapMb = (process.memoryUsage().heapUsed - heap) / 1e6;
  }
  return { ms: best, heapMb, result };
}

async function main(): Promise<void> {
  const baseline = measure(parseBoth);
  const [before, after] = baseline.result as [unknown, unknown];
  const other = OTHER ? ((await import(resolve(OTHER))) as { diffSpecs: Diff }).diffSpecs : null;
  // Interleaved, so that machine load and garbage from one side weigh on both alike.
  const runs = { current: [] as ReturnType<typeof measure>[], other: [] as ReturnType<typeof measure>[] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.current.push(measure(() => diffSpecs(before, after), 1));
    if (other) runs.other.push(measure(() => other(before, after), 1));
  }
  const best = (list: ReturnType<typeof measure>[]) => list.reduce((a, b) => (b.ms < a.ms ? b : a));
  const line = (name: string, m: { ms: number; heapMb: number }) =>
    `${name.padEnd(28)} ${m.ms.toFixed(0).padStart(6)} ms  ${(m.ms / baseline.ms).toFixed(2).padStart(5)}× parse  heap +${m.heapMb.toFixed(0)} MB`;
  const current = best(runs.current);
  console.log(line('baseline: gunzip + parse', baseline));
  console.log(`${line('diff (this checkout)', current)}  ${(current.result as unknown[]).length} changes`);
  if (other) {
    const theirs = best(runs.other);
    console.log(`${line('diff (the other checkout)', theirs)}  ${(theirs.result as unknown[]).length} changes`);
    console.log(`this checkout / other: ${(current.ms / theirs.ms).toFixed(2)}× time (best of ${ROUNDS}, interleaved)`);
  }
  console.log(`peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
}

main();
