/** The password policy in force (the `auth` settings): what a new password must contain. */
import { HttpError } from '../../../http/http-error';
import { type PasswordPolicy, readAuthSettings } from '../../../settings/auth-settings';
import type { SettingsStore } from '../../../settings/settings-store';

/** What `password` lacks under `policy`; empty when it is acceptable. */
export function policyViolations(password: string, policy: PasswordPolicy): string[] {
  const out: string[] = [];
  if (password.length < policy.min_length) out.push(`at least ${policy.min_length} characters`);
  if (policy.require_uppercase && !/[A-Z]/.test(password)) out.push('an uppercase letter');
  if (policy.require_lowercase && !/[a-z]/.test(password)) out.push('a lowercase letter');
  if (policy.require_numbers && !/[0-9]/.test(password)) out.push('a digit');
  if (policy.require_symbols && !/[^A-Za-z0-9]/.test(password)) out.push('a symbol');
  return out;
}

/** The policy in force now (setup and the settings may change it at any time). */
export async function passwordPolicy(settings: SettingsStore): Promise<PasswordPolicy> {
  return (await readAuthSettings(settings)).password_policy;
}

/** Throws 400 WEAK_PASSWORD unless `password` satisfies the policy in force. */
export async function checkPassword(settings: SettingsStore, password: string): Promise<void> {
  const missing = policyViolations(password, await passwordPolicy(settings));
  if (missing.length > 0) throw new HttpError(400, 'WEAK_PASSWORD', `The password needs ${missing.join(', ')}.`);
}
