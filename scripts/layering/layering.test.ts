/**
 * The layering check is proven by breaking it: in a scratch tree shaped like the repo, an
 * import cycle, the data layer importing a module, and one CLI tool importing another each
 * make the rules of `.dependency-cruiser.cjs` report a violation; a clean tree reports none.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { forbidden } = require('../../.dependency-cruiser.cjs');

let scratch: string | undefined;

async function violationsOf(files: Record<string, string>): Promise<string[]> {
  scratch = mkdtempSync(join(tmpdir(), 'lockstep-layering-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }
  const cwd = process.cwd();
  process.chdir(scratch);
  try {
    const result = await cruise(['packages'], { ruleSet: { forbidden }, validate: true, tsPreCompilationDeps: true });
    const output = result.output as { summary: { violations: Array<{ rule: { name: string } }> } };
    return output.summary.violations.map((v) => v.rule.name).sort();
  } finally {
    process.chdir(cwd);
  }
}

afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the layering check', () => {
  it('passes a tree whose layers call only downward', async () => {
    const clean = {
      'packages/server/src/modules/notes/routes.ts':
        "import { rows } from '../../data/rows';\nexport const r = rows;\n",
      'packages/server/src/data/rows.ts': "import { db } from '../db/db';\nexport const rows = db;\n",
      'packages/server/src/db/db.ts': 'export const db = 1;\n',
    };
    expect(await violationsOf(clean)).toEqual([]);
  });

  it('fails on a cycle, on data importing a module, and on one CLI tool importing another', async () => {
    const broken = {
      'packages/server/src/modules/notes/service.ts':
        "import { rows } from '../../data/rows';\nexport const notes = rows;\n",
      'packages/server/src/data/rows.ts':
        "import { notes } from '../modules/notes/service';\nexport const rows = notes;\n",
      'packages/cli/src/audit/a.ts': "import { d } from '../diff/d';\nexport const a = d;\n",
      'packages/cli/src/diff/d.ts': 'export const d = 1;\n',
    };
    expect(await violationsOf(broken)).toEqual(['cli-tools-are-separate', 'no-circular', 'server-data-below-modules']);
  });
});
