/** `lockstep serve`: runs the reference server. Flags win over the environment. */
import { parseArgs } from 'node:util';
import { configFromEnv, createApp, listen } from '@lockstep/server';
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
  const config = configFromEnv();
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
