// OAuth 2.0 access tokens as LivePerson's sentinel issues them: RS256-signed JWTs with `exp`, `iat`,
// `aud` and `scope` (LivePerson's Functions client decodes the token and reads `exp`). The key pair
// lives in memory: a restarted emulator no longer accepts earlier tokens, as with every other token.
import { createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from "crypto";

export interface AccessTokenClaims {
  /** Issuer: the sentinel service of the emulator. */
  iss: string;
  /** The OAuth client id. */
  sub: string;
  /** The account the token is valid for. */
  aud: string;
  iat: number;
  exp: number;
  /** Space-separated scopes granted (those asked for; none asked = ""). */
  scope: string;
  jti: string;
  client_id: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export class JwtIssuer {
  private pair?: { privateKey: KeyObject; publicKey: KeyObject };
  readonly kid = randomBytes(8).toString("hex");

  constructor(private readonly now: () => number = Date.now) {}

  /** Generated on the first token: most emulator runs never issue one, and RSA keys take a while. */
  private keys(): { privateKey: KeyObject; publicKey: KeyObject } {
    return (this.pair ??= generateKeyPairSync("rsa", { modulusLength: 2048 }));
  }

  issue(claims: Omit<AccessTokenClaims, "iat" | "exp" | "jti">, ttlSeconds: number): string {
    const iat = Math.floor(this.now() / 1000);
    const payload: AccessTokenClaims = { ...claims, iat, exp: iat + ttlSeconds, jti: randomBytes(12).toString("hex") };
    const signingInput = `${b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: this.kid }))}.${b64url(JSON.stringify(payload))}`;
    const signature = createSign("RSA-SHA256").update(signingInput).sign(this.keys().privateKey);
    return `${signingInput}.${b64url(signature)}`;
  }

  /** The claims of a token this issuer signed and that has not expired; undefined otherwise. */
  verify(token: string): AccessTokenClaims | undefined {
    const parts = token.split(".");
    if (parts.length !== 3 || !this.pair) return undefined;
    const [h, p, s] = parts as [string, string, string];
    try {
      const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as { alg?: string; kid?: string };
      if (header.alg !== "RS256" || header.kid !== this.kid) return undefined;
      if (!createVerify("RSA-SHA256").update(`${h}.${p}`).verify(this.pair.publicKey, Buffer.from(s, "base64url"))) return undefined;
      const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as AccessTokenClaims;
      if (typeof claims.exp !== "number" || claims.exp * 1000 <= this.now()) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }
}
