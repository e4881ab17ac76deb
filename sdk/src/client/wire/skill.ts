/** Skill wire shapes (reference §4.2, wire contract §3). */
import { z } from "zod";
import { numericId, pickDefined, withoutNulls } from "./common";

const routingSchema = z.object({ agentGroupId: numericId, priority: z.number(), splitPercentage: z.number() });

/** A skill as read from Account Config. */
export const skillSchema = z.object({
  id: numericId,
  name: z.string(),
  deleted: z.boolean().optional(),
  description: z.string().nullish(),
  skillOrder: z.number().nullish(),
  maxWaitTime: z.number().nullish(),
  wrapUpTime: z.number().nullish(),
  canTransfer: z.boolean().nullish(),
  skillTransferList: z.array(numericId).nullish(),
  fallbackSkill: numericId.nullish(),
  fallbackWhenAllAgentsAreAway: z.boolean().nullish(),
  skillRoutingConfiguration: z.array(routingSchema).nullish(),
  lobIds: z.array(numericId).nullish(),
  workingHoursId: numericId.nullish(),
  specialOccasionId: numericId.nullish(),
  slaDefaultResponseTime: z.number().nullish(),
  slaUrgentResponseTime: z.number().nullish(),
  slaFirstTimeResponseTime: z.number().nullish(),
  autoCloseInSeconds: z.number().nullish(),
  transferToAgentMaxWaitInSeconds: z.number().nullish(),
  dateUpdated: z.string().nullish(),
});
export type Skill = z.infer<typeof skillSchema>;

/** Writable skill fields. Server-set fields (`id`, `deleted`, `skillOrder`, `dateUpdated`) are absent. */
export interface SkillInput {
  /** Unique (case-insensitive) within the account. */
  name: string;
  description?: string;
  /** @default 120 (server) */
  maxWaitTime?: number;
  wrapUpTime?: number;
  /** @default true (server) */
  canTransfer?: boolean;
  skillTransferList?: number[];
  fallbackSkill?: number;
  /** @default true (server) */
  fallbackWhenAllAgentsAreAway?: boolean;
  skillRoutingConfiguration?: Array<{ agentGroupId: number; priority: number; splitPercentage: number }>;
  lobIds?: number[];
  workingHoursId?: number;
  specialOccasionId?: number;
  slaDefaultResponseTime?: number;
  slaUrgentResponseTime?: number;
  slaFirstTimeResponseTime?: number;
  autoCloseInSeconds?: number;
  transferToAgentMaxWaitInSeconds?: number;
}

const SKILL_INPUT_KEYS = [
  "name",
  "description",
  "maxWaitTime",
  "wrapUpTime",
  "canTransfer",
  "skillTransferList",
  "fallbackSkill",
  "fallbackWhenAllAgentsAreAway",
  "skillRoutingConfiguration",
  "lobIds",
  "workingHoursId",
  "specialOccasionId",
  "slaDefaultResponseTime",
  "slaUrgentResponseTime",
  "slaFirstTimeResponseTime",
  "autoCloseInSeconds",
  "transferToAgentMaxWaitInSeconds",
] as const satisfies readonly (keyof SkillInput)[];

/** The request body for a skill create/replace. */
export function skillBody(input: SkillInput): Partial<SkillInput> {
  return pickDefined(input, SKILL_INPUT_KEYS);
}

/** The writable part of a read skill, for read-modify-write updates. */
export function skillToInput(skill: Skill): SkillInput {
  return { ...pickDefined(withoutNulls(skill), SKILL_INPUT_KEYS), name: skill.name };
}
