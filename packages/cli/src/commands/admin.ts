/**
 * `lockstep admin create`: the first admin of a headless install, without the setup
 * wizard's HTTP steps. It opens the server's database (the same flags and environment as
 * `lockstep serve`), creates the admin, and closes the wizard with its defaults.
 */
import { parseArgs } from 'node:util';
import { configFromEnv, createApp, HttpError } from '@lockstep/server';
import { EXIT, UsageError } from '../usage-error';

const usage = `Usage: lockstep admin create --email <email> [options]

  --email <email>        the admin's email
  --password-stdin       read the password from standard input (else env LOCKSTEP_ADMIN_PASSWORD)
  --data <dir>           data directory (env DATA_DIR; default ./data)
  --database-url <url>   a postgres:// URL (env DATABASE_URL)`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Creates the first admin; exit 0 when created, 1 when refused (an admin exists, a weak password). */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return EXIT.ok;
  }
  if (positionals[0] !== 'create') throw new UsageError('admin takes one subcommand: create');
  if (!values.email) throw new UsageError('admin create needs --email');
  const password = values['password-stdin'] ? await readStdin() : process.env.LOCKSTEP_ADMIN_PASSWORD;
  if (!password) throw new UsageError('admin create needs --password-stdin or LOCKSTEP_ADMIN_PASSWORD');
  const config = { ...configFromEnv(), logLevel: 'silent' };
  if (values.data) config.dataDir = values.data;
  if (values['database-url']) config.databaseUrl = values['database-url'];
  const app = await createApp(config);
  try {
    await app.services.setup.completeHeadless(values.email, password);
    console.log(`lockstep: admin ${values.email} created; setup is complete`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    console.error(`lockstep: ${error.message}`);
    return EXIT.findings;
  } finally {
    await app.close();
  }
}
