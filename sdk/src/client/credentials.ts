/**
 * Credentials and their resolution from Pulumi provider configuration with environment fallbacks.
 * Kept free of Pulumi imports: callers pass a `get(key)` function (e.g. `config.get`).
 */
import { createHash } from "node:crypto";
import { ConfigurationError } from "./errors";
import { registerSecret } from "./redact";

/** Credentials for one LiveEngage account. Which fields are needed depends on the auth method. */
export interface Credentials {
  /** LiveEngage account (site) id. */
  accountId: string;
  /** Domain API host (`host[:port]`, optional scheme). @default "api.liveperson.net" */
  csdsDomain?: string;
  /**
   * A CA certificate to trust besides the system's (PEM text or a file path): the emulator's
   * self-signed one, or a TLS-inspecting proxy's. NODE_EXTRA_CA_CERTS works as well.
   */
  caCert?: string;
  /** Login name: for username/password login and for app-key login. */
  username?: string;
  password?: string;
  /** OAuth 1.0 app-key quadruple of an API user. */
  appKey?: string;
  appSecret?: string;
  accessToken?: string;
  accessTokenSecret?: string;
  /** OAuth 2.0 client credentials. */
  clientId?: string;
  clientSecret?: string;
}

/** How the client authenticates. */
export type AuthMethod = "oauth2" | "appKey" | "password";

/** Credentials whose completeness was checked, with the chosen method. */
export type ResolvedCredentials = Credentials & { authMethod: AuthMethod };

type CredentialField = keyof Credentials;

/** Provider config key and environment variable for each credential field. */
export const CREDENTIAL_SOURCES: Readonly<Record<CredentialField, { configKey: string; envVar: string }>> = {
  accountId: { configKey: "liveengage:accountId", envVar: "LP_ACCOUNT_ID" },
  csdsDomain: { configKey: "liveengage:csdsDomain", envVar: "LP_CSDS_DOMAIN" },
  caCert: { configKey: "liveengage:caCert", envVar: "LP_CA_CERT" },
  username: { configKey: "liveengage:username", envVar: "LP_USERNAME" },
  password: { configKey: "liveengage:password", envVar: "LP_PASSWORD" },
  appKey: { configKey: "liveengage:appKey", envVar: "LP_APP_KEY" },
  appSecret: { configKey: "liveengage:appSecret", envVar: "LP_APP_SECRET" },
  accessToken: { configKey: "liveengage:accessToken", envVar: "LP_ACCESS_TOKEN" },
  accessTokenSecret: { configKey: "liveengage:accessTokenSecret", envVar: "LP_ACCESS_TOKEN_SECRET" },
  clientId: { configKey: "liveengage:clientId", envVar: "LP_CLIENT_ID" },
  clientSecret: { configKey: "liveengage:clientSecret", envVar: "LP_CLIENT_SECRET" },
};

/** Fields whose values are secret (never shown, registered for redaction). */
export const SECRET_FIELDS: readonly CredentialField[] = ["password", "appSecret", "accessToken", "accessTokenSecret", "clientSecret"];

const APP_KEY_FIELDS: readonly CredentialField[] = ["appKey", "appSecret", "accessToken", "accessTokenSecret"];

/**
 * Reads credentials from provider configuration (`get("liveengage:…")`), falling back to the
 * `LP_*` environment variables, and checks that one auth method is complete.
 * @throws ConfigurationError naming the missing keys (never their values).
 */
export function resolveCredentials(get: (key: string) => string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedCredentials {
  const creds: Partial<Credentials> = {};
  for (const field of Object.keys(CREDENTIAL_SOURCES) as CredentialField[]) {
    const { configKey, envVar } = CREDENTIAL_SOURCES[field];
    const value = nonEmpty(get(configKey)) ?? nonEmpty(env[envVar]);
    if (value !== undefined) creds[field] = value;
  }
  return checkCredentials(creds);
}

/**
 * Picks the auth method of already-assembled credentials: OAuth 2.0 when a client id or secret is
 * set, else the app-key quadruple when any of its parts is set, else username/password.
 * @throws ConfigurationError naming the missing keys.
 */
export function checkCredentials(creds: Partial<Credentials>): ResolvedCredentials {
  const has = (f: CredentialField): boolean => nonEmpty(creds[f]) !== undefined;
  registerSecret(...SECRET_FIELDS.map((f) => creds[f]));
  let method: AuthMethod;
  let required: CredentialField[];
  if (has("clientId") || has("clientSecret")) {
    method = "oauth2";
    required = ["accountId", "clientId", "clientSecret"];
  } else if (APP_KEY_FIELDS.some(has)) {
    method = "appKey";
    required = ["accountId", "username", ...APP_KEY_FIELDS];
  } else {
    method = "password";
    required = ["accountId", "username", "password"];
  }
  const missing = required.filter((f) => !has(f));
  if (missing.length > 0) {
    const names = missing.map((f) => `${CREDENTIAL_SOURCES[f].configKey} (or ${CREDENTIAL_SOURCES[f].envVar})`);
    const how = method === "oauth2" ? "OAuth 2.0 client credentials" : method === "appKey" ? "app-key login" : "username/password login";
    throw new ConfigurationError(`LiveEngage ${how} is missing configuration: ${names.join(", ")}`, names);
  }
  return { ...(creds as Credentials), authMethod: method };
}

/**
 * A stable, non-secret identity for a set of credentials: account, Domain API host, method, the
 * public identifier and a hash of the secret material (so a wrong password never shares a session
 * with the right one).
 */
export function credentialIdentity(creds: ResolvedCredentials): string {
  const who = creds.authMethod === "oauth2" ? creds.clientId : creds.username;
  const secretMaterial = [creds.password, creds.appKey, creds.appSecret, creds.accessToken, creds.accessTokenSecret, creds.clientSecret]
    .map((s) => s ?? "")
    .join("\u0000");
  const digest = createHash("sha256").update(secretMaterial).digest("hex").slice(0, 16);
  return [creds.accountId, creds.csdsDomain ?? "", creds.authMethod, who ?? "", digest].join("|");
}

function nonEmpty(v: string | undefined): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}
