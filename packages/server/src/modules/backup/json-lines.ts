/**
 * Rows as JSON lines: one JSON object per line, written with back-pressure and read back
 * one line at a time, so a table of any size passes through a bounded amount of memory.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** JSON that keeps what `JSON.stringify` cannot: bigints as text, bytes as base64. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer')
    return Buffer.from((value as { data: number[] }).data).toString('base64');
  return value;
}

/** Writes `rows` to `path`; answers how many. */
export async function writeJsonLines(path: string, rows: AsyncIterable<unknown>): Promise<number> {
  const out = createWriteStream(path);
  let count = 0;
  try {
    for await (const row of rows) {
      if (!out.write(`${JSON.stringify(row, replacer)}\n`)) await once(out, 'drain');
      count++;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return count;
}

/** The rows of a JSON-lines file, one at a time. */
export async function* readJsonLines<T = Record<string, unknown>>(path: string): AsyncIterable<T> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line.length > 0) yield JSON.parse(line) as T;
}
