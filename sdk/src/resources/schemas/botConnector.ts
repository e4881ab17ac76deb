/**
 * Inputs of the BotConnector resource: a Conversation Builder agent connector binding a bot to a
 * bot user (reference §7, wire contract §5).
 */
import { DEFAULT_CONNECT_TIMEOUT_SECONDS } from "../../model/connectorStatus";
import { z } from "zod";
import { hasUrlCredentials, isAllowedWebhookUrl } from "../../model/webhookUrl";
import {
  APP_KEY_FLAG_KEYS,
  FLAG_KEYS,
  FlagValues,
  SECRET_FLAG_KEYS,
  applyFlagDefaults,
  flagAppliesTo,
  flagsToConfigurations,
} from "../flags";
import { CONVERSATION_TYPES } from "../../model/conversationTypes";
import { DEFAULT_ROLE } from "../../model/roles";
import { loginNameSchema } from "./botAgent";
import { adoptSchema, flag, idString, must, nonEmpty, oneOf, ROLES, wholeNumber } from "./common";
import { ConnectorFlags, connectorFlagsSchema, customConfigurationsSchema, flagRefusal } from "./connectorFlags";

const WEBHOOK_MSG = must('must be an https:// URL (http:// only for loopback hosts), e.g. "https://hooks.example.com/bot"');

const WEBHOOK_CREDENTIALS_MSG = must(
  "must not carry credentials (https://user:password@…): a URL is printed by preview and " +
    "stored in plaintext in state; remove them from the URL and put the key in the secret flag externalWebhookAPIKey " +
    "(sent to the webhook as 'Bearer <key>'; e.g. flags.externalWebhookAPIKey = config.requireSecret(\"hookKey\"))",
);

const baseSchema = z.strictObject({
  /** Conversation Builder bot id. Changing it replaces the connector. */
  botId: nonEmpty('a Conversation Builder bot id, e.g. "a1b2c3d4-..."'),
  /** Login name of the bot user (`lpAccountUser`). Changing it replaces the connector. */
  agent: loginNameSchema,
  /** LivePerson user id of the bot user; looked up from `agent` when absent. */
  agentUserId: idString("3705342610").optional(),
  /** Must match the account's conversation type. Changing it replaces the connector. */
  conversationType: oneOf(CONVERSATION_TYPES),
  /** Must match the bot user's profile; sent as `lpUserRole`. @default "ASSIGNED_AGENT" */
  role: oneOf(ROLES).default(DEFAULT_ROLE),
  /** "demo" (STAGING) or "production" (needs Bot Status Access). @default "demo" */
  environment: oneOf(["demo", "production"] as const).default("demo"),
  /** Started (true) or stopped (false); an in-place update. @default true */
  running: flag(true).default(true),
  /** HTTP connector target instead of WebSocket; sent as `externalWebhookUrl`. */
  externalWebhookUrl: z
    .string({ error: WEBHOOK_MSG })
    .refine(isAllowedWebhookUrl, { error: WEBHOOK_MSG })
    .refine((u) => !hasUrlCredentials(u), { error: WEBHOOK_CREDENTIALS_MSG })
    .optional(),
  /** Escalation skill; sent as `fallbackSkillId`. */
  fallbackSkillId: idString().optional(),
  /** Adds tooltip attributes; sent as `enableAccessibility`. @default true */
  accessibility: flag(true).default(true),
  /**
   * Typed flags of the seed's table; defaults applied for the conversation type. Secret flags given
   * here move to `secretFlags` (the BotConnector class already sends them there). @default {}
   */
  flags: connectorFlagsSchema.default({}),
  /**
   * The secret flags (credentials, API keys): a top-level input of their own, so that they are
   * secret in state while `flags` stays readable in previews (Pulumi marks a whole top-level
   * property secret when anything inside it is).
   */
  secretFlags: connectorFlagsSchema.optional(),
  /** Extra string pairs for keys outside the table (passed through unchecked, with a warning). */
  customConfigurations: customConfigurationsSchema.optional(),
  /** How long `create`/`update` wait for the connector to report Connected. @default 600 */
  connectTimeoutSeconds: wholeNumber("seconds", DEFAULT_CONNECT_TIMEOUT_SECONDS, 1).default(DEFAULT_CONNECT_TIMEOUT_SECONDS),
  /**
   * Set by BotDeployment's rolling rollout: the connectors of one `group` restart one at a time
   * (each back to Connected before the next stops), while their first creation runs all at once.
   * Steers only the provider (see resources/rolloutGate.ts).
   */
  rollout: z.strictObject({ group: z.string().min(1), member: z.string().min(1) }).optional(),
  /** @default false */
  adopt: adoptSchema,
});

function isSet(flags: Record<string, unknown>, key: string): boolean {
  return flags[key] !== undefined && flags[key] !== null;
}

/** The Chat column and the credential rule: both need `conversationType` and `flags` together. */
function refineConnector(v: unknown, ctx: z.RefinementCtx): void {
  if (typeof v !== "object" || v === null) return;
  const { conversationType, flags, secretFlags } = v as { conversationType?: unknown; flags?: unknown; secretFlags?: unknown };
  if (typeof flags !== "object" || flags === null) return;
  // The rules read the flags wherever the program put them; issues name them as the program wrote them.
  const given = { ...(flags as Record<string, unknown>), ...(typeof secretFlags === "object" ? secretFlags : {}) };
  if (conversationType === "chat") {
    for (const key of FLAG_KEYS) {
      if (isSet(given, key) && flagRefusal(key) === undefined && !flagAppliesTo(key, "chat")) {
        ctx.addIssue({
          code: "custom",
          path: ["flags", key],
          message: must(
            'only applies to messaging connectors (the flags table marks it N for chat); remove it or set conversationType to "messaging"',
          ),
        });
      }
    }
  }
  const hasPassword = isSet(given, "lpPassword");
  const keys = APP_KEY_FLAG_KEYS.filter((k) => isSet(given, k));
  const quad = APP_KEY_FLAG_KEYS.join(", ");
  if (hasPassword && keys.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["flags", "lpPassword"],
      message: must(
        `cannot be combined with the app-key flags (${quad}): the connector logs in with either a password or the app-key quadruple`,
      ),
    });
  } else if (!hasPassword && keys.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["flags", "lpPassword"],
      message: must(`is required, or all of ${quad} instead: the running connector logs in as the bot agent with one of them`),
    });
  } else if (!hasPassword) {
    for (const k of APP_KEY_FLAG_KEYS.filter((k) => !keys.includes(k))) {
      ctx.addIssue({
        code: "custom",
        path: ["flags", k],
        message: must(`is required with the other app-key flags: give all of ${quad}, or flags.lpPassword instead`),
      });
    }
  }
}

/** Checked, normalized BotConnector inputs: defaults applied once, secret flags in `secretFlags` only. */
export const botConnectorInputsSchema = baseSchema
  .superRefine(refineConnector, { when: () => true })
  .transform(({ secretFlags: givenSecrets, ...v }) => {
    const flags: Record<string, unknown> = {};
    const secretFlags: Record<string, unknown> = { ...givenSecrets };
    for (const [k, value] of Object.entries(applyFlagDefaults(v.flags as FlagValues, v.conversationType))) {
      (isSecretFlag(k) ? secretFlags : flags)[k] = value;
    }
    return {
      ...v,
      flags: flags as ConnectorFlags,
      ...(Object.keys(secretFlags).length > 0 ? { secretFlags: secretFlags as ConnectorFlags } : {}),
    };
  });

const isSecretFlag = (key: string) => (SECRET_FLAG_KEYS as readonly string[]).includes(key);

/** BotConnector inputs after `check`. */
export type BotConnectorInputs = z.output<typeof botConnectorInputsSchema>;
/** What a program may pass (before defaults). */
export type BotConnectorArgs = z.input<typeof botConnectorInputsSchema>;

/**
 * The wire `configurations` of a connector: the managed flags from first-class inputs, then the typed
 * flags, then `customConfigurations`. Role is sent for chat too: the current docs make Role a field of
 * every connector and the connector checks it against the user's profile.
 */
export function connectorConfigurations(inputs: BotConnectorInputs, accountId: string): Record<string, string> {
  const managed: FlagValues = {
    lpAccountId: accountId,
    lpAccountUser: inputs.agent,
    lpUserRole: inputs.role,
    enableAccessibility: inputs.accessibility,
    fallbackSkillId: inputs.fallbackSkillId,
    externalWebhookUrl: inputs.externalWebhookUrl,
  };
  return { ...flagsToConfigurations({ ...managed, ...inputs.flags, ...inputs.secretFlags }), ...inputs.customConfigurations };
}

export { hasUrlCredentials, isAllowedWebhookUrl };
