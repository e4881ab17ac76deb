// Sessions and tokens. They live in memory only (a restarted emulator forgets them, as a restarted
// LivePerson session store would invalidate bearers; clients log in again on 401).
import { randomBytes } from "crypto";
import { JwtIssuer } from "./jwt";

export type Principal =
  | { kind: "user"; accountId: string; userId: number }
  | { kind: "oauth"; accountId: string; clientId: string }
  | { kind: "appkey"; accountId: string; appKey: string };

interface LoginSession {
  bearer: string;
  csrf: string;
  sessionId: string;
  principal: Principal & { kind: "user" };
  expiresAt: number;
}

interface BearerToken {
  principal: Principal;
  expiresAt: number;
  /** Login sessions: the session this bearer belongs to (revoked with it). */
  sessionId?: string;
}

interface CbToken {
  /** The LP bearer or OAuth token the CB token was exchanged for: it dies with it. */
  parent: string;
  accountId: string;
}

export const OAUTH_TOKEN_TTL_S = 3600;

function token(bytes = 32): string {
  return randomBytes(bytes).toString("hex");
}

export class Sessions {
  private bearers = new Map<string, BearerToken>();
  private sessions = new Map<string, LoginSession>();
  private cbTokens = new Map<string, CbToken>();
  private jwt: JwtIssuer;

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.jwt = new JwtIssuer(now);
  }

  /** A new login never revokes earlier bearers of the same user (choice, docs/emulator.md). */
  login(principal: Principal & { kind: "user" }): LoginSession {
    const s: LoginSession = {
      bearer: token(),
      csrf: token(16),
      sessionId: token(24),
      principal,
      expiresAt: this.now() + this.ttlMs,
    };
    this.sessions.set(s.sessionId, s);
    this.bearers.set(s.bearer, { principal, expiresAt: s.expiresAt, sessionId: s.sessionId });
    return s;
  }

  /** An OAuth 2.0 access token: an RS256 JWT (docs/emulator.md lists its claims). */
  oauth(accountId: string, clientId: string, issuer: string, scope: string): string {
    return this.jwt.issue({ iss: issuer, sub: clientId, aud: accountId, scope, client_id: clientId }, OAUTH_TOKEN_TTL_S);
  }

  bearer(t: string): Principal | undefined {
    const claims = this.jwt.verify(t);
    if (claims) return { kind: "oauth", accountId: claims.aud, clientId: claims.sub };
    const b = this.bearers.get(t);
    if (!b) return undefined;
    if (b.expiresAt <= this.now()) {
      this.bearers.delete(t);
      return undefined;
    }
    return b.principal;
  }

  private liveSession(accountId: string, sessionId: string | undefined, csrf: unknown): LoginSession | undefined {
    if (!sessionId) return undefined;
    const s = this.sessions.get(sessionId);
    if (!s || s.principal.accountId !== accountId || typeof csrf !== "string" || s.csrf !== csrf) return undefined;
    if (s.expiresAt <= this.now()) {
      this.revoke(s);
      return undefined;
    }
    return s;
  }

  /** Extends the session by one TTL; false when the cookie/csrf pair is not a live session. */
  refresh(accountId: string, sessionId: string | undefined, csrf: unknown): boolean {
    const s = this.liveSession(accountId, sessionId, csrf);
    if (!s) return false;
    s.expiresAt = this.now() + this.ttlMs;
    const b = this.bearers.get(s.bearer);
    if (b) b.expiresAt = s.expiresAt;
    return true;
  }

  logout(accountId: string, sessionId: string | undefined, csrf: unknown): boolean {
    const s = this.liveSession(accountId, sessionId, csrf);
    if (!s) return false;
    this.revoke(s);
    return true;
  }

  private revoke(s: LoginSession): void {
    this.sessions.delete(s.sessionId);
    this.bearers.delete(s.bearer);
  }

  exchangeForCb(parent: string, accountId: string): string {
    const t = token();
    this.cbTokens.set(t, { parent, accountId });
    return t;
  }

  cb(t: string): Principal | undefined {
    const c = this.cbTokens.get(t);
    if (!c) return undefined;
    const p = this.bearer(c.parent);
    if (!p) this.cbTokens.delete(t);
    return p;
  }

  clear(): void {
    this.bearers.clear();
    this.sessions.clear();
    this.cbTokens.clear();
    this.jwt = new JwtIssuer(this.now); // a new key: earlier OAuth 2.0 tokens no longer verify
  }
}

/** Parses a Cookie header into a map (only what we need: Session_id). */
export function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}
