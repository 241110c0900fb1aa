/** Writes a run's figures as JSON and compares its ratios with the previous run's. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Row = { engine: string; scenario: string; ratio?: number } & Record<string, unknown>;

const dir = join(import.meta.dirname, 'results');

export function saveResults(rows: Row[], name = 'latest.json'): void {
  mkdirSync(dir, { recursive: true });
  const latest = join(dir, name);
  const previousFile = join(dir, name.replace('latest', 'previous'));
  const previous: Row[] = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')).rows : [];
  if (existsSync(latest)) renameSync(latest, previousFile);
  writeFileSync(latest, `${JSON.stringify({ at: new Date().toISOString(), rows }, null, 2)}\n`);
  console.log(`\nwrote ${latest}`);
  for (const row of rows) {
    const before = previous.find((p) => p.engine === row.engine && p.scenario === row.scenario);
    if (before?.ratio !== undefined && row.ratio !== undefined)
      console.log(`${row.engine.padEnd(9)} ${row.scenario.padEnd(22)} ratio ${before.ratio} -> ${row.ratio}`);
  }
}
