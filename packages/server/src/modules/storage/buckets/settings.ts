/**
 * A bucket's settings from a create or update body: `public` and `policy` are two views of
 * one setting and must agree, as must `max_file_size` and `file_size_limit`; fields left out
 * keep their value (or take the defaults when creating).
 */
import type { components } from '@lockstep/contract';
import { errors } from '../../../http/http-error';
import type { Policy } from '../access';
import type { BucketSettings } from './store';

type Schemas = components['schemas'];

/** A create or update body. */
export type SettingsInput = Schemas['StorageBucketCreate'] | Schemas['StorageBucketUpdate'];

function policyFrom(input: SettingsInput, current: Policy | undefined): Policy {
  if (input.policy !== undefined && input.public !== undefined && input.public !== (input.policy === 'public'))
    throw errors.validation([{ field: 'body.public', message: `must agree with policy ${input.policy}` }]);
  if (input.policy !== undefined) return input.policy;
  if (input.public === true) return 'public';
  if (input.public === false) return current === undefined || current === 'public' ? 'private' : current;
  return current ?? 'private';
}

/** The settings `input` asks for over `current` (the defaults when creating). */
export function settingsFrom(input: SettingsInput, current?: BucketSettings): BucketSettings {
  if (
    input.max_file_size !== undefined &&
    input.file_size_limit !== undefined &&
    input.max_file_size !== input.file_size_limit
  )
    throw errors.validation([
      { field: 'body.max_file_size', message: 'must equal file_size_limit when both are sent' },
    ]);
  const sizeLimit = input.file_size_limit !== undefined ? input.file_size_limit : input.max_file_size;
  return {
    policy: policyFrom(input, current?.policy),
    fileSizeLimit: sizeLimit !== undefined ? sizeLimit : (current?.fileSizeLimit ?? null),
    allowedMimeTypes:
      input.allowed_mime_types !== undefined ? input.allowed_mime_types : (current?.allowedMimeTypes ?? null),
    quotaBytes: input.quota_bytes !== undefined ? input.quota_bytes : (current?.quotaBytes ?? null),
  };
}
