/**
 * Writes a run's figures as JSON and compares its ratios with the last ones measured. The file
 * keeps the latest figures of every engine and scenario, each with the time it was measured: a
 * partial run (`--only`) replaces its own rows and keeps the others. The file as it was before
 * moves to `previous…`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Row = { engine: string; scenario: string; ratio?: number } & Record<string, unknown>;

const dir = join(import.meta.dirname, 'results');

const sameRow = (a: Row) => (b: Row) => a.engine === b.engine && a.scenario === b.scenario;

/** The rows the file keeps: the previous ones not measured again, then this run's, stamped `at`. */
export function latestRows(previous: Row[], rows: Row[], at: string): Row[] {
  const measured = rows.map((row) => ({ ...row, at }));
  return [...previous.filter((row) => !measured.some(sameRow(row))), ...measured];
}

export function saveResults(rows: Row[], name = 'latest.json'): void {
  mkdirSync(dir, { recursive: true });
  const latest = join(dir, name);
  const previousFile = join(dir, name.replace('latest', 'previous'));
  const previous: Row[] = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')).rows : [];
  if (existsSync(latest)) renameSync(latest, previousFile);
  const at = new Date().toISOString();
  writeFileSync(latest, `${JSON.stringify({ at, rows: latestRows(previous, rows, at) }, null, 2)}\n`);
  console.log(`\nwrote ${latest}`);
  for (const row of rows) {
    const before = previous.find(sameRow(row));
    if (before?.ratio !== undefined && row.ratio !== undefined)
      console.log(`${row.engine.padEnd(9)} ${row.scenario.padEnd(22)} ratio ${before.ratio} -> ${row.ratio}`);
  }
}
