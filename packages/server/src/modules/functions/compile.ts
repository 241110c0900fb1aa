/**
 * Deploy-time compilation: the source (JavaScript or TypeScript) becomes one ES module of
 * plain JavaScript for QuickJS, and its SHA-256 names the version. esbuild only transforms
 * (no bundling, no file access): an `import` stays an `import` and fails in the sandbox.
 */
import { createHash } from 'node:crypto';
import { transform } from 'esbuild';

/** The source does not parse; the message names the line. */
export class CompileError extends Error {}

/** A version's compiled form. */
export interface Compiled {
  compiled: string;
  codeHash: string;
}

/** SHA-256 of the source, in hex. */
export function codeHashOf(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** Transpiles `code` (TypeScript is a superset, so one loader serves both) to ES2020. */
export async function compileSource(code: string): Promise<Compiled> {
  try {
    const out = await transform(code, { loader: 'ts', format: 'esm', target: 'es2020', sourcefile: 'function.ts' });
    return { compiled: out.code, codeHash: codeHashOf(code) };
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors?.[0];
    const where = first?.location ? ` (line ${first.location.line}, column ${first.location.column})` : '';
    throw new CompileError(`The code does not compile: ${first?.text ?? String(error)}${where}`);
  }
}
