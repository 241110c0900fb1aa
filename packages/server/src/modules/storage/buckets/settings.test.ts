import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../http/http-error';
import { type SettingsInput, settingsFrom } from './settings';
import type { BucketSettings } from './store';

const defaults: BucketSettings = { policy: 'private', fileSizeLimit: null, allowedMimeTypes: null, quotaBytes: null };
const current: BucketSettings = {
  policy: 'authenticated',
  fileSizeLimit: 100,
  allowedMimeTypes: ['image/png'],
  quotaBytes: 1000,
};

describe('settingsFrom', () => {
  it.each<{ given: string; input: SettingsInput; over?: BucketSettings; want: BucketSettings }>([
    { given: 'an empty create', input: { name: 'b' }, want: defaults },
    { given: 'public: true', input: { name: 'b', public: true }, want: { ...defaults, policy: 'public' } },
    {
      given: 'a policy',
      input: { name: 'b', policy: 'authenticated' },
      want: { ...defaults, policy: 'authenticated' },
    },
    { given: 'max_file_size alone', input: { name: 'b', max_file_size: 5 }, want: { ...defaults, fileSizeLimit: 5 } },
    { given: 'an empty update', input: {}, over: current, want: current },
    { given: 'public: false over authenticated', input: { public: false }, over: current, want: current },
    {
      given: 'public: false over public',
      input: { public: false },
      over: { ...current, policy: 'public' },
      want: { ...current, policy: 'private' },
    },
    {
      given: 'nulls clearing the limits',
      input: { file_size_limit: null, allowed_mime_types: null, quota_bytes: null },
      over: current,
      want: { policy: 'authenticated', fileSizeLimit: null, allowedMimeTypes: null, quotaBytes: null },
    },
  ])('$given', ({ input, over, want }) => expect(settingsFrom(input, over)).toEqual(want));

  it.each<{ given: string; input: SettingsInput; field: string }>([
    { given: 'public disagreeing with policy', input: { public: true, policy: 'private' }, field: 'body.public' },
    {
      given: 'two different size limits',
      input: { max_file_size: 1, file_size_limit: 2 },
      field: 'body.max_file_size',
    },
  ])('refuses $given with 400 naming $field', ({ input, field }) => {
    expect(() => settingsFrom(input)).toThrow(HttpError);
    expect(() => settingsFrom(input)).toThrow(`${field}: `);
  });
});
