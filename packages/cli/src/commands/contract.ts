/**
 * `lockstep contract --base-url URL`: runs the spec-driven contract suite against any server
 * that claims to implement a spec. Exit code 1 when the server broke the spec (or, with
 * `--strict`, where the spec does not say), 3 when nothing answers at the URL.
 *
 * @example
 * lockstep contract --base-url http://localhost:54321 --admin-token "$TOKEN" --fuzz 200 --junit contract.xml
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { randomSeed } from '../conformance/fuzz';
import { renderJunit } from '../conformance/render-junit';
import { renderTable } from '../conformance/render-table';
import { runSuite } from '../conformance/suite';
import { tally } from '../conformance/tally';
import type { Credentials } from '../conformance/types';
import { assertReachable } from '../spec/reach';
import { loadSpec } from '../spec/spec-document';
import { EXIT, UnreachableError, UsageError } from '../usage-error';

const HELP = `Usage: lockstep contract --base-url URL [options]

Runs the spec-driven contract suite against a server: for every operation, positive cases
from the schemas and examples, negative cases (missing, mistyped and out-of-range fields,
unknown properties), the auth matrix of its security requirements, and each response checked
against the spec. Each check ends with a verdict:
  failed     the server broke the spec: any 5xx (but a documented 501 or 503), a crash, an
             undocumented status, a body that does not match, an invalid request accepted
  spec gap   the spec does not say: e.g. a 422 to an invalid body when the operation documents
             no 400/422/4XX/default, or the 401 an anonymous call must get when no 401 is
             listed; fails only with --strict
  unsure     the tool cannot judge (no answer in time)

The suite sends real requests: it CREATES things on the target. Point it at a test
deployment. DELETEs run after the other methods of a tag (removing what its positive cases
created); before sign-out, which runs last, whatever a POST created (positive or fuzz) is
deleted through the spec's DELETE of its collection. /setup/* steps are never sent a valid
request unless --include-setup.

Options:
  --base-url URL        the server to test; request paths are appended to it
  --spec FILE|URL       OpenAPI 3.x, JSON or YAML (default: <base-url>/openapi.json)
  --only TAGS           only these tags (modules), comma-separated
  --fuzz N              add N property-based cases per operation (body and query)
  --seed S              the fuzz seed, to replay a run (default: random, printed)
  --junit FILE          also write JUnit XML (one testsuite per tag, one testcase per check)
  --token T             a user's bearer token          (env LOCKSTEP_TOKEN)
  --api-key K           a user's API key                (env LOCKSTEP_API_KEY)
  --admin-token T       an admin's bearer token, for operations whose security names a scope
                        (env LOCKSTEP_ADMIN_TOKEN)
  --admin-api-key K     an admin's API key              (env LOCKSTEP_ADMIN_API_KEY)
  --include-setup       also run the /setup/* steps (they configure the server)
  --timeout MS          per request (default: 10000)
  --strict              spec gaps fail the run too
  --json                print the results as JSON (one object: counts and every check)
  --progress            name each tag and operation on stderr as it runs (default: when
                        stderr is a terminal); --no-progress never
  --verbose             also list warnings and the checks not run
  -h, --help            show this help

Exit codes: 0 no check failed; 1 a check failed (or a spec gap, with --strict); 2 usage or
input error; 3 nothing answers at --base-url (or every request got no HTTP answer).

Without credentials, secured operations are still checked to refuse anonymous and invalid
credentials with 401; their other cases are reported as skipped.`;

/** Runs the contract command; resolves to 1 when any check fails. */
export async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.log(HELP);
    return EXIT.ok;
  }
  const specSource = args.spec ?? `${args.baseUrl.replace(/\/+$/, '')}/openapi.json`;
  await assertReachable(args.baseUrl, args.timeoutMs);
  const doc = await loadSpec(specSource);
  console.error(
    `lockstep contract: ${args.baseUrl} against ${specSource}${args.fuzz > 0 ? `; fuzz ${args.fuzz} per operation, seed ${args.seed}` : ''}`,
  );
  const started = new Set<string>();
  const progress = args.progress ?? process.stderr.isTTY === true;
  const report = await runSuite({
    ...args,
    doc,
    onOperation: (op, results) => {
      if (!progress) return;
      if (!started.has(op.tag)) console.error(`  ${op.tag}...`);
      started.add(op.tag);
      const failed = results.filter((r) => r.outcome === 'failed').length;
      console.error(`    ${op.operationId}: ${results.length} checks${failed ? `, ${failed} failed` : ''}`);
    },
  });
  const { transport } = report;
  if (transport.sent > 0 && transport.failed === transport.sent)
    throw new UnreachableError(
      `every one of ${transport.sent} requests to ${args.baseUrl} got no HTTP answer (${transport.reason}): is the server up and the URL right?`,
    );
  process.stdout.write(
    args.json ? renderJson(report, args) : renderTable(report, { verbose: args.verbose, strict: args.strict }),
  );
  const { sent, refused } = report.withCredentials;
  if (refused > 0 && refused * 2 >= sent)
    console.error(
      `lockstep contract: ${refused} of ${sent} positive cases sent with credentials were answered 401: are the tokens or keys valid (sign-out at the end of a run ends a token's session)?`,
    );
  if (args.junit) {
    await writeFile(args.junit, renderJunit(report, args.baseUrl));
    console.error(`lockstep contract: JUnit XML in ${args.junit}`);
  }
  const t = tally(report.results);
  return t.failed > 0 || (args.strict && t.specGaps > 0) ? EXIT.findings : EXIT.ok;
}

function renderJson(report: Awaited<ReturnType<typeof runSuite>>, args: ContractArgs): string {
  const { results, seed, fuzz, ms, withCredentials, transport, cleanup } = report;
  const t = tally(results);
  const failed = t.failed > 0 || (args.strict && t.specGaps > 0);
  const summary = { baseUrl: args.baseUrl, strict: args.strict, verdict: failed ? 'failed' : 'passed', ...t };
  const out = { ...summary, seed, fuzz, ms: Math.round(ms), withCredentials, transport, cleanup, results };
  return `${JSON.stringify(out, null, 2)}\n`;
}

type ContractArgs = {
  baseUrl: string;
  spec?: string;
  only?: string[];
  fuzz: number;
  seed: number;
  junit?: string;
  credentials: Credentials;
  includeSetup: boolean;
  timeoutMs: number;
  verbose: boolean;
  strict: boolean;
  json: boolean;
  /** Undefined: when stderr is a terminal. */
  progress?: boolean;
};

function parse(argv: string[]): ContractArgs | null {
  let values: ReturnType<typeof parseOptions>['values'];
  try {
    ({ values } = parseOptions(argv));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  if (!values['base-url']) throw new UsageError('contract needs --base-url; see lockstep contract --help');
  const baseUrl = values['base-url'];
  if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  const env = process.env;
  return {
    baseUrl,
    spec: values.spec,
    only: values.only
      ?.split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    fuzz: values.fuzz === undefined ? 0 : whole('--fuzz', values.fuzz, 0),
    seed: values.seed === undefined ? randomSeed() : whole('--seed', values.seed, -(2 ** 31)),
    junit: values.junit,
    credentials: {
      token: values.token ?? env.LOCKSTEP_TOKEN,
      apiKey: values['api-key'] ?? env.LOCKSTEP_API_KEY,
      adminToken: values['admin-token'] ?? env.LOCKSTEP_ADMIN_TOKEN,
      adminApiKey: values['admin-api-key'] ?? env.LOCKSTEP_ADMIN_API_KEY,
    },
    includeSetup: values['include-setup'] ?? false,
    timeoutMs: values.timeout === undefined ? 10_000 : whole('--timeout', values.timeout, 1),
    verbose: values.verbose ?? false,
    strict: values.strict ?? false,
    json: values.json ?? false,
    progress: values['no-progress'] ? false : values.progress,
  };
}

function whole(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > 2 ** 31 - 1)
    throw new UsageError(`${flag} must be a whole number${min >= 0 ? ` of at least ${min}` : ''}, got "${value}"`);
  return n;
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      'base-url': { type: 'string' },
      spec: { type: 'string' },
      only: { type: 'string' },
      fuzz: { type: 'string' },
      seed: { type: 'string' },
      junit: { type: 'string' },
      token: { type: 'string' },
      'api-key': { type: 'string' },
      'admin-token': { type: 'string' },
      'admin-api-key': { type: 'string' },
      'include-setup': { type: 'boolean' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
      progress: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
