#!/usr/bin/env node
/**
 * The `lockstep` command. Each subcommand lives in src/commands/<name>.ts and exports
 * `run(argv)`, resolving to the process exit code (`EXIT`): 0 ok, 1 findings, 2 usage or input
 * error (`UsageError`, one line), 3 unreachable target (`UnreachableError`, one line), 4 a bug
 * in lockstep (its stack).
 */
import { createRequire } from 'node:module';
import { EXIT, UnreachableError, UsageError } from './usage-error';

type Command = { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  serve: { summary: 'Run the reference server', load: () => import('./commands/serve') },
  audit: { summary: "Match a frontend's API calls to the spec and a backend", load: () => import('./commands/audit') },
  diff: { summary: 'Classify spec changes as breaking or not', load: () => import('./commands/diff') },
  contract: { summary: 'Run the contract suite against a server', load: () => import('./commands/contract') },
  admin: { summary: 'Create the first admin of a headless install', load: () => import('./commands/admin') },
  gen: { summary: "Generate the Database type of a running server's tables", load: () => import('./commands/gen') },
};

function help(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    'Usage: lockstep <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Options:',
    '  --version  print the version',
    '',
    'Exit codes: 0 ok, 1 findings (breaking changes, drift, failed checks), 2 usage or input error,',
    '3 target unreachable, 4 internal error.',
    '',
    'lockstep <command> --help for its options.',
  ].join('\n');
}

/** The version of @lockstep/cli, read from its package.json (beside src/ and dist/). */
function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(help());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    console.log(version());
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}"; run lockstep --help`);
  return (await command.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof UnreachableError) {
      console.error(`lockstep: ${error.message}`);
      process.exitCode = error instanceof UsageError ? EXIT.usage : EXIT.unreachable;
    } else {
      console.error(error);
      process.exitCode = EXIT.internal;
    }
  },
);
