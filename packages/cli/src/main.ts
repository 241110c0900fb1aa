#!/usr/bin/env node
/**
 * The `lockstep` command. Each subcommand lives in src/commands/<name>.ts and exports
 * `run(argv)`, resolving to the process exit code. User mistakes print one line and exit 1
 * (`UsageError`); anything else prints its stack.
 */
import { UsageError } from './usage-error';

type Command = { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  serve: { summary: 'Run the reference server', load: () => import('./commands/serve') },
  audit: { summary: "Match a frontend's API calls to the spec and a backend", load: () => import('./commands/audit') },
  diff: { summary: 'Classify spec changes as breaking or not', load: () => import('./commands/diff') },
  contract: { summary: 'Run the contract suite against a server', load: () => import('./commands/contract') },
  admin: { summary: 'Create the first admin of a headless install', load: () => import('./commands/admin') },
};

function help(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    'Usage: lockstep <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'lockstep <command> --help for its options.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(help());
    return 0;
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
    if (error instanceof UsageError) {
      console.error(`lockstep: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 2;
    }
  },
);
