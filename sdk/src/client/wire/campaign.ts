/** Goal, campaign and engagement wire shapes (reference §6, wire contract §3). */
import { z } from "zod";
import { numericId, pickDefined, withoutNulls } from "./common";

/** A goal (read-only here). */
export const goalSchema = z.object({
  id: numericId,
  name: z.string(),
  type: z.number().nullish(),
  description: z.string().nullish(),
  deleted: z.boolean().optional(),
});
export type Goal = z.infer<typeof goalSchema>;

/** A campaign as read from Account Config. */
export const campaignSchema = z.object({
  id: numericId,
  name: z.string(),
  description: z.string().nullish(),
  goalId: numericId.nullish(),
  lobId: numericId.nullish(),
  /** 0 unpublished, 1 published. */
  status: z.number().nullish(),
  isDeleted: z.boolean().optional(),
  deleted: z.boolean().optional(),
  priority: z.number().nullish(),
  weight: z.number().nullish(),
  engagementIds: z.array(numericId).nullish(),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** Writable campaign fields. */
export interface CampaignInput {
  /** Unique (case-insensitive) within the account. */
  name: string;
  description?: string;
  /** Must reference an existing goal. */
  goalId: number;
  /** 0 unpublished, 1 published. @default 1 (server) */
  status?: 0 | 1;
  lobId?: number;
  priority?: number;
  weight?: number;
}

const CAMPAIGN_INPUT_KEYS = [
  "name",
  "description",
  "goalId",
  "status",
  "lobId",
  "priority",
  "weight",
] as const satisfies readonly (keyof CampaignInput)[];

/** The request body for a campaign create/replace. */
export function campaignBody(input: CampaignInput): Partial<CampaignInput> {
  return pickDefined(input, CAMPAIGN_INPUT_KEYS);
}

/** The writable part of a read campaign. */
export function campaignToInput(c: Campaign): CampaignInput {
  const v = withoutNulls(c);
  return { ...pickDefined(v, CAMPAIGN_INPUT_KEYS), name: c.name, goalId: v.goalId ?? 0, status: v.status === 0 ? 0 : 1 } as CampaignInput;
}

/** An engagement as read from Account Config. */
export const engagementSchema = z.object({
  id: numericId,
  name: z.string(),
  description: z.string().nullish(),
  enabled: z.boolean().nullish(),
  deleted: z.boolean().optional(),
  /** 1 = web. */
  channel: z.number().nullish(),
  /** 1 messaging, 0 chat. */
  conversationType: z.number().nullish(),
  skillId: numericId.nullish(),
  skillName: z.string().nullish(),
  campaignId: numericId.nullish(),
});
export type Engagement = z.infer<typeof engagementSchema>;

/** Writable engagement fields. */
export interface EngagementInput {
  name: string;
  description?: string;
  /** @default true (server) */
  enabled?: boolean;
  /** 1 = web. */
  channel?: number;
  /** 1 messaging, 0 chat. */
  conversationType?: 0 | 1;
  /** The routing target; must be an existing, non-deleted skill. */
  skillId: number;
  /** Filled by the server from the skill when omitted. */
  skillName?: string;
}

const ENGAGEMENT_INPUT_KEYS = [
  "name",
  "description",
  "enabled",
  "channel",
  "conversationType",
  "skillId",
  "skillName",
] as const satisfies readonly (keyof EngagementInput)[];

/** The request body for an engagement create/replace. */
export function engagementBody(input: EngagementInput): Partial<EngagementInput> {
  return pickDefined(input, ENGAGEMENT_INPUT_KEYS);
}

/** The writable part of a read engagement. */
export function engagementToInput(e: Engagement): EngagementInput {
  const v = withoutNulls(e);
  return { ...pickDefined(v, ENGAGEMENT_INPUT_KEYS), name: e.name, skillId: v.skillId ?? 0 } as EngagementInput;
}
