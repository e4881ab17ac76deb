/**
 * The process-wide session cache: one token per (account, Domain API host, method, identity),
 * shared by every client built for the same credentials. Concurrent callers wait on the same
 * in-flight login, and a 401 invalidates only the token that was refused, so fifty callers
 * hitting an expired token cause one re-login.
 */
import { credentialIdentity, type ResolvedCredentials } from "../credentials";

/** A bearer (Login Service) or access token (OAuth 2.0). */
export interface SessionToken {
  value: string;
  /** Epoch ms after which the token is not used any more. */
  expiresAt: number;
  /** Login Service only: needed for refresh/logout. */
  csrf?: string;
  sessionId?: string;
}

/** Renew this long before the server-side expiry, so a token does not die mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

/** Conversation Builder credentials obtained by exchanging a session token (wire contract §4). */
export interface CbToken {
  apiAccessToken: string;
  organizationId: string;
  privileges: string[];
}

/** The shared state of one identity. */
export class Session {
  private current?: SessionToken;
  private pending?: Promise<SessionToken>;
  private cb?: { lpToken: string; token: Promise<CbToken>; value?: CbToken };
  /** Ends the session server-side; set by the login that created the token. */
  logout?: (token: SessionToken) => Promise<void>;

  constructor(readonly key: string) {}

  /** The current token, logging in with `login` when there is none (one login at a time). */
  async token(login: () => Promise<SessionToken>): Promise<SessionToken> {
    if (this.current && this.current.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return this.current;
    if (!this.pending) {
      const p = login().then(
        (t) => {
          if (this.pending === p) {
            this.current = t;
            this.pending = undefined;
          }
          return t;
        },
        (e: unknown) => {
          if (this.pending === p) this.pending = undefined;
          throw e;
        },
      );
      this.current = undefined;
      this.pending = p;
    }
    return this.pending;
  }

  /** Drops `value` if it is still the current token (a newer one is kept). */
  invalidate(value: string): void {
    if (this.current?.value === value) this.current = undefined;
  }

  /** The CB token for the current session token, exchanging once per session token. */
  cbToken(lpToken: string, exchange: () => Promise<CbToken>): Promise<CbToken> {
    if (!this.cb || this.cb.lpToken !== lpToken) {
      const entry: { lpToken: string; token: Promise<CbToken>; value?: CbToken } = { lpToken, token: exchange() };
      this.cb = entry;
      entry.token.then(
        (t) => {
          entry.value = t;
        },
        () => {
          if (this.cb === entry) this.cb = undefined;
        },
      );
    }
    return this.cb.token;
  }

  /** Drops the CB token if it is still `apiAccessToken` (a newer exchange is kept). */
  invalidateCb(apiAccessToken: string): void {
    if (this.cb?.value?.apiAccessToken === apiAccessToken) this.cb = undefined;
  }

  /** The token held now, if any (for logout). */
  peek(): SessionToken | undefined {
    return this.current;
  }
}

const sessions = new Map<string, Session>();

/** The session shared by every client of these credentials. */
export function sessionFor(creds: ResolvedCredentials): Session {
  const key = credentialIdentity(creds);
  let s = sessions.get(key);
  if (!s) {
    s = new Session(key);
    sessions.set(key, s);
  }
  return s;
}

/** Logs every cached Login Service session out (best effort) and empties the cache. */
export async function endAllSessions(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  await Promise.allSettled(
    all.map(async (s) => {
      const t = s.peek();
      if (t && s.logout) await s.logout(t);
    }),
  );
}

/** Empties the cache without contacting the server. @internal For tests. */
export function clearSessions(): void {
  sessions.clear();
}
