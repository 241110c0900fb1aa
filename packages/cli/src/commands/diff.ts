/**
 * `lockstep diff <old-spec> <new-spec>`: lists every change between two OpenAPI 3.x documents
 * and whether it breaks existing clients. Exit code 1 when any change is breaking.
 *
 * @example
 * lockstep diff released/openapi.json packages/contract/generated/openapi.gen.json --format json
 */
import { parseArgs } from 'node:util';
import { diffSpecs } from '../diff/diff-specs';
import { renderDiffJson, renderDiffMarkdown } from '../diff/render';
import { loadSpec } from '../spec/spec-document';
import { UsageError } from '../usage-error';

const HELP = `Usage: lockstep diff <old-spec> <new-spec> [--format md|json]

Classifies every change between two OpenAPI 3.x documents (files or URLs, JSON or YAML) as
breaking or not. Exits 1 when any change is breaking, 0 otherwise.

Options:
  --format md|json   report format (default: md)
  -h, --help         show this help`;

/** Runs the diff command; resolves to 1 when a change is breaking. */
export async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('diff takes two specs: lockstep diff <old-spec> <new-spec>');
  const format = values.format ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be md or json, got "${format}"`);
  const [beforePath, afterPath] = positionals;
  const [before, after] = await Promise.all([loadSpec(beforePath), loadSpec(afterPath)]);
  let changes: ReturnType<typeof diffSpecs>;
  try {
    changes = diffSpecs(before, after);
  } catch (error) {
    throw new UsageError(`cannot compare the specs: ${(error as Error).message}`);
  }
  const render = format === 'json' ? renderDiffJson : renderDiffMarkdown;
  process.stdout.write(render(changes, { before: beforePath, after: afterPath }));
  return changes.some((c) => c.breaking) ? 1 : 0;
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}
