/** Inputs of the Skill resource (LivePerson `le-users/skills`, reference §4.2). */
import { z } from "zod";
import { adoptSchema, flag, idSet, idString, must, objectName, wholeNumber } from "./common";

const seconds = (example: number) => wholeNumber("seconds", example);

/** Checked, normalized Skill inputs. */
export const skillInputsSchema = z.strictObject({
  /** Unique name in the account. Updatable in place (PUT). */
  name: objectName('a non-empty skill name, e.g. "bot-skill"'),
  description: z.string({ error: must("must be a string") }).optional(),
  /** Seconds a conversation may wait in queue. @default 120 */
  maxWaitTime: seconds(120).default(120),
  skillOrder: wholeNumber("positions", 0).optional(),
  wrapUpTime: seconds(0).optional(),
  /** false = conversations can only be requeued to this skill. @default true */
  canTransfer: flag(true).default(true),
  /** Skills this one may transfer to; absent = all. A set: order is ignored. */
  skillTransferList: idSet().optional(),
  fallbackSkill: idString().optional(),
  /** @default true */
  fallbackWhenAllAgentsAreAway: flag(true).default(true),
  slaDefaultResponseTime: seconds(3600).optional(),
  slaUrgentResponseTime: seconds(600).optional(),
  slaFirstTimeResponseTime: seconds(600).optional(),
  autoCloseInSeconds: seconds(3600).optional(),
  transferToAgentMaxWaitInSeconds: seconds(120).optional(),
  /** @default false */
  adopt: adoptSchema,
});

/** Skill inputs after `check`: defaults applied, name trimmed, sets sorted. */
export type SkillInputs = z.output<typeof skillInputsSchema>;
/** What a program may pass (before defaults). */
export type SkillArgs = z.input<typeof skillInputsSchema>;
