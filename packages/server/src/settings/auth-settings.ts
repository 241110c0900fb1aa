import type { SettingsStore } from './settings-store';

/** What makes a password acceptable. */
export interface PasswordPolicy {
  min_length: number;
  require_uppercase: boolean;
  require_lowercase: boolean;
  require_numbers: boolean;
  require_symbols: boolean;
}

/** Token lifetimes and the password policy; set by the setup wizard's auth step. */
export interface AuthSettings {
  jwt_expiry_hours: number;
  refresh_expiry_days: number;
  password_policy: PasswordPolicy;
}

export const defaultAuthSettings: AuthSettings = {
  jwt_expiry_hours: 1,
  refresh_expiry_days: 30,
  password_policy: {
    min_length: 8,
    require_uppercase: false,
    require_lowercase: false,
    require_numbers: false,
    require_symbols: false,
  },
};

/** The auth settings in force. */
export function readAuthSettings(settings: SettingsStore): Promise<AuthSettings> {
  return settings.get('auth', defaultAuthSettings);
}
