/**
 * `lockstep gen types`: the `Database` type of a running server's tables, for
 * `createClient<Database>()`, so a misspelled table or column fails `tsc`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createClient, generateDatabaseTypes, isLockstepError, isLockstepNetworkError } from '@lockstep/sdk';
import { EXIT, UnreachableError, UsageError } from '../usage-error';

const usage = `Usage: lockstep gen types --url URL [options] [> db.ts]

  --url URL        the server whose tables to read
  --api-key K      an API key that may read the schema (env LOCKSTEP_API_KEY)
  --token T        or a bearer token (env LOCKSTEP_TOKEN)
  --out FILE       write to FILE instead of standard output`;

function options(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        token: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('. ')[0]}; see lockstep gen --help`);
  }
}

/** Prints (or writes) the generated types; exit 3 when the server cannot be reached. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = options(argv);
  if (values.help) {
    console.log(usage);
    return EXIT.ok;
  }
  if (positionals[0] !== 'types') throw new UsageError('gen takes one subcommand: types');
  if (!values.url) throw new UsageError('gen types needs --url');
  const apiKey = values['api-key'] ?? process.env.LOCKSTEP_API_KEY;
  const token = values.token ?? process.env.LOCKSTEP_TOKEN;
  const headers: Record<string, string> | undefined = token ? { authorization: `Bearer ${token}` } : undefined;
  const client = createClient({ url: values.url, apiKey, headers, retry: false });
  let text: string;
  try {
    text = await generateDatabaseTypes(client, values.url);
  } catch (error) {
    if (isLockstepNetworkError(error)) throw new UnreachableError(`${values.url} cannot be reached`);
    if (isLockstepError(error)) throw new UsageError(`the server refused: ${error.message}`);
    throw error;
  }
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
  return EXIT.ok;
}
