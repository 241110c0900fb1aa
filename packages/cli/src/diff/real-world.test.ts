/**
 * `lockstep diff` on a description nobody here wrote: GitHub's REST API as @octokit/openapi
 * 21.0.0 and 22.0.0 ship it. The expected breaking changes were found by hand in a raw JSON diff
 * of the two files (see test/fixtures/real-world/README.md): 20 paths removed (Projects classic,
 * the old billing summaries) and `author_association` no longer required in `issue-comment`,
 * which 14 response locations use. Everything else is a relaxation, a webhook (not an
 * operation), or at most a warning.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../test-helpers';
import type { Change } from './change';
import { diffSpecs } from './diff-specs';

const load = (name: string) => JSON.parse(gunzipSync(readFileSync(fixture(`real-world/${name}`))).toString('utf8'));

const REMOVED_PATHS = [
  '/orgs/{org}/projects',
  '/orgs/{org}/settings/billing/actions',
  '/orgs/{org}/settings/billing/packages',
  '/orgs/{org}/settings/billing/shared-storage',
  '/orgs/{org}/teams/{team_slug}/projects',
  '/orgs/{org}/teams/{team_slug}/projects/{project_id}',
  '/projects/columns/{column_id}',
  '/projects/columns/{column_id}/moves',
  '/projects/{project_id}',
  '/projects/{project_id}/collaborators',
  '/projects/{project_id}/collaborators/{username}',
  '/projects/{project_id}/collaborators/{username}/permission',
  '/repos/{owner}/{repo}/projects',
  '/teams/{team_id}/projects',
  '/teams/{team_id}/projects/{project_id}',
  '/user/projects',
  '/users/{username}/projects',
  '/users/{username}/settings/billing/actions',
  '/users/{username}/settings/billing/packages',
  '/users/{username}/settings/billing/shared-storage',
];

const COMMENT = 'author_association';
const COMMENT_RESPONSES = [
  'GET /repos/{owner}/{repo}/issues/comments › response.200.body[]',
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id} › response.200.body',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} › response.200.body',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments › response.200.body[]',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments › response.201.body',
  ...[
    '/events',
    '/networks/{owner}/{repo}/events',
    '/orgs/{org}/events',
    '/repos/{owner}/{repo}/events',
    '/users/{username}/events',
    '/users/{username}/events/orgs/{org}',
    '/users/{username}/events/public',
    '/users/{username}/received_events',
    '/users/{username}/received_events/public',
  ].map((path) => `GET ${path} › response.200.body[].payload.oneOf[issue-comment-event].comment`),
];

const EXPECTED_BREAKING = [
  ...REMOVED_PATHS.map((p) => `path-removed ${p}`),
  ...COMMENT_RESPONSES.map((at) => `response-field-optional ${at}.${COMMENT}`),
];

describe('lockstep diff on GitHub REST 21.0.0 → 22.0.0 (hand-checked)', () => {
  let changes: Change[];
  beforeAll(() => {
    changes = diffSpecs(load('github-21.0.0.json.gz'), load('github-22.0.0.json.gz'));
  }, 60_000);

  it('flags breaking changes with ≥ 95% precision and misses none', () => {
    const flagged = changes.filter((c) => c.breaking).map((c) => `${c.kind} ${c.location}`);
    const right = flagged.filter((f) => EXPECTED_BREAKING.includes(f));
    const precision = right.length / flagged.length;
    const recall = EXPECTED_BREAKING.filter((e) => flagged.includes(e)).length / EXPECTED_BREAKING.length;
    console.info(
      `diff on GitHub REST 21→22: ${flagged.length} breaking flags, precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% (${EXPECTED_BREAKING.length} expected)`,
    );
    expect(flagged.filter((f) => !EXPECTED_BREAKING.includes(f))).toEqual([]);
    expect(EXPECTED_BREAKING.filter((e) => !flagged.includes(e))).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.95);
  });

  it('reads the event payload that became a oneOf of 15 event shapes without false removals', () => {
    const payload = changes.filter((c) => c.location.startsWith('GET /events › response.200.body[].payload'));
    expect(payload.map((c) => `${c.kind} ${c.level} ${c.location.split('payload')[1]}`)).toEqual([
      'response-optional-field-removed warning .oneOf[issue-comment-event].pages',
      'requirement-relaxed info .oneOf[issue-comment-event].action',
      'requirement-relaxed info .oneOf[issue-comment-event].issue',
      'requirement-relaxed info .oneOf[issue-comment-event].comment',
      'response-field-optional breaking .oneOf[issue-comment-event].comment.author_association',
    ]);
  });

  it('reads the request anyOf of required lists as a relaxation, not a removed variant', () => {
    const patch = changes.filter((c) =>
      /PATCH \/repos\/\{owner\}\/\{repo\}\/(secret|code)-scanning\/alerts/.test(c.location),
    );
    expect(patch.every((c) => c.level === 'info')).toBe(true);
    expect(patch.map((c) => c.kind)).toContain('requirement-relaxed');
  });

  it('warns about the new enum value a response may carry, and only informs about it in a request', () => {
    const language = changes.filter((c) => /query_language$|request\.body\.language$/.test(c.location));
    expect(language.map((c) => `${c.kind} ${c.level}`)).toEqual([
      'request-enum-value-added info',
      'response-enum-value-added warning',
      'response-enum-value-added warning',
    ]);
  });
});
