/** Helpers for the CLI tests: run a command in-process and capture what it prints. */
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

/** Absolute path of a file under packages/cli/test/fixtures. */
export function fixture(path: string): string {
  return fileURLToPath(new URL(`../test/fixtures/${path}`, import.meta.url));
}

/** Runs a command's `run`, returning its exit code and everything it wrote to stdout and stderr. */
export async function capture(run: (argv: string[]) => Promise<number>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    stderr += `${args.join(' ')}\n`;
  });
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    stdout += `${args.join(' ')}\n`;
  });
  try {
    const code = await run(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
  }
}
