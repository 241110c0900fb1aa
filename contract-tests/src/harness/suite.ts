/**
 * Runs a contract suite once per selected target: starts the target before the suite,
 * stops it after, and writes the coverage the suite proved.
 */
import { basename } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Api, api } from './api';
import { flushCoverage } from './coverage';
import { selectedTargets, startTarget, type Target, type TargetName } from './targets';

/** What a suite body gets: the target and its client, available inside tests. */
export interface SuiteContext {
  readonly target: Target;
  readonly client: Api;
}

/**
 * Declares `body` as a suite run against every selected target: the mocks only run
 * `stateless` suites, and the real-socket `http` target only `overHttp` ones.
 */
export function contractSuite(
  file: string,
  name: string,
  body: (ctx: SuiteContext, targetName: TargetName) => void,
  options: { stateless?: boolean; overHttp?: boolean } = {},
): void {
  const targets = selectedTargets().filter(
    (t) => (t !== 'mocks' || options.stateless) && (t !== 'http' || options.overHttp),
  );
  for (const targetName of targets) {
    describe(`${name} [${targetName}]`, () => {
      let target: Target | undefined;
      let client: Api | undefined;
      const ctx: SuiteContext = {
        get target() {
          if (!target) throw new Error('target not started');
          return target;
        },
        get client() {
          if (!client) throw new Error('target not started');
          return client;
        },
      };
      beforeAll(async () => {
        target = await startTarget(targetName);
        client = api(target);
      });
      afterAll(async () => {
        flushCoverage(basename(file).replace(/\.test\.ts$/, ''));
        await target?.stop();
      });
      body(ctx, targetName);
    });
  }
}
