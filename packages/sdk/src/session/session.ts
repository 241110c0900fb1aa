import type { CallResult } from '../call';
import type { TokenStore } from './tokens';

/** The result of exchanging a refresh token. */
export type RefreshResult = CallResult<'refreshToken'>;

/** Trades a refresh token for a new pair, without credentials or refresh of its own. */
export type RefreshExchange = (refreshToken: string) => Promise<RefreshResult>;

/** The client's session: its stored tokens and one shared refresh at a time. */
export class Session {
  private inFlight: Promise<RefreshResult | undefined> | undefined;

  constructor(
    readonly tokens: TokenStore,
    private readonly exchange: RefreshExchange,
  ) {}

  /** Refresh the stored pair; concurrent callers share one exchange. Undefined when no refresh token is stored. */
  refresh(): Promise<RefreshResult | undefined> {
    this.inFlight ??= this.exchangeStored().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** A new access token to replay a request refused with `stale`; undefined when none can be had. */
  async renewAfter(stale: string): Promise<string | undefined> {
    if (!this.inFlight) {
      const current = await this.tokens.accessToken();
      // Someone refreshed (or signed out) since `stale` was sent: use what is stored, refresh nothing.
      if (current !== stale) return current;
    }
    const result = await this.refresh();
    return result?.data?.access_token;
  }

  private async exchangeStored(): Promise<RefreshResult | undefined> {
    const refreshToken = await this.tokens.refreshToken();
    if (!refreshToken) return undefined;
    const result = await this.exchange(refreshToken);
    if (result.data) await this.tokens.set(result.data);
    // A refused refresh token (4xx, REFRESH_TOKEN_REUSED included) is dead; a 5xx may be passing.
    else if (result.response.status < 500) await this.tokens.clear();
    return result;
  }
}
