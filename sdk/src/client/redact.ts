/**
 * Credential redaction. Two layers, because neither alone is enough:
 * - every secret the client has handled (configured secrets, bearers, csrf, CB tokens) is
 *   registered here and replaced wherever it appears, whatever the surrounding text looks like;
 * - pattern rules catch credential-shaped text we never saw (a bearer in a server message,
 *   `client_secret=` in a URL, a password echoed back in a JSON body).
 */
import { SECRET_FLAG_KEYS } from "../model/flags";

/** What replaces a secret. */
export const REDACTED = "[REDACTED]";

// Values shorter than this are not registered: replacing e.g. "1" everywhere would mangle
// messages while protecting nothing a reader could use.
const MIN_SECRET_LENGTH = 4;
const knownSecrets = new Set<string>();

/** Registers values that must never appear in a message, log line or error property. */
export function registerSecret(...values: Array<string | undefined | null>): void {
  for (const v of values) if (typeof v === "string" && v.length >= MIN_SECRET_LENGTH) knownSecrets.add(v);
}

/** Credential-like keys of the client's own protocols; the secret connector flags come from the model. */
const PROTOCOL_KEY_NAMES = [
  "password",
  "passwordSh",
  "secret",
  "appSecret",
  "accessToken",
  "accessTokenSecret",
  "access_token",
  "client_secret",
  "clientSecret",
  "token",
  "bearer",
  "csrf",
  "wsuk",
  "apiAccessToken",
  "apiAccessPermToken",
  "Session_id",
  "cookie",
  "authorization",
];
const KEY_NAMES = [...PROTOCOL_KEY_NAMES, ...SECRET_FLAG_KEYS].join("|");

const PATTERNS: Array<[RegExp, string]> = [
  // Authorization header values, wherever they are quoted: "Bearer abc", "OAuth oauth_…".
  [/\bOAuth\s+[a-z_]+="[^"]*"(?:\s*,\s*[a-z_]+="[^"]*")*/gi, `OAuth ${REDACTED}`],
  [/\b(Bearer|OAuth)\s+[^\s"',}]+/gi, `$1 ${REDACTED}`],
  // JSON "key": "value" pairs for credential-like keys.
  [new RegExp(`("(?:${KEY_NAMES})"\\s*:\\s*)"[^"]*"`, "gi"), `$1"${REDACTED}"`],
  // key=value in query strings, form bodies and cookies.
  [new RegExp(`\\b(${KEY_NAMES})=([^&\\s;"',]+)`, "gi"), `$1=${REDACTED}`],
  // "Authorization: xyz" / "cookie: xyz" header dumps.
  [/\b(authorization|cookie|set-cookie)\s*:\s*[^\n]+/gi, `$1: ${REDACTED}`],
];

/** Returns `text` with every registered secret and credential-shaped fragment replaced. */
export function redact(text: string): string {
  let out = text;
  // Longest first so a secret containing a shorter one is removed whole.
  for (const s of [...knownSecrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Forgets registered secrets. @internal For tests. */
export function clearRegisteredSecrets(): void {
  knownSecrets.clear();
}
