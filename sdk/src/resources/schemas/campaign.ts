/** Inputs of the Campaign resource (LivePerson `le-campaigns`, reference §6.2). */
import { z } from "zod";
import { adoptSchema, flag, idString, must, objectName } from "./common";

/** Checked, normalized Campaign inputs. */
export const campaignInputsSchema = z.strictObject({
  /** Unique campaign name. */
  name: objectName('a non-empty campaign name, e.g. "Bot campaign"'),
  description: z.string({ error: must("must be a string") }).optional(),
  /** Goal id; when absent the provider picks the account's seeded goal. */
  goalId: idString("4440268273").optional(),
  /** Published (status 1) or unpublished (status 0). @default true */
  published: flag(true).default(true),
  /** @default false */
  adopt: adoptSchema,
});

/** Campaign inputs after `check`. */
export type CampaignInputs = z.output<typeof campaignInputsSchema>;
/** What a program may pass (before defaults). */
export type CampaignArgs = z.input<typeof campaignInputsSchema>;
