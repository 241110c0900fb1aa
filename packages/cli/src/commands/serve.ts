/** `lockstep serve`: runs the reference server. Flags win over the environment. */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type App, configFromEnv, createApp, listen, type ServerConfig } from '@lockstep/server';
import { assertPortFree } from '../spec/port';
import { EXIT, UsageError } from '../usage-error';

const usage = `Usage: lockstep serve [options]

  --port <n>            port to listen on (env PORT; default 54321)
  --host <addr>         address to bind (env HOST; default 0.0.0.0)
  --data <dir>          data directory for SQLite and files (env DATA_DIR; default ./data)
  --database-url <url>  a postgres:// URL switches to PostgreSQL (env DATABASE_URL)
  --log-level <level>   pino level (env LOG_LEVEL; default info)

Exit codes: 2 a usage error (an unknown flag, a busy port), one line.`;

/** Starts the server and resolves when it has stopped. */
export async function run(argv: string[]): Promise<number> {
  const values = parseOptions(argv);
  if (values.help) {
    console.log(usage);
    return EXIT.ok;
  }
  const config = configFromEnvOrUsage();
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a port number, not "${values.port}"`);
    config.port = port;
  }
  if (typeof values.host === 'string') config.host = values.host;
  if (typeof values.data === 'string') config.dataDir = values.data;
  if (typeof values['database-url'] === 'string') config.databaseUrl = values['database-url'];
  if (typeof values['log-level'] === 'string') config.logLevel = values['log-level'];
  await assertPortFree(config.port, config.host);
  const app = await createApp(config);
  const server = await listen(app, config.port, config.host);
  app.services.log.info(
    { url: server.url, engine: app.services.database.engine, dataDir: app.services.config.dataDir },
    'lockstep serving',
  );
  console.log(await startupSummary(app, server.url, config));
  return new Promise<number>(() => {});
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'database-url': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('. ')[0]}; see lockstep serve --help`);
  }
}

type SetupStatus = { status: string; storage_configured: boolean; auth_configured: boolean; admin_created: boolean };

/** What a user needs to read at start-up: where it runs, on what, where the data lives, the docs, the setup state. */
async function startupSummary(app: App, url: string, config: ServerConfig): Promise<string> {
  const postgres = app.services.database.engine === 'postgres';
  const where = postgres
    ? (config.databaseUrl ?? '').replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
    : resolve(config.dataDir, 'lockstep.db');
  const setup = (await (await app.fetch(new Request(`${url}/setup/status`))).json()) as SetupStatus;
  const next = setup.admin_created
    ? 'finish it with POST /setup/complete'
    : 'create the first admin with POST /setup/admin, then sign in with POST /auth/login';
  return [
    `Lockstep is serving at ${url}`,
    `  engine  ${postgres ? 'PostgreSQL' : 'SQLite'}: ${where}`,
    `  files   ${config.storageBackend === 's3' ? 'S3-compatible object storage' : resolve(config.dataDir, 'storage')}`,
    `  docs    ${url}/docs (the spec at ${url}/openapi.json)`,
    `  setup   ${setup.status === 'Ready' ? 'done' : `${setup.status}: ${next}`}`,
    ...(setup.status === 'Ready'
      ? []
      : [`          from another machine, send the header X-Setup-Token: ${app.services.setup.setupToken}`]),
  ].join('\n');
}

/** The environment's configuration; a setting it cannot read is the caller's mistake, told in one line. */
export function configFromEnvOrUsage(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  try {
    return configFromEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
