/** The scenarios of issue 15: the same work asked of the reference server and of the baseline. */
import type { LoadRequest } from './load';
import type { Seeded } from './seed';

export interface Scenario {
  name: string;
  lockstep: (s: Seeded) => LoadRequest;
  baseline: (s: Seeded) => LoadRequest;
  /** Sign-in is argon2 on purpose: fewer connections keep the run short without changing the ratio. */
  connections?: number;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const scenarios: Scenario[] = [
  { name: 'health', lockstep: () => ({ path: '/health' }), baseline: () => ({ path: '/health' }) },
  {
    name: 'get row by key',
    lockstep: (s) => ({
      path: '/rest/v1/notes?filter[0][field]=id&filter[0][op]=eq&filter[0][value]=n4242',
      headers: bearer(s.adminToken),
    }),
    baseline: () => ({ path: '/notes/n4242' }),
  },
  {
    name: 'list 50 + total',
    lockstep: (s) => ({ path: '/rest/v1/notes?limit=50&offset=100&order=id.asc', headers: bearer(s.adminToken) }),
    baseline: () => ({ path: '/notes?limit=50&offset=100' }),
  },
  {
    name: 'insert one row',
    lockstep: (s) => ({
      method: 'POST',
      path: '/rest/v1/events',
      headers: bearer(s.adminToken),
      body: '{"title":"hello"}',
    }),
    baseline: () => ({ method: 'POST', path: '/events', body: '{"title":"hello"}' }),
  },
  {
    name: 'filtered list, RLS on',
    lockstep: (s) => ({ path: '/rest/v1/owned_notes?limit=50', headers: bearer(s.userToken) }),
    baseline: (s) => ({ path: `/owned_notes?owner=${s.userId}` }),
  },
  {
    name: 'login',
    lockstep: (s) => ({
      method: 'POST',
      path: '/auth/login',
      body: JSON.stringify({ email: s.userEmail, password: s.userPassword }),
    }),
    baseline: (s) => ({
      method: 'POST',
      path: '/login',
      body: JSON.stringify({ email: s.userEmail, password: s.userPassword }),
    }),
    connections: 4,
  },
  {
    name: 'download 1 MB',
    lockstep: (s) => ({ path: '/storage/buckets/bench/files/big.bin/download', headers: bearer(s.adminToken) }),
    baseline: () => ({ path: '/file' }),
  },
];
