/**
 * The custom configuration flags of a Conversation Builder agent connector, as one declarative table.
 *
 * Source: the "Flags" table of the seed page "Deploying to LiveEngage" (29 keys, with its Messaging /
 * Chat / Required columns copied verbatim). Everything else here (schemas, wire conversion, docs) is
 * derived from this table so the rules live in exactly one place.
 *
 * Part of the model (sdk/src/model): no imports but the model's own. The client, the emulator, the
 * resources, the components and the CLI all read the table from here.
 */
import type { ConversationType } from "./conversationTypes";
import { DEFAULT_ROLE, ROLES } from "./roles";
import { isMasked } from "./secretMask";

/** How a flag's value is typed on our side. On the wire every value is a string (the UI sends strings). */
export type FlagType =
  | { readonly kind: "string" }
  | { readonly kind: "integer"; readonly unit: "milliseconds" | "count"; readonly min: number }
  | { readonly kind: "boolean" }
  | { readonly kind: "enum"; readonly values: readonly string[] };

/**
 * Who sets a flag instead of the user's `flags` map.
 * - `input`: a first-class BotConnector input that travels as this flag on the wire.
 * - `provider`: filled by the provider from other inputs (account, agent login).
 */
export type FlagManagement = { readonly by: "input"; readonly input: string } | { readonly by: "provider"; readonly from: string };

/** One row of the seed's Flags table. */
export interface FlagSpec {
  readonly type: FlagType;
  /** The seed's default; `null` means "unset" (nothing is sent). */
  readonly default: string | number | boolean | null;
  /** The table's "Messaging" column (Y = true). */
  readonly messaging: boolean;
  /** The table's "Chat" column (Y = true). */
  readonly chat: boolean;
  /** The table's "Required" column (Y = true); see the credential rule in schemas/botConnector.ts. */
  readonly required: boolean;
  /**
   * Write-only: masked on read (the emulator, the client's defence in depth), redacted in the
   * client's messages, kept apart as a secret input in Pulumi state. Decided here, once, per flag.
   */
  readonly secret: boolean;
  readonly description: string;
  readonly managed?: FlagManagement;
  /** Per-agent login credentials used by the running connector (password, or the OAuth 1.0 quadruple). */
  readonly credential?: "password" | "appKey";
}

const str = { kind: "string" } as const;
const bool = { kind: "boolean" } as const;
const ms = (min = 0) => ({ kind: "integer", unit: "milliseconds", min }) as const;
const count = (min = 0) => ({ kind: "integer", unit: "count", min }) as const;

/** The seed's Flags table, in its order. */
export const FLAG_SPECS = {
  lpAccountId: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: true,
    secret: false,
    description: "LE account id.",
    managed: { by: "provider", from: "the provider's account configuration" },
  },
  lpAccountUser: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: true,
    secret: false,
    description: "LE account user name (the bot agent's login name).",
    managed: { by: "provider", from: "the 'agent' input" },
  },
  lpPassword: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: true,
    secret: true,
    description: "LE account password.",
    credential: "password",
  },
  // Secrecy of the OAuth 1.0 quadruple, decided once: the app key is an identifier any admin reads on
  // the bot user (`allowedAppKeys`, BotAgent's plain `allowedAppKey`), so it is not secret; the access
  // token is (like the provider's own `liveengage:accessToken`, a secret config value), and so are the
  // two signing secrets.
  lpAppKey: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: true,
    secret: false,
    description: "LE app key, if OAuth authentication is selected.",
    credential: "appKey",
  },
  lpAppSecret: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: true,
    secret: true,
    description: "LE app secret, if OAuth authentication is selected.",
    credential: "appKey",
  },
  lpAccessToken: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: true,
    secret: true,
    description: "LE access token, if OAuth authentication is selected.",
    credential: "appKey",
  },
  lpAccessTokenSecret: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: true,
    secret: true,
    description: "LE access token secret, if OAuth authentication is selected.",
    credential: "appKey",
  },
  csdsDomain: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: false,
    secret: false,
    description: "CSDS domain for reaching LiveEngage servers; only LP QA accounts need it.",
  },
  lpUserRole: {
    type: { kind: "enum", values: ROLES },
    default: DEFAULT_ROLE,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Whether the user is an agent or an agent manager.",
    managed: { by: "input", input: "role" },
  },
  enableAccessibility: {
    type: bool,
    default: true,
    messaging: true,
    chat: true,
    required: false,
    secret: false,
    description: "Adds the tooltip attribute to sent fields for accessibility.",
    managed: { by: "input", input: "accessibility" },
  },
  fallbackSkillId: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: false,
    secret: false,
    description: "Skill to escalate to when the bot does not answer within fallbackEscalationTime.",
    managed: { by: "input", input: "fallbackSkillId" },
  },
  fallbackEscalationTime: {
    type: ms(),
    default: 180000,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Milliseconds before the fallback escalation is invoked.",
  },
  defaultGreetingMessage: {
    type: str,
    default: "hi",
    messaging: true,
    chat: true,
    required: false,
    secret: false,
    description: "Greeting sent to the bot when the user connects.",
  },
  defaultStepupMessage: {
    type: str,
    default: "_STEPUP_",
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Message sent to the bot when step-up authentication happens.",
  },
  messageDelay: {
    type: ms(),
    default: 300,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Milliseconds to aggregate consecutive user messages into one.",
  },
  skipAgentMessage: {
    type: bool,
    default: false,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Ignore a trailing agent message so the bot sees the last consumer message first.",
  },
  tileDisplay: {
    type: { kind: "enum", values: ["vertical", "horizontal"] },
    default: "vertical",
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Vertical or horizontal display of rich structured content.",
  },
  // The seed calls this a retry count, but the connector treats it as the total number of tries, so 0
  // would never send at all (reference §7.3): the minimum is 1.
  messageResendMaxRetries: {
    type: count(1),
    default: 1,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "How many times a message is sent to the chat server when no bot response arrives.",
  },
  retryMessageInterval: {
    type: ms(),
    default: 30000,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Milliseconds to wait before re-sending a message.",
  },
  maxEscalationRetries: {
    type: count(),
    default: 5,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Maximum number of agent-escalation-failed messages sent.",
  },
  ringAcceptWait: {
    type: ms(),
    default: 100,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Milliseconds to wait before the bot accepts a ring from UMS.",
  },
  // N for both columns: the table lists it but marks it supported for no conversation type, so it is
  // refused everywhere rather than silently sent (see schemas/connectorFlags.ts).
  useRedis: {
    type: { kind: "enum", values: ["WEBSOCKET", "REDIS"] },
    default: "WEBSOCKET",
    messaging: false,
    chat: false,
    required: false,
    secret: false,
    description: "REDIS uses a Redis queue instead of the WebSocket connection.",
  },
  externalWebhookUrl: {
    type: str,
    default: null,
    messaging: true,
    chat: true,
    required: false,
    secret: false,
    description: "URL the HTTP connector posts messages to.",
    managed: { by: "input", input: "externalWebhookUrl" },
  },
  externalWebhookAPIKey: {
    type: str,
    default: null,
    messaging: true,
    chat: false,
    required: false,
    secret: true,
    description: "API key sent to the external webhook as 'Bearer {key}'.",
  },
  apigee_auth_url: {
    type: str,
    default: null,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Apigee auth API field (AllState).",
  },
  apigee_grant_type: {
    type: str,
    default: null,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Apigee auth API field (AllState).",
  },
  apigee_audience: {
    type: str,
    default: null,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Apigee auth API field (AllState).",
  },
  apigee_client_id: {
    type: str,
    default: null,
    messaging: true,
    chat: false,
    required: false,
    secret: false,
    description: "Apigee auth API field (AllState).",
  },
  apigee_client_secret: {
    type: str,
    default: null,
    messaging: true,
    chat: false,
    required: false,
    secret: true,
    description: "Apigee auth API field (AllState).",
  },
} as const satisfies Record<string, FlagSpec>;

/** A key of the seed's Flags table. */
export type FlagKey = keyof typeof FLAG_SPECS;

/** The TypeScript type of a flag's value, derived from its {@link FlagType}. */
export type FlagValueOf<T extends FlagType> = T extends { kind: "integer" }
  ? number
  : T extends { kind: "boolean" }
    ? boolean
    : T extends { kind: "enum"; values: readonly (infer V)[] }
      ? V
      : string;

/** Typed values for any subset of the table. */
export type FlagValues = { -readonly [K in FlagKey]?: FlagValueOf<(typeof FLAG_SPECS)[K]["type"]> };

export type { ConversationType } from "./conversationTypes";

/** All 29 keys, in the table's order. */
export const FLAG_KEYS = Object.keys(FLAG_SPECS) as FlagKey[];

/** Whether `key` is a key of the seed's Flags table. */
export function isFlagKey(key: string): key is FlagKey {
  return Object.prototype.hasOwnProperty.call(FLAG_SPECS, key);
}

/** The spec of one flag (widened to {@link FlagSpec}). */
export function flagSpec(key: FlagKey): FlagSpec {
  return FLAG_SPECS[key];
}

/** Flags whose values are secrets (masked by LivePerson on read). */
export const SECRET_FLAG_KEYS: readonly FlagKey[] = FLAG_KEYS.filter((k) => flagSpec(k).secret);

/** Flags set from first-class inputs or by the provider, mapped to where they come from. */
export const MANAGED_FLAG_KEYS: readonly FlagKey[] = FLAG_KEYS.filter((k) => flagSpec(k).managed !== undefined);

/** The OAuth 1.0 app-key quadruple, which must be given all together. */
export const APP_KEY_FLAG_KEYS: readonly FlagKey[] = FLAG_KEYS.filter((k) => flagSpec(k).credential === "appKey");

/** The bot user's login credentials (password, or the app-key quadruple): one set per agent. */
export const CREDENTIAL_FLAG_KEYS: readonly FlagKey[] = FLAG_KEYS.filter((k) => flagSpec(k).credential !== undefined);

/** {@link CREDENTIAL_FLAG_KEYS} as a type. */
export type CredentialFlagKey = { [K in FlagKey]: (typeof FLAG_SPECS)[K] extends { credential: string } ? K : never }[FlagKey];

/**
 * Keys whose values legitimately differ between the duplicate agents of one bot: the agent's login
 * name and credentials, and every write-only secret (it cannot be read back to compare).
 */
export const PER_AGENT_FLAG_KEYS: readonly FlagKey[] = FLAG_KEYS.filter(
  (k) => k === "lpAccountUser" || flagSpec(k).credential !== undefined || flagSpec(k).secret,
);

/** Whether the table's column for `conversationType` says Y. */
export function flagAppliesTo(key: FlagKey, conversationType: ConversationType): boolean {
  return flagSpec(key)[conversationType];
}

/**
 * Fills in the seed's defaults for every flag that applies to `conversationType`, is not managed and
 * has a non-null default. Given values win. Flags that do not apply get no default (they would be refused).
 */
export function applyFlagDefaults(flags: FlagValues, conversationType: ConversationType): FlagValues {
  const out: Record<string, unknown> = {};
  for (const key of FLAG_KEYS) {
    const spec = flagSpec(key);
    const given = (flags as Record<string, unknown>)[key];
    if (given !== undefined && given !== null) out[key] = given;
    else if (spec.default !== null && spec.managed === undefined && flagAppliesTo(key, conversationType)) {
      out[key] = spec.default;
    }
  }
  return out as FlagValues;
}

/**
 * The wire form of flags: every value a string (booleans "true"/"false", integers in decimal),
 * null/undefined omitted. Keys keep the table's order so the body is stable.
 */
export function flagsToConfigurations(flags: FlagValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FLAG_KEYS) {
    const value = flags[key];
    if (value === undefined || value === null) continue;
    out[key] = typeof value === "number" ? value.toFixed(0) : String(value);
  }
  return out;
}

/**
 * Parses a wire `configurations` map back into typed flags, tolerantly: keys outside the table go to
 * `extra`; values that do not parse as their type are kept as strings in `extra` too rather than thrown
 * away, so a refresh never loses data. Masked secrets ("********") are dropped: they cannot be read back.
 */
export function configurationsToFlags(cfg: Readonly<Record<string, string>>): { flags: FlagValues; extra: Record<string, string> } {
  const flags: Record<string, unknown> = {};
  const extra: Record<string, string> = {};
  for (const [key, raw] of Object.entries(cfg ?? {})) {
    if (typeof raw !== "string") continue;
    if (!isFlagKey(key)) {
      extra[key] = raw;
      continue;
    }
    const spec = flagSpec(key);
    if (spec.secret && isMasked(raw)) continue;
    const parsed = parseWireValue(spec.type, raw);
    if (parsed === undefined) extra[key] = raw;
    else flags[key] = parsed;
  }
  return { flags: flags as FlagValues, extra };
}

function parseWireValue(type: FlagType, raw: string): string | number | boolean | undefined {
  const text = raw.trim();
  switch (type.kind) {
    case "string":
      return raw;
    case "boolean": {
      const lower = text.toLowerCase(); // the seed writes "TRUE"
      return lower === "true" ? true : lower === "false" ? false : undefined;
    }
    case "integer":
      return /^-?\d+$/.test(text) ? Number(text) : undefined;
    case "enum":
      return type.values.find((v) => v.toLowerCase() === text.toLowerCase());
  }
}

/**
 * What a valid value of `key` looks like, for error messages ("a whole number of milliseconds ≥ 0, e.g. 300").
 * Never mentions the value given.
 */
export function describeFlagExpectation(key: FlagKey): string {
  const spec = flagSpec(key);
  const type: FlagType = spec.type;
  switch (type.kind) {
    case "string":
      return "a non-empty string";
    case "boolean":
      return `true or false, e.g. ${String(spec.default ?? false)}`;
    case "integer": {
      const noun = type.unit === "milliseconds" ? "a whole number of milliseconds" : "a whole number";
      return `${noun} ≥ ${type.min}, e.g. ${String(spec.default ?? type.min)}`;
    }
    case "enum":
      return `one of ${type.values.map((v) => `"${v}"`).join(", ")}`;
  }
}
