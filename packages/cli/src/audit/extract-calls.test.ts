// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are frontend source code under test
import { describe, expect, it } from 'vitest';
import { collectClientFacts } from './client-facts';
import { extractCalls, type FileCalls } from './extract-calls';
import { parseSource } from './source-files';

/** Extracts calls from in-memory files; facts are collected across all of them first. */
function scan(files: Record<string, string>): FileCalls {
  const parsed = Object.entries(files).map(([file, text]) => ({ file, sf: parseSource(file, text) }));
  const facts = collectClientFacts(parsed.map((p) => p.sf));
  const out: FileCalls = { calls: [], unresolved: [] };
  for (const { file, sf } of parsed) {
    const found = extractCalls(sf, file, facts);
    out.calls.push(...found.calls);
    out.unresolved.push(...found.unresolved);
  }
  return out;
}

const brief = (r: FileCalls) => r.calls.map((c) => `${c.method} ${c.path} ${c.client}`);

describe('extractCalls per call style', () => {
  const cases: Array<{ style: string; code: string; want: string[] }> = [
    {
      style: 'axios.get',
      code: "import axios from 'axios';\naxios.get('/auth/users')",
      want: ['GET /auth/users axios'],
    },
    {
      style: 'axios.post / postForm with template',
      code: "import axios from 'axios';\naxios.post(`${API}/a/${id}`, {});\naxios.postForm('/b', fd)",
      want: ['POST /a/{} axios', 'POST /b axios'],
    },
    {
      style: 'renamed axios import',
      code: "import http from 'axios';\nhttp.delete('/x/' + id)",
      want: ['DELETE /x/{} axios'],
    },
    { style: 'axios(url)', code: "import axios from 'axios';\naxios('/ping')", want: ['GET /ping axios'] },
    {
      style: 'axios({ method, url })',
      code: "import axios from 'axios';\naxios({ method: 'patch', url: `/users/${id}`, data })",
      want: ['PATCH /users/{} axios'],
    },
    {
      style: 'axios.request(config) with a bound config',
      code: "import axios from 'axios';\nconst cfg = { url: '/r', method: 'PUT' };\naxios.request(cfg)",
      want: ['PUT /r axios'],
    },
    {
      style: 'axios.create instance',
      code: "import axios from 'axios';\nconst client = axios.create({ baseURL });\nclient.get('users');\nclient({ url: '/c', method: 'post' })",
      want: ['GET /users axios', 'POST /c axios'],
    },
    {
      style: 'instance on this',
      code: "import axios from 'axios';\nclass S { private svc = axios.create(); load() { return this.svc.get('/s') } }",
      want: ['GET /s axios'],
    },
    {
      style: 'fetch with method',
      code: "fetch('/a');\nfetch(`${base}/b/${id}`, { method: 'DELETE' });\nwindow.fetch('/c', { method: 'post' })",
      want: ['GET /a fetch', 'DELETE /b/{} fetch', 'POST /c fetch'],
    },
    { style: 'fetch(new Request)', code: "fetch(new Request('/r', { method: 'PUT' }))", want: ['PUT /r fetch'] },
    {
      style: 'ky',
      code: "import ky from 'ky';\nky.get('/k');\nky('/k2', { method: 'post' });\nconst api = ky.create({ prefixUrl: base });\nconst v2 = api.extend({});\napi.put('items/1');\nv2.delete(`items/${id}`)",
      want: ['GET /k ky', 'POST /k2 ky', 'PUT /items/1 ky', 'DELETE /items/{} ky'],
    },
    {
      style: 'openapi-fetch',
      code: "import createClient from 'openapi-fetch';\nconst client = createClient({ baseUrl });\nclient.GET('/pet/{petId}', { params });\nclient.POST('/pet', { body })",
      want: ['GET /pet/{} openapi-fetch', 'POST /pet openapi-fetch'],
    },
    {
      style: 'XMLHttpRequest#open',
      code: "const xhr = new XMLHttpRequest();\nxhr.open('POST', `${API}/upload?x=1`);\nconst m = 'GET';\nxhr.open(m, '/y')",
      want: ['POST /upload xhr', 'GET /y xhr'],
    },
    {
      style: 'EventSource and WebSocket',
      code: 'new EventSource(`${API}/logs/stream?level=${l}`);\nnew WebSocket(`${wsBase}/realtime?token=${t}`)',
      want: ['GET /logs/stream event-source', 'GET /realtime websocket'],
    },
    {
      style: 'client guessed by name (Angular HttpClient)',
      code: "class A { constructor(private http: HttpClient) {} list() { return this.http.get<T[]>('/api/items') } }",
      want: ['GET /api/items http-client'],
    },
    {
      style: 'request wrapper guessed by name',
      code: "apiRequest('/w', { method: 'POST' });\nhttpDelete('/w/1');\nrequest('PUT', '/w/2');\nfetchUsers(id)",
      want: ['POST /w http-client', 'DELETE /w/1 http-client', 'PUT /w/2 http-client'],
    },
  ];
  it.each(cases)('$style', ({ code, want }) => {
    expect(brief(scan({ 'src/a.ts': code }))).toEqual(want);
  });

  it('ignores route registrations and mock handlers (a function argument)', () => {
    const code =
      "app.get('/x', (req, res) => res.send());\nhttp.get('/y', () => HttpResponse.json({}));\nmap.get('/z')";
    expect(scan({ 'a.ts': code }).calls).toEqual([]);
  });
});

describe('extractCalls across files', () => {
  it('follows an instance made by a composable in another file (useApi)', () => {
    const result = scan({
      'composables/useApi.ts': [
        "import axios, { type AxiosInstance } from 'axios';",
        'let instance: AxiosInstance | null = null;',
        'export function useApi() {',
        '  if (!instance) instance = axios.create({ baseURL: import.meta.env.VITE_URL });',
        '  return instance;',
        '}',
      ].join('\n'),
      'services/auth.ts': [
        "import { useApi } from '../composables/useApi';",
        'const http = useApi();',
        'export const authService = {',
        "  async getUsers(limit: number) { const { data } = await http.get('/auth/users', { params: { limit } }); return data; },",
        '};',
      ].join('\n'),
      'pages/Users.vue':
        '<script setup lang="ts">\nconst svc = useApi();\nonMounted(() => svc.delete(`/auth/users/${id}`));\n</script>',
    });
    expect(result.calls.map((c) => [c.file, c.line, c.function, c.method, c.path])).toEqual([
      ['services/auth.ts', 4, 'authService.getUsers', 'GET', '/auth/users'],
      ['pages/Users.vue', 3, 'onMounted(callback)', 'DELETE', '/auth/users/{}'],
    ]);
  });

  it('follows a composable that returns { api }', () => {
    const result = scan({
      'use-client.ts':
        "import axios from 'axios';\nconst shared = axios.create();\nexport const useClient = () => ({ rest: shared, ok: true });",
      'page.ts': "const { rest } = useClient();\nexport function load() { return rest.get('/things') }",
    });
    expect(result.calls.map((c) => `${c.function} ${c.method} ${c.path}`)).toEqual(['load GET /things']);
  });
});

describe('URL bindings and unresolved calls', () => {
  it('follows const bindings, endpoint objects and URL-builder functions', () => {
    const code = [
      "const API_URL = import.meta.env.VITE_API_URL || 'http://localhost:54321';",
      "const ENDPOINTS = { users: '/auth/users', user: (id: string) => `/auth/users/${id}` } as const;",
      'export async function f(id: string, q: string) {',
      '  const url = `${API_URL}/storage/buckets`;',
      '  await fetch(url);',
      '  await fetch(API_URL + ENDPOINTS.users);',
      '  await fetch(`${API_URL}${ENDPOINTS.user(id)}`);',
      '  const qs = new URLSearchParams({ q });',
      '  await fetch(`/logs?${qs}`);',
      "  await fetch('/logs2' + '?' + qs.toString());",
      "  await fetch('/logs3' + (q ? `?q=${q}` : ''));",
      '}',
    ].join('\n');
    expect(brief(scan({ 'a.ts': code })).map((s) => s.split(' ')[1])).toEqual([
      '/storage/buckets',
      '/auth/users',
      '/auth/users/{}',
      '/logs',
      '/logs2',
      '/logs3',
    ]);
  });

  it('lists what it cannot follow, with the reason', () => {
    const code = [
      "import { endpoint } from './config';",
      'export function get(url: string) { return fetch(url) }',
      'export function imported() { return fetch(endpoint) }',
      'export function built() { return fetch(makeUrl()) }',
      "export function dyn(m: string) { return fetch('/x', { method: m }) }",
      'export function allDynamic(p: string) { return fetch(`${base}/${p}`) }',
    ].join('\n');
    const result = scan({ 'a.ts': code });
    expect(result.calls).toEqual([]);
    expect(result.unresolved.map((u) => [u.function, u.expression, u.reason])).toEqual([
      ['get', 'url', 'the URL comes from the parameter `url`'],
      ['imported', 'endpoint', "the URL is imported from './config'"],
      ['built', 'makeUrl()', 'the URL is returned by `makeUrl(...)`'],
      ['dyn', 'm', 'the method `m` is not static (path /x)'],
      ['allDynamic', '`${base}/${p}`', 'the path is entirely dynamic (/{})'],
    ]);
  });
});

describe('enclosing function names', () => {
  it.each([
    ['export const authService = { async getUsers() { return api.get("/u") } }', 'authService.getUsers'],
    ['export const s = { users: { list: () => api.get("/u") } }', 's.users.list'],
    ['class UserApi { async list() { return api.get("/u") } }', 'UserApi.list'],
    ['class UserApi { list = () => api.get("/u") }', 'UserApi.list'],
    ['export function loadUsers() { return api.get("/u") }', 'loadUsers'],
    ['export const loadUsers = async () => { await api.get("/u") }', 'loadUsers'],
    [
      'export const useAuth = defineStore("auth", { actions: { async signIn() { await api.get("/u") } } })',
      'useAuth.signIn',
    ],
    ['api.get("/u")', '(top level)'],
  ])('%s → %s', (code, want) => {
    expect(scan({ 'a.ts': code }).calls[0].function).toBe(want);
  });

  it('names a Vue options-API component after its file', () => {
    const vue =
      '<script>\nexport default defineComponent({ methods: { async load() { await this.$http.get("/u") } } })\n</script>';
    expect(scan({ 'pages/UserList.vue': vue }).calls[0].function).toBe('UserList.load');
  });
});
