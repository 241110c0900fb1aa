import { describe, expect, it } from 'vitest';
import { normalisePath } from '../spec/path-template';
import { toPathTemplate, type UrlPart } from './url-template';

const t = (text: string): UrlPart => ({ text });
const e = (expr: string, query?: boolean): UrlPart => (query ? { expr, query } : { expr });

describe('toPathTemplate', () => {
  const cases: Array<{ given: UrlPart[]; want: string; name: string }> = [
    { name: 'static path', given: [t('/auth/login')], want: '/auth/login' },
    { name: 'template with an id', given: [t('/auth/users/'), e('id')], want: '/auth/users/{}' },
    { name: 'base URL expression', given: [e('API_URL'), t('/x')], want: '/x' },
    { name: 'baseURL on this', given: [e('this.baseURL'), t('/auth/users/'), e('userId')], want: '/auth/users/{}' },
    { name: 'two leading expressions', given: [e('host'), e('prefix'), t('/y')], want: '/y' },
    { name: 'literal localhost origin', given: [t('http://localhost:54321/x')], want: '/x' },
    {
      name: 'https origin with a port expression',
      given: [t('https://api.example.com:'), e('port'), t('/v1/a')],
      want: '/v1/a',
    },
    { name: 'origin with an expression host', given: [t('http://'), e('host'), t(':8080/a/'), e('b')], want: '/a/{}' },
    { name: 'websocket origin', given: [t('ws://localhost:54321/realtime?token='), e('token')], want: '/realtime' },
    { name: 'origin only', given: [t('https://example.com')], want: '/' },
    {
      name: 'query in a template',
      given: [t('/auth/users?limit='), e('limit'), t('&q='), e('q')],
      want: '/auth/users',
    },
    { name: "concatenated '?' + qs", given: [t('/observability/logs'), t('?'), e('qs')], want: '/observability/logs' },
    { name: 'URLSearchParams expression', given: [t('/a'), e('new URLSearchParams(x)', true)], want: '/a' },
    { name: 'query-named expression glued to the path', given: [t('/a/b'), e('queryString')], want: '/a/b' },
    { name: 'id-named expression glued to the path stays', given: [t('/files/v'), e('version')], want: '/files/v{}' },
    { name: 'fragment', given: [t('/docs#top')], want: '/docs' },
    { name: 'relative (axios baseURL / ky prefixUrl)', given: [t('users/'), e('id')], want: '/users/{}' },
    { name: 'openapi-fetch braces', given: [t('/pet/{petId}/uploadImage')], want: '/pet/{}/uploadImage' },
    { name: 'express-style :param', given: [t('/users/:id/posts')], want: '/users/{}/posts' },
    { name: 'trailing and doubled slashes', given: [e('base'), t('//auth//users/')], want: '/auth/users' },
    { name: 'partial segment', given: [t('/files/'), e('name'), t('.json')], want: '/files/{}.json' },
    { name: 'root', given: [e('API'), t('/')], want: '/' },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    expect(toPathTemplate(given)).toMatchObject({ path: want });
  });

  it.each([
    { name: 'a bare variable', given: [e('url')] },
    { name: 'a variable with a query', given: [e('url'), t('?x=1')] },
    { name: 'only dynamic segments', given: [e('base'), t('/'), e('id')] },
    { name: 'a wrapper appending its path argument', given: [t('https://api.example.com/v3'), e('path')] },
    { name: 'a wrapper appending options.url', given: [e('BASE'), t('/api/'), e('options.url')] },
  ])('has no template for $name', ({ given }) => {
    expect(toPathTemplate(given)).toHaveProperty('reason');
  });
});

describe('toPathTemplate: the host of a literal origin', () => {
  it.each([
    [[t('https://plex.tv/api/v2/pins')], 'plex.tv'],
    [[t('http://localhost:54321/x')], 'localhost'],
    [[t('https://api.example.com:'), e('port'), t('/v1/a')], 'api.example.com'],
    [[t('/x')], undefined],
    [[t('http://'), e('host'), t('/a')], undefined],
  ])('%j → %s', (given, host) => {
    expect((toPathTemplate(given) as { host?: string }).host).toBe(host);
  });
});

describe('normalisePath', () => {
  it.each([
    ['/pet/{petId}', '/pet/{}'],
    ['/a/{x}/b/{y}', '/a/{}/b/{}'],
    ['a/b/', '/a/b'],
    ['/', '/'],
    ['', '/'],
  ])('%s → %s', (given, want) => {
    expect(normalisePath(given)).toBe(want);
  });
});
