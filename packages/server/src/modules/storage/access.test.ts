import { describe, expect, it } from 'vitest';
import { anonymous, type Caller } from '../../data/caller';
import {
  canManage,
  canRead,
  canUpload,
  denied,
  type FilePermissions,
  ownerIdOf,
  type Policy,
  visibilityFor,
} from './access';

const alice: Caller = { kind: 'user', userId: 'alice', email: 'a@x', role: 'user' };
const bob: Caller = { kind: 'user', userId: 'bob', email: 'b@x', role: 'user' };
const admin: Caller = { kind: 'user', userId: 'root', email: 'r@x', role: 'admin' };
const service: Caller = {
  kind: 'user',
  userId: 'root',
  email: 'r@x',
  role: 'service',
  apiKey: { id: 'k', permissions: ['service'] },
};
const ofAlice: FilePermissions = { public: false, allowedRoles: [], ownerId: 'alice' };

describe('canRead', () => {
  it.each<{ who: string; caller: Caller; policy: Policy; file: FilePermissions; want: boolean }>([
    { who: 'anonymous, public bucket', caller: anonymous, policy: 'public', file: ofAlice, want: true },
    { who: 'anonymous, authenticated bucket', caller: anonymous, policy: 'authenticated', file: ofAlice, want: false },
    {
      who: 'anonymous, public file',
      caller: anonymous,
      policy: 'private',
      file: { ...ofAlice, public: true },
      want: true,
    },
    { who: 'other user, authenticated bucket', caller: bob, policy: 'authenticated', file: ofAlice, want: true },
    { who: 'other user, private bucket', caller: bob, policy: 'private', file: ofAlice, want: false },
    { who: 'owner, private bucket', caller: alice, policy: 'private', file: ofAlice, want: true },
    { who: 'allowed role', caller: bob, policy: 'private', file: { ...ofAlice, allowedRoles: ['user'] }, want: true },
    { who: 'other role', caller: bob, policy: 'private', file: { ...ofAlice, allowedRoles: ['editor'] }, want: false },
    {
      who: 'anonymous, allowed role anon is not signed in',
      caller: anonymous,
      policy: 'private',
      file: { ...ofAlice, allowedRoles: ['anon'] },
      want: false,
    },
    { who: 'admin, private bucket', caller: admin, policy: 'private', file: ofAlice, want: true },
    { who: 'service, private bucket', caller: service, policy: 'private', file: ofAlice, want: true },
  ])('$who → $want', ({ caller, policy, file, want }) => expect(canRead(caller, policy, file)).toBe(want));
});

describe('canUpload and canManage', () => {
  it('lets signed-in users upload to public and authenticated buckets, only admins to private ones', () => {
    expect(canUpload(bob, 'public')).toBe(true);
    expect(canUpload(bob, 'authenticated')).toBe(true);
    expect(canUpload(bob, 'private')).toBe(false);
    expect(canUpload(anonymous, 'public')).toBe(false);
    expect(canUpload(admin, 'private')).toBe(true);
  });

  it('lets the owner, admins and services manage a file, nobody else', () => {
    expect(canManage(alice, ofAlice)).toBe(true);
    expect(canManage(bob, ofAlice)).toBe(false);
    expect(canManage(admin, ofAlice)).toBe(true);
    expect(canManage(service, { ...ofAlice, ownerId: null })).toBe(true);
    expect(canManage(bob, { ...ofAlice, ownerId: null })).toBe(false);
  });

  it('records no owner for a service credential', () => {
    expect(ownerIdOf(alice)).toBe('alice');
    expect(ownerIdOf(service)).toBeNull();
    expect(ownerIdOf(anonymous)).toBeNull();
  });

  it('answers 401 to anonymous callers and 403 to signed-in ones', () => {
    expect(denied(anonymous, 'No.').status).toBe(401);
    expect(denied(bob, 'No.').status).toBe(403);
  });
});

describe('visibilityFor', () => {
  it('shows every file where the policy lets the caller read them all, else what the caller may read by file', () => {
    expect(visibilityFor(anonymous, 'public')).toEqual({ all: true });
    expect(visibilityFor(bob, 'authenticated')).toEqual({ all: true });
    expect(visibilityFor(admin, 'private')).toEqual({ all: true });
    expect(visibilityFor(bob, 'private')).toEqual({ all: false, userId: 'bob', role: 'user' });
    expect(visibilityFor(anonymous, 'authenticated')).toEqual({ all: false });
  });
});
