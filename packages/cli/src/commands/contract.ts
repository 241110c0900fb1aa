/**
 * `lockstep contract --base-url URL`: runs the spec-driven contract suite against any server
 * that claims to implement a spec. Exit code 1 when any check fails.
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
import { loadSpec } from '../spec/spec-document';
import { UsageError } from '../usage-error';

const HELP = `Usage: lockstep contract --base-url URL [options]

Runs the spec-driven contract suite against a server: for every operation, positive cases
from the schemas and examples, negative cases (missing, mistyped and out-of-range fields,
unknown properties), the auth matrix of its security requirements, and each response checked
against the spec. Any 5xx (but a documented 501 or 503), crash or undocumented answer fails.

The suite sends real requests: it CREATES (and deletes) things on the target. Point it at a
test deployment. DELETEs run after the other methods of a tag, sign-out last; /setup/* steps
are never sent a valid request unless --include-setup.

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
  --verbose             also list warnings and the checks not run
  -h, --help            show this help

Without credentials, secured operations are still checked to refuse anonymous and invalid
credentials with 401; their other cases are reported as skipped.`;

/** Runs the contract command; resolves to 1 when any check fails. */
export async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.log(HELP);
    return 0;
  }
  const specSource = args.spec ?? `${args.baseUrl.replace(/\/+$/, '')}/openapi.json`;
  const doc = await loadSpec(specSource);
  console.error(
    `lockstep contract: ${args.baseUrl} against ${specSource}${args.fuzz > 0 ? `; fuzz ${args.fuzz} per operation, seed ${args.seed}` : ''}`,
  );
  const started = new Set<string>();
  const report = await runSuite({
    ...args,
    doc,
    onOperation: (op) => {
      if (!started.has(op.tag)) console.error(`  ${op.tag}...`);
      started.add(op.tag);
    },
  });
  process.stdout.write(renderTable(report, { verbose: args.verbose }));
  const { sent, refused } = report.withCredentials;
  if (refused > 0 && refused * 2 >= sent)
    console.error(
      `lockstep contract: ${refused} of ${sent} positive cases sent with credentials were answered 401: are the tokens or keys valid (sign-out at the end of a run ends a token's session)?`,
    );
  if (args.junit) {
    await writeFile(args.junit, renderJunit(report, args.baseUrl));
    console.error(`lockstep contract: JUnit XML in ${args.junit}`);
  }
  return tally(report.results).failed > 0 ? 1 : 0;
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
      help: { type: 'boolean', short: 'h' },
    },
  });
}
