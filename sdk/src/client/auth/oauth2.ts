/**
 * OAuth 2.0 client credentials from `sentinel` (wire contract §2, RFC 6749 §4.4).
 */
import { z } from "zod";
import type { ResolvedCredentials } from "../credentials";
import type { HttpCore } from "../http";
import { registerSecret } from "../redact";
import type { SessionToken } from "./session";

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
});

// RFC 6749 makes expires_in optional; LivePerson issues one-hour tokens.
const DEFAULT_EXPIRES_IN_S = 3600;

/** Obtains an access token for `creds.clientId` / `creds.clientSecret`. */
export async function fetchClientCredentialsToken(http: HttpCore, origin: string, creds: ResolvedCredentials): Promise<SessionToken> {
  return http.send({
    method: "POST",
    origin,
    path: `/sentinel/api/account/${encodeURIComponent(creds.accountId)}/app/token`,
    form: { client_id: creds.clientId ?? "", client_secret: creds.clientSecret ?? "", grant_type: "client_credentials" },
    login: true,
    // Issuing a second token has no side effect worth guarding against.
    idempotent: true,
    parse: (res) => {
      const parsed = tokenResponseSchema.parse(res.body);
      registerSecret(parsed.access_token);
      return { value: parsed.access_token, expiresAt: Date.now() + (parsed.expires_in ?? DEFAULT_EXPIRES_IN_S) * 1000 };
    },
  });
}
