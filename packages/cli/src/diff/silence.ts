/** Which rules a project has silenced: `--ignore id,id` and `diff.ignore` in a config file. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { UsageError } from '../usage-error';
import { isRuleId, type RuleId } from './rules';

/** The config file read when `--config` is not given, if it exists in the working directory. */
export const DEFAULT_CONFIG = 'lockstep.config.json';

/** The rule ids to silence, from `--ignore` values and the config file; unknown ids are usage errors. */
export async function silencedRules(ignore: string[], configPath: string | undefined): Promise<Set<RuleId>> {
  const fromConfig = await configIgnores(configPath);
  const ids = [...ignore.flatMap((v) => v.split(',')), ...fromConfig].map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !isRuleId(id));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown diff rule ${unknown.join(', ')} (the rules are listed in the README's rule catalogue)`,
    );
  return new Set(ids as RuleId[]);
}

async function configIgnores(path: string | undefined): Promise<string[]> {
  const file = path ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  if (!file) return [];
  let config: any;
  try {
    config = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0];
    throw new UsageError(`cannot read the config ${file}: ${reason}`);
  }
  const ignore = config?.diff?.ignore ?? [];
  if (!Array.isArray(ignore) || ignore.some((id) => typeof id !== 'string'))
    throw new UsageError(`${file}: diff.ignore must be a list of rule ids`);
  return ignore;
}
