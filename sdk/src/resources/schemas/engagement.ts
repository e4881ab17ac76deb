/** Inputs of the Engagement resource (LivePerson `le-campaigns/.../engagements`, reference §6.3). */
import { z } from "zod";
import { CONVERSATION_TYPES } from "../../model/conversationTypes";
import { adoptSchema, flag, idString, must, objectName, oneOf } from "./common";

/** Checked, normalized Engagement inputs. */
export const engagementInputsSchema = z.strictObject({
  /** Campaign the engagement belongs to. Changing it replaces the engagement. */
  campaignId: idString("1487706770"),
  name: objectName('a non-empty engagement name, e.g. "Message us"'),
  /** Skill conversations from this engagement are routed to. */
  skillId: idString(),
  /** Conversation type of the engagement. @default "messaging" */
  channel: oneOf(CONVERSATION_TYPES).default("messaging"),
  /** @default true */
  enabled: flag(true).default(true),
  description: z.string({ error: must("must be a string") }).optional(),
  /** @default false */
  adopt: adoptSchema,
});

/** Engagement inputs after `check`. */
export type EngagementInputs = z.output<typeof engagementInputsSchema>;
/** What a program may pass (before defaults). */
export type EngagementArgs = z.input<typeof engagementInputsSchema>;
