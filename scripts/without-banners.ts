/**
 * Runs a command and passes its output on without the boxed notices some tools print on every
 * run (Redocly's Node 20 end-of-life and "now renders with Redoc 3" boxes). Exits with its code.
 * Usage: `tsx scripts/without-banners.ts <command> [args...]`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** `text` without any block of lines from a `╔` line to the next `╚` line (and the blank line after it). */
export function withoutBanners(text: string): string {
  // Colour codes may precede the box characters.
  return text.replace(/^[^\n╔]*╔[^\n]*\n(?:[^\n]*\n)*?[^\n╚]*╚[^\n]*\n(?:[ \t]*\n)?/gm, '');
}

/** Runs `command` from node_modules/.bin (or the PATH), its output filtered; resolves to its exit code. */
export function runWithoutBanners(command: string, args: string[]): Promise<number> {
  const bin = join(import.meta.dirname, '../node_modules/.bin');
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  const child = spawn(command, args, { env, stdio: ['inherit', 'pipe', 'pipe'] });
  const collect = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
    let text = '';
    stream.on('data', (chunk) => {
      text += chunk;
    });
    return () => out.write(withoutBanners(text));
  };
  const flushOut = collect(child.stdout, process.stdout);
  const flushErr = collect(child.stderr, process.stderr);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      flushOut();
      flushErr();
      resolve(code ?? 1);
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...args] = process.argv.slice(2);
  process.exitCode = await runWithoutBanners(command, args);
}
