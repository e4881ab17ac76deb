/** Conversation Builder wire shapes: bots, agent connectors, statuses (wire contract §4–§5). */
import { z } from "zod";
import type { ConversationType } from "../../model/conversationTypes";
import { SECRET_FLAG_KEYS } from "../../model/flags";
import { SECRET_MASK } from "../../model/secretMask";
import { readStatus, type StatusReading } from "../../model/connectorStatus";
import { stringId } from "./common";

/** What the CB services return for secret configuration values (the model's mask). */
export const MASKED_SECRET = SECRET_MASK;

/** Configuration keys whose values are secrets: never returned by a read (the model's secret flags). */
export const SECRET_CONFIGURATION_KEYS: readonly string[] = SECRET_FLAG_KEYS;

/** Deploy target; `STAGING` is the UI's "Demo". */
export type DeploymentEnvironment = "PRODUCTION" | "STAGING";
/** Conversation type of a connector. */
export type ConnectorType = ConversationType;
/**
 * Connector status word as the service sends it: the seed's CONNECTED / NOT_CONNECTED / STOPPED, or a
 * later generation's (READY_TO_START, ONLINE, OFFLINE…); `model/connectorStatus.ts` maps them all.
 */
export type ConnectorStatus = string;

/** Every CB response is wrapped; `successResult` holds the payload. */
export function cbEnvelope<T extends z.ZodType>(result: T) {
  return z.object({ success: z.literal(true), message: z.string().nullish(), successResult: result });
}

// Configuration values are strings on the wire; tolerate numbers/booleans from other producers.
const configurationsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).transform((c) =>
  maskSecrets(
    Object.fromEntries(
      Object.entries(c)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, String(v)]),
    ),
  ),
);

/** An agent connector as read. Secret configuration values are always `"********"`. */
export const connectorSchema = z.object({
  lpAccountId: stringId,
  lpAccountUser: z.string(),
  lpUserId: stringId,
  botId: z.string(),
  type: z.string(),
  deploymentEnvironment: z.string(),
  configurations: configurationsSchema.nullish().transform((c) => c ?? {}),
  status: z.string().nullish(),
  lastManualOperation: z.string().nullish(),
  manualOperationTs: z.number().nullish(),
  createTime: z.number().nullish(),
  updateTime: z.number().nullish(),
});
export type Connector = z.infer<typeof connectorSchema>;

/** Body of add / edit connector. */
export interface ConnectorInput {
  deploymentEnvironment: DeploymentEnvironment;
  type: ConnectorType;
  lpAccountId: string;
  /** Login name of the bot user. */
  lpAccountUser: string;
  botId: string;
  /**
   * String map: `lpUserRole`, `enableAccessibility`, `fallbackSkillId`, `externalWebhookUrl`,
   * the bot user's credentials (`lpPassword` or the app-key quadruple) and custom keys.
   */
  configurations: Record<string, string>;
}

/** A connector's entry in the bot status. */
export const connectorStatusSchema = z.object({
  lpAccountUser: z.string().nullish(),
  lpUserId: stringId,
  status: z.string(),
  reasons: z.array(z.string()).nullish(),
  components: z
    .array(z.object({ name: z.string(), ok: z.boolean(), reason: z.string().nullish() }))
    .nullish()
    .transform((c) => c ?? []),
  since: z.union([z.number(), z.string()]).nullish(),
  /** The Bot Status app's connection levels, when the service reports them. */
  conversationalCloudConnection: z.string().nullish(),
  botServerConnection: z.string().nullish(),
});
export type ConnectorStatusEntry = z.infer<typeof connectorStatusSchema>;

/** "component: reason" for every failing component of a status entry. */
export function failingComponents(entry: Pick<ConnectorStatusEntry, "components"> | undefined): string[] {
  return (entry?.components ?? []).filter((c) => !c.ok).map((c) => `${c.name}: ${c.reason ?? "failed"}`);
}

/**
 * A status entry in the model's terms (display status, phase, raw word, reasons).
 * @throws UnknownStatusWordError for a word nobody documented.
 */
export function statusReading(entry: ConnectorStatusEntry): StatusReading {
  return readStatus(entry.status, {
    failing: failingComponents(entry),
    reasons: entry.reasons,
    levels: { conversationalCloud: entry.conversationalCloudConnection, botServer: entry.botServerConnection },
  });
}

/** Status of all connectors of one bot. */
export const botStatusSchema = z.object({
  botId: z.string().nullish(),
  agents: z
    .array(connectorStatusSchema)
    .nullish()
    .transform((a) => a ?? []),
});
export type BotStatus = z.infer<typeof botStatusSchema>;

/** A Conversation Builder bot (listing only; unknown fields dropped). */
export const botSchema = z
  .object({ id: z.string().optional(), chatBotId: z.string().optional(), name: z.string().nullish(), chatBotType: z.string().nullish() })
  .refine((b) => b.id !== undefined || b.chatBotId !== undefined, "bot has no id")
  .transform((b) => ({ id: (b.id ?? b.chatBotId)!, name: b.name ?? undefined, chatBotType: b.chatBotType ?? undefined }));
export type Bot = z.infer<typeof botSchema>;

/** Replaces any secret configuration value by the mask (defence in depth: the API masks them too). */
export function maskSecrets(configurations: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...configurations };
  for (const k of SECRET_CONFIGURATION_KEYS) if (out[k] !== undefined && out[k] !== "") out[k] = MASKED_SECRET;
  return out;
}
