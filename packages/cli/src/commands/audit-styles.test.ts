/**
 * `lockstep audit` on a frontend written in the data-fetching styles real apps use (SWR,
 * TanStack Query, RTK Query, an axios instance with a base URL, another host, a union-typed
 * template segment, @lockstep/sdk). The expected answer below was written by hand from the
 * source in test/fixtures/frontend-styles; the test reports precision and recall.
 */
import { describe, expect, it } from 'vitest';
import { runAudit } from '../audit/audit';
import { fixture } from '../test-helpers';

const EXPECTED = [
  'GET getUser swr',
  'GET getSettings swr',
  'GET listTodos query',
  'GET getTodo axios',
  'GET listPosts rtk-query',
  'POST addPost rtk-query',
  'DELETE deletePost rtk-query',
  'GET movieGenres axios',
  'GET tvGenres axios',
  'GET search axios',
  'POST signIn lockstep-sdk',
  'GET getCurrentUser lockstep-sdk',
];

describe('lockstep audit on frontend-styles (hand-checked)', () => {
  it('finds every call, in every style, with no false one', async () => {
    const report = await runAudit({
      source: fixture('frontend-styles/src'),
      spec: fixture('frontend-styles/openapi.yaml'),
    });
    const found = report.calls.map((c) => `${c.method} ${c.operationId} ${c.client}`);
    const right = found.filter((f) => EXPECTED.includes(f));
    const precision = right.length / found.length;
    const recall = EXPECTED.filter((e) => found.includes(e)).length / EXPECTED.length;
    console.info(
      `audit on frontend-styles: ${found.length} calls, precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%`,
    );
    expect(found.filter((f) => !EXPECTED.includes(f))).toEqual([]);
    expect(EXPECTED.filter((e) => !found.includes(e))).toEqual([]);
    expect(report.totals.notInSpec).toBe(0);
    expect(report.uncalled.map((u) => u.operationId)).toEqual(['neverCalled']);
    expect(report.external.map((c) => `${c.method} ${c.host}${c.path}`)).toEqual(['POST plex.tv/api/v2/pins']);
  });

  it('says why the calls it cannot follow are not followed', async () => {
    const report = await runAudit({
      source: fixture('frontend-styles/src'),
      spec: fixture('frontend-styles/openapi.yaml'),
    });
    expect(report.unresolved.map((u) => `${u.file} ${u.reason}`)).toEqual([
      'query/todos.ts the URL is returned by `String(...)`',
      'swr/profile.tsx the URL comes from the parameter `url`',
    ]);
  });
});
