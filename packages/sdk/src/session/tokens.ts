import { type Awaitable, whenReady } from '../awaitable';
import { ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY, type TokenStorage } from './storage';

/** The pair of tokens a session holds. */
export interface SessionTokens {
  /** The short-lived access token, sent as `Authorization: Bearer <access_token>`. */
  access_token: string;
  /** The single-use refresh token; absent when the server gave none. */
  refresh_token?: string | null;
}

/** Reads and writes the token pair in a `TokenStorage` under the dashboard's keys. */
export class TokenStore {
  constructor(private readonly storage: TokenStorage) {}

  /** The stored access token, if any: at once when the storage answers at once (read on every call). */
  accessToken(): Awaitable<string | undefined> {
    return whenReady(this.storage.getItem(ACCESS_TOKEN_KEY), (token) => token || undefined);
  }

  /** The stored refresh token, if any. */
  async refreshToken(): Promise<string | undefined> {
    return (await this.storage.getItem(REFRESH_TOKEN_KEY)) || undefined;
  }

  /** The stored pair, or undefined when no access token is stored. */
  async get(): Promise<SessionTokens | undefined> {
    const [access_token, refresh_token] = await Promise.all([this.accessToken(), this.refreshToken()]);
    return access_token ? { access_token, refresh_token: refresh_token ?? null } : undefined;
  }

  /** Store a pair; a pair without refresh token forgets the old one. At once when the storage writes at once. */
  set(tokens: SessionTokens): Awaitable<void> {
    return whenReady(this.storage.setItem(ACCESS_TOKEN_KEY, tokens.access_token), () =>
      tokens.refresh_token
        ? this.storage.setItem(REFRESH_TOKEN_KEY, tokens.refresh_token)
        : this.storage.removeItem(REFRESH_TOKEN_KEY),
    );
  }

  /** Forget both tokens. */
  async clear(): Promise<void> {
    await this.storage.removeItem(ACCESS_TOKEN_KEY);
    await this.storage.removeItem(REFRESH_TOKEN_KEY);
  }
}
