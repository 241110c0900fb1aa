/**
 * `lockstep audit <frontend-src>`: finds a frontend's HTTP calls and reports, per module, which
 * the spec has, which a live backend serves, and which spec operations nobody calls.
 *
 * @example
 * lockstep audit ./dashboard/src --spec openapi.json --backend http://localhost:54321 --format html --out audit.html --fail-under 90
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runAudit } from '../audit/audit';
import { renderHtml } from '../audit/render-html';
import { renderMarkdown } from '../audit/render-markdown';
import type { AuditReport } from '../audit/report';
import { UsageError } from '../usage-error';

const HELP = `Usage: lockstep audit <frontend-src> [options]

Finds the HTTP calls of a frontend (TypeScript, JavaScript, Vue and Svelte script blocks; axios,
fetch, ky, openapi-fetch, XMLHttpRequest, EventSource, WebSocket; SWR keys, TanStack/Vue Query
keys, RTK Query endpoints; @lockstep/sdk calls) and checks each against a spec. Calls to other
hosts are listed as external, never as drift.

Options:
  --spec FILE|URL     OpenAPI 3.x document, JSON or YAML (default: ./openapi.json)
  --backend URL       also check a live backend serves each route (OPTIONS, HEAD, GET only)
  --format md|json|html   report format (default: md)
  --json              same as --format json
  --fail-under PCT    exit 1 when coverage is below PCT percent
  --out FILE          write the report to FILE instead of stdout
  -h, --help          show this help

Exit codes: 0 done; 1 coverage under --fail-under; 2 usage or input error; 3 --backend unreachable.`;

const FORMATS = { md: renderMarkdown, html: renderHtml, json: (r: AuditReport) => `${JSON.stringify(r, null, 2)}\n` };

/** Runs the audit command; resolves to 1 when coverage is under `--fail-under`, else 0. */
export async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const report = await runAudit({ source: args.source, spec: args.spec, backend: args.backend });
  const text = FORMATS[args.format](report);
  if (args.out) {
    await writeFile(args.out, text);
    console.error(`lockstep audit: ${report.totals.calls} calls, coverage ${report.coverage}%; report in ${args.out}`);
  } else {
    process.stdout.write(text);
  }
  if (args.failUnder !== undefined && report.coverage < args.failUnder) {
    console.error(`lockstep audit: coverage ${report.coverage}% is under --fail-under ${args.failUnder}%`);
    return 1;
  }
  return 0;
}

type AuditArgs = {
  help: boolean;
  source: string;
  spec: string;
  backend?: string;
  format: keyof typeof FORMATS;
  failUnder?: number;
  out?: string;
};

function parse(argv: string[]): AuditArgs {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true, source: '', spec: '', format: 'md' };
  if (positionals.length !== 1)
    throw new UsageError('audit takes one frontend source folder; see lockstep audit --help');
  const format = values.json ? 'json' : (values.format ?? 'md');
  if (!(format in FORMATS)) throw new UsageError(`--format must be md, json or html, got "${format}"`);
  return {
    help: false,
    source: positionals[0],
    spec: values.spec ?? defaultSpec(),
    backend: values.backend,
    format: format as AuditArgs['format'],
    failUnder: values['fail-under'] === undefined ? undefined : percentArg(values['fail-under']),
    out: values.out,
  };
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      spec: { type: 'string' },
      backend: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      'fail-under': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function defaultSpec(): string {
  if (existsSync('openapi.json')) return 'openapi.json';
  throw new UsageError('no spec: pass --spec');
}

function percentArg(value: string): number {
  const n = Number(value.replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new UsageError(`--fail-under must be a percentage from 0 to 100, got "${value}"`);
  }
  return n;
}
