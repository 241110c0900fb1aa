/**
 * What publint and @arethetypeswrong/cli are asked of each package, and why where a default
 * check does not apply. A package missing here fails the test: a new package needs a decision.
 */

/** The attw options of a package, and the reason for any departure from the strict profile. */
export interface AttwPolicy {
  /** `null`: attw is not run, for the reason given. */
  args: string[] | null;
  why?: string;
}

/** attw, per package. */
export const attwPolicy: Record<string, AttwPolicy> = {
  '@lockstep/sdk': { args: [] },
  '@lockstep/contract': {
    args: ['--exclude-entrypoints', './openapi.json'],
    why: 'node10 resolution has no subpath exports, so it cannot reach the `./openapi.json` file export; `.` resolves everywhere',
  },
  '@lockstep/server': {
    args: ['--profile', 'esm-only', '--exclude-entrypoints', './test-support'],
    why: "a Node server, ESM only (import.meta locates its docs); Node >=20.19 (its engines) can require() it. `./test-support` is a source-only entry for this repo's contract tests (s3rver, schema cleanup), not for npm users",
  },
  '@lockstep/cli': { args: null, why: 'a command (bin) with nothing to import: attw has no entry point to check' },
};

/** publint, for every package: warnings count as problems. */
export const publintArgs = ['--strict'];
