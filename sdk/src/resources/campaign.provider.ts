/** The Campaign dynamic provider (`le-campaigns/campaigns`). This module's exports are the provider. */
import { ValidationError, type Campaign as WireCampaign, type CampaignInput, type LiveEngageClient } from "../client";
import { DIFF_OPTIONS, diffInputs } from "./diff";
import { checkAndWarn, createUnique, declaredKeys, deleteIdempotent, idOf, numericId, pick, readOrGone, updateExisting } from "./lifecycle";
import { preflightAccount, unchanged, withFailures } from "./preflight";
import { liveEngage } from "./runtime";
import { campaignInputsSchema, type CampaignInputs } from "./schemas";

export { configureProviderProcess as configure } from "./runtime";

/** Outputs that are not inputs: never compared by diff. */
export const CAMPAIGN_OUTPUT_ONLY = ["effectiveGoalId"] as const;

export type CampaignOutputs = Partial<CampaignInputs> & { effectiveGoalId?: string };

export async function check(olds: unknown, news: Record<string, unknown>) {
  const result = checkAndWarn(campaignInputsSchema, news);
  if (unchanged(olds, result.inputs)) return result;
  // At preview: the provider configuration and credentials (see preflightAccount).
  return withFailures(result, await preflightAccount());
}

export async function diff(_id: string, olds: CampaignOutputs, news: CampaignInputs) {
  return diffInputs(olds, news, { ...DIFF_OPTIONS.Campaign, ignore: [...DIFF_OPTIONS.Campaign.ignore, ...CAMPAIGN_OUTPUT_ONLY] });
}

export async function create(inputs: CampaignInputs) {
  const le = liveEngage();
  const existing = inputs.adopt ? await le.campaigns.findByName(inputs.name) : undefined;
  const body = await toWire(le, inputs);
  const campaign = existing
    ? await le.campaigns.update(existing.id, body)
    : await createUnique("campaign", inputs.name, () => le.campaigns.create(body));
  return { id: String(campaign.id), outs: toOutputs(campaign, inputs) };
}

export async function read(id: string, props?: CampaignOutputs) {
  const campaign = await readOrGone(() => liveEngage().campaigns.get(numericId(id, "campaign")));
  if (!campaign) return { id: "" };
  const outs = toOutputs(campaign, props ?? {});
  const { effectiveGoalId: _g, ...inputs } = outs;
  return { id, props: outs, inputs };
}

export async function update(id: string, _olds: CampaignOutputs, news: CampaignInputs) {
  const le = liveEngage();
  const body = await toWire(le, news);
  const campaign = await updateExisting("campaign", id, () => le.campaigns.update(numericId(id, "campaign"), body));
  return { outs: toOutputs(campaign, news) };
}

async function deleteCampaign(id: string) {
  try {
    await deleteIdempotent(() => liveEngage().campaigns.delete(numericId(id, "campaign")));
  } catch (e) {
    // LiveEngage refuses while the campaign has engagements; Pulumi deletes its own engagements
    // first, so the ones left were made outside this stack.
    if (e instanceof ValidationError) {
      throw new Error(`campaign ${id} cannot be deleted: LiveEngage refuses while it still has engagements; delete the ones made outside Pulumi first (${e.message})`, { cause: e });
    }
    throw e;
  }
}
export { deleteCampaign as delete };

async function toWire(le: LiveEngageClient, i: CampaignInputs): Promise<CampaignInput> {
  let goalId = i.goalId === undefined ? undefined : Number(i.goalId);
  if (goalId === undefined) goalId = await defaultGoal(le);
  return { name: i.name, description: i.description, goalId, status: i.published ? 1 : 0 };
}

/**
 * LiveEngage requires a goal; an account always has its default goals, so take the first. Goals
 * are read-only reference data: listed once per provider process, not once per campaign (issue #7).
 */
const defaultGoals = new WeakMap<LiveEngageClient, Promise<number>>();
function defaultGoal(le: LiveEngageClient): Promise<number> {
  let goal = defaultGoals.get(le);
  if (!goal) {
    goal = le.goals.list().then(([first]) => {
      if (!first) throw new Error("the account has no campaign goal; set goalId on the campaign");
      return first.id;
    });
    defaultGoals.set(le, goal);
    goal.catch(() => defaultGoals.delete(le));
  }
  return goal;
}

function toOutputs(c: WireCampaign, declaredFrom: Record<string, unknown>): CampaignOutputs {
  const view: Record<string, unknown> = {
    name: c.name,
    description: c.description,
    goalId: idOf(c.goalId),
    published: c.status === undefined || c.status === null ? undefined : c.status === 1,
  };
  const outs: CampaignOutputs = pick(view, declaredKeys(declaredFrom).filter((k) => k in view));
  if (declaredFrom.adopt !== undefined) outs.adopt = declaredFrom.adopt as boolean;
  const goal = idOf(c.goalId);
  if (goal) outs.effectiveGoalId = goal;
  return outs;
}
