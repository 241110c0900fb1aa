/** Where the SDK keeps tokens: `localStorage`, `sessionStorage`, a cookie jar, a secure store; sync or async. */
export interface TokenStorage {
  /** The stored value of `key`, or null. */
  getItem(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Store `value` under `key`. */
  setItem(key: string, value: string): void | Promise<void>;
  /** Forget `key`. */
  removeItem(key: string): void | Promise<void>;
}

/** The storage key of the access token (the AeroDB dashboard's key). */
export const ACCESS_TOKEN_KEY = 'access_token';

/** The storage key of the refresh token (the AeroDB dashboard's key). */
export const REFRESH_TOKEN_KEY = 'refresh_token';

/**
 * A storage that lives as long as the client: the default outside browsers.
 * @example
 * const client = createClient({ url, storage: memoryStorage() });
 */
export function memoryStorage(): TokenStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
  };
}

/** `localStorage` when the platform has a usable one (browsers), otherwise a fresh in-memory store. */
export function defaultStorage(): TokenStorage {
  try {
    const local = (globalThis as { localStorage?: TokenStorage }).localStorage;
    if (local && typeof local.getItem === 'function') return local;
  } catch {
    // Sandboxed frames throw on access to localStorage: fall back to memory.
  }
  return memoryStorage();
}
