/**
 * `lockstep diff <old-spec> <new-spec>`: lists every change between two OpenAPI 3.x documents,
 * each under a rule of the catalogue (breaking, warning or info). Exit code 1 when a change
 * is breaking (or a warning, with `--fail-on warning`).
 *
 * @example
 * lockstep diff released/openapi.json packages/contract/generated/openapi.gen.json --json --ignore response-enum-value-added
 */
import { parseArgs } from 'node:util';
import { diffSpecs } from '../diff/diff-specs';
import { renderDiffJson, renderDiffMarkdown } from '../diff/render';
import { DEFAULT_CONFIG, silencedRules } from '../diff/silence';
import { loadSpec } from '../spec/spec-document';
import { EXIT, UsageError } from '../usage-error';

const HELP = `Usage: lockstep diff <old-spec> <new-spec> [options]

Lists every change between two OpenAPI 3.x documents (files or URLs, JSON or YAML) under a
rule of the catalogue (README: "Rule catalogue"), each breaking, warning or info.

Options:
  --format md|json     report format (default: md)
  --json               same as --format json
  --ignore <ids>       silence rules by id (comma-separated, repeatable)
  --config <file>      read {"diff": {"ignore": [ids]}} from a file (default: ./${DEFAULT_CONFIG} if present)
  --fail-on <level>    breaking (default) or warning: the lowest level that exits 1
  -h, --help           show this help

Exit codes: 0 nothing at the --fail-on level, 1 changes at that level, 2 usage or input error.`;

/** Runs the diff command; resolves to 1 when a change is at or above the --fail-on level. */
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
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError('diff takes two specs: lockstep diff <old-spec> <new-spec>');
  const format = values.json ? 'json' : (values.format ?? 'md');
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be md or json, got "${format}"`);
  const failOn = values['fail-on'] ?? 'breaking';
  if (failOn !== 'breaking' && failOn !== 'warning')
    throw new UsageError(`--fail-on must be breaking or warning, got "${failOn}"`);
  const silenced = await silencedRules(values.ignore ?? [], values.config);
  const [beforePath, afterPath] = positionals;
  const [before, after] = await Promise.all([loadSpec(beforePath), loadSpec(afterPath)]);
  let all: ReturnType<typeof diffSpecs>;
  try {
    all = diffSpecs(before, after);
  } catch (error) {
    throw new UsageError(`cannot compare the specs: ${(error as Error).message}`);
  }
  const changes = all.filter((c) => !silenced.has(c.kind));
  const render = format === 'json' ? renderDiffJson : renderDiffMarkdown;
  process.stdout.write(
    render(changes, { before: beforePath, after: afterPath, silenced: all.length - changes.length }),
  );
  const failing = changes.some((c) => c.level === 'breaking' || (failOn === 'warning' && c.level === 'warning'));
  return failing ? EXIT.findings : EXIT.ok;
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      json: { type: 'boolean' },
      ignore: { type: 'string', multiple: true },
      config: { type: 'string' },
      'fail-on': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
