/**
 * The Engagement dynamic provider (`le-campaigns/campaigns/{id}/engagements`): the entry point that
 * routes conversations to a skill. This module's exports are the provider.
 */
import type { Engagement as WireEngagement, EngagementInput } from "../client";
import { DIFF_OPTIONS, diffInputs } from "./diff";
import { checkAndWarn, declaredKeys, deleteIdempotent, idOf, numericId, pick, readOrGone, updateExisting } from "./lifecycle";
import { preflightAccount, unchanged, withFailures } from "./preflight";
import { liveEngage } from "./runtime";
import { engagementInputsSchema, type EngagementInputs } from "./schemas";

export { configureProviderProcess as configure } from "./runtime";

const WEB_CHANNEL = 1;
/** Outputs that are not inputs: never compared by diff. */
export const ENGAGEMENT_OUTPUT_ONLY = ["skillName"] as const;

export type EngagementOutputs = Partial<EngagementInputs> & { skillName?: string };

export async function check(olds: unknown, news: Record<string, unknown>) {
  const result = checkAndWarn(engagementInputsSchema, news);
  if (unchanged(olds, result.inputs)) return result;
  // At preview: the provider configuration and credentials (see preflightAccount).
  return withFailures(result, await preflightAccount());
}

export async function diff(_id: string, olds: EngagementOutputs, news: EngagementInputs) {
  return diffInputs(olds, news, { ...DIFF_OPTIONS.Engagement, ignore: [...DIFF_OPTIONS.Engagement.ignore, ...ENGAGEMENT_OUTPUT_ONLY] });
}

export async function create(inputs: EngagementInputs) {
  const api = liveEngage().engagements;
  const campaignId = numericId(inputs.campaignId, "campaign");
  // LiveEngage itself accepts two engagements with one name; the provider does not, so that `adopt`
  // (and the client's look-up after an ambiguous POST) can identify an engagement by its name.
  const existing = await api.findByName(campaignId, inputs.name);
  if (existing && !inputs.adopt) {
    throw new Error(`engagement "${inputs.name}" already exists in campaign ${campaignId} (id ${existing.id}); set adopt: true to take it over, or choose another name`);
  }
  const engagement = existing ? await api.update(campaignId, existing.id, toWire(inputs)) : await api.create(campaignId, toWire(inputs));
  return { id: String(engagement.id), outs: toOutputs(engagement, inputs) };
}

export async function read(id: string, props?: EngagementOutputs) {
  if (!props?.campaignId) return { id, props };
  const campaignId = props.campaignId;
  const engagement = await readOrGone(() => liveEngage().engagements.get(numericId(campaignId, "campaign"), numericId(id, "engagement")));
  if (!engagement) return { id: "" };
  const outs = toOutputs(engagement, props);
  const { skillName: _s, ...inputs } = outs;
  return { id, props: outs, inputs };
}

export async function update(id: string, _olds: EngagementOutputs, news: EngagementInputs) {
  const campaignId = numericId(news.campaignId, "campaign");
  const engagement = await updateExisting("engagement", id, () =>
    liveEngage().engagements.update(campaignId, numericId(id, "engagement"), toWire(news)));
  return { outs: toOutputs(engagement, news) };
}

async function deleteEngagement(id: string, props: EngagementOutputs) {
  if (!props.campaignId) return;
  const campaignId = numericId(props.campaignId, "campaign");
  await deleteIdempotent(() => liveEngage().engagements.delete(campaignId, numericId(id, "engagement")));
}
export { deleteEngagement as delete };

function toWire(i: EngagementInputs): EngagementInput {
  return {
    name: i.name,
    description: i.description,
    enabled: i.enabled,
    channel: WEB_CHANNEL,
    conversationType: i.channel === "chat" ? 0 : 1,
    skillId: numericId(i.skillId, "skill"),
  };
}

function toOutputs(e: WireEngagement, declaredFrom: Record<string, unknown>): EngagementOutputs {
  const view: Record<string, unknown> = {
    campaignId: idOf(e.campaignId) ?? declaredFrom.campaignId,
    name: e.name,
    description: e.description,
    enabled: e.enabled,
    skillId: idOf(e.skillId),
    channel: e.conversationType === 0 ? "chat" : e.conversationType === 1 ? "messaging" : undefined,
  };
  const outs: EngagementOutputs = pick(view, declaredKeys(declaredFrom).filter((k) => k in view));
  if (declaredFrom.adopt !== undefined) outs.adopt = declaredFrom.adopt as boolean;
  if (e.skillName) outs.skillName = e.skillName;
  return outs;
}
