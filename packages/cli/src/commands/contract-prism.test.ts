/**
 * `lockstep contract` against Prism serving a spec that documents no 4xx
 * (test/fixtures/contract-prism). Every "server broke the spec" verdict must be a real
 * deviation of Prism (it accepts any bearer credential); every undocumented 401/422 is a spec
 * gap, failing only with --strict. The test reports the precision of the "failed" verdicts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture, fixture } from '../test-helpers';
import { run } from './contract';

const PRISM = fileURLToPath(new URL('../../../../node_modules/.bin/prism', import.meta.url));
const SPEC = fixture('contract-prism/openapi.yaml');
/** Prism's known deviations: it checks that a credential is present, never that it is valid. */
const REAL_DEVIATIONS = [/answered 2\d\d to an invalid bearerAuth credential/];

async function waitFor(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`Prism did not start at ${url}`);
}

describe('lockstep contract against Prism, on a spec with no documented 4xx', () => {
  const port = 42000 + Math.floor(Math.random() * 2000);
  const baseUrl = `http://127.0.0.1:${port}`;
  let prism: ChildProcess;
  beforeAll(async () => {
    prism = spawn(PRISM, ['mock', '-p', String(port), '-h', '127.0.0.1', SPEC], { stdio: 'ignore' });
    await waitFor(`${baseUrl}/notes`, 30_000);
  }, 40_000);
  afterAll(() => {
    prism?.kill();
  });

  const contract = async (extra: string[] = []) => {
    const { code, stdout } = await capture(run, [
      '--base-url',
      baseUrl,
      '--spec',
      SPEC,
      '--token',
      't',
      '--json',
      ...extra,
    ]);
    return { code, report: JSON.parse(stdout) };
  };

  it('reports no "server broke the spec" verdict that is not a real Prism deviation', async () => {
    const { report } = await contract();
    const failed: string[] = report.results.filter((r: any) => r.outcome === 'failed').map((r: any) => r.message);
    const real = failed.filter((m) => REAL_DEVIATIONS.some((re) => re.test(m)));
    const precision = failed.length === 0 ? 1 : real.length / failed.length;
    console.info(
      `contract against Prism: ${failed.length} failed verdicts, precision ${(precision * 100).toFixed(1)}%`,
    );
    expect(failed.filter((m) => !real.includes(m))).toEqual([]);
    expect(failed.length).toBeGreaterThan(0);
  });

  it('calls an undocumented 422 to an invalid request and an undocumented 401 spec gaps, failing only with --strict', async () => {
    const { report } = await contract(['--only', 'default']);
    const gaps: string[] = report.results.filter((r: any) => r.outcome === 'spec-gap').map((r: any) => r.name);
    expect(gaps).toContain('auth: anonymous → 401');
    expect(gaps).toContain('negative: body.title missing');
    expect(gaps).not.toContain('negative: body.id missing');
    expect(report.specGaps).toBe(gaps.length);
  });

  it('fills an enum path parameter from its enum, so the positive case passes', async () => {
    const { report } = await contract();
    const positive = report.results.find((r: any) => r.operationId === 'setNoteStatus' && r.kind === 'positive');
    expect(positive).toMatchObject({ outcome: 'passed', status: 200 });
  });

  it('exits 1 for the real deviation with or without --strict', async () => {
    expect((await contract()).code).toBe(1);
    expect((await contract(['--strict'])).code).toBe(1);
  });
});
