/**
 * Engagement (`le-campaigns/campaigns/{id}/engagements`): the entry point that routes
 * conversations to a skill. Manages name, description, enabled, skill and conversation type when
 * declared; the engagement's other fields (language, queue time, display instances, targeting,
 * window, …) keep their live values.
 */
import type { Engagement } from "../../client";
import { conversationTypeOfEngagement, ENGAGEMENT_CONVERSATION_TYPE } from "../../model/conversationTypes";
import { idOf, numericId } from "../lifecycle";
import { accountUsable, known, missingSkills, objectExists, preflightAccount, type PreflightFailure } from "../preflight";
import { liveEngage } from "../runtime";
import { engagementInputsSchema, type EngagementInputs } from "../schemas";
import type { Props, ResourceSpec } from "../spec";

/** The web channel, which a new engagement gets; an existing one keeps its channel. */
const WEB_CHANNEL = 1;
const engagements = () => liveEngage().engagements;
const campaignOf = (props: { campaignId?: unknown }) => numericId(String(props.campaignId), "campaign");

export const engagementSpec: ResourceSpec<EngagementInputs, Engagement> = {
  type: "Engagement",
  noun: "engagement",
  schema: engagementInputsSchema,
  // An engagement lives under its campaign's URL, so it cannot move.
  replaceOnChange: ["campaignId"],
  outputOnly: ["skillName"],
  identity: ["campaignId", "name"],
  preflight: (_olds, _news, inputs) => preflightEngagement(inputs),
  api: {
    find: (i) => engagements().findByName(campaignOf(i), i.name),
    // LiveEngage itself accepts two engagements with one name; the provider does not, so that `adopt`
    // (and the client's look-up after an ambiguous POST) can identify an engagement by its name.
    refusesDuplicates: true,
    idOf: (e) => String(e.id),
    get: async (id, props) => (props.campaignId ? engagements().get(campaignOf(props), numericId(id, "engagement")) : undefined),
    create: (body, i) => engagements().create(campaignOf(i), body as never),
    merge: (id, i, overlay) => engagements().merge(campaignOf(i), numericId(id, "engagement"), overlay),
    async delete(id, props) {
      if (props.campaignId) await engagements().delete(campaignOf(props), numericId(id, "engagement"));
    },
  },
  async toWire(i, { live }) {
    return {
      name: i.name,
      description: i.description,
      enabled: i.enabled,
      channel: live === undefined ? WEB_CHANNEL : undefined,
      conversationType: ENGAGEMENT_CONVERSATION_TYPE[i.channel],
      skillId: numericId(i.skillId, "skill"),
    };
  },
  async fromWire(e, declaredFrom) {
    return {
      campaignId: idOf(e.campaignId) ?? declaredFrom.campaignId,
      name: e.name,
      description: e.description,
      enabled: e.enabled,
      skillId: idOf(e.skillId),
      channel: conversationTypeOfEngagement(e.conversationType),
    };
  },
  outputsOnly: (e) => (e.skillName ? { skillName: e.skillName } : {}),
};

/** At preview: the account is usable, and the campaign and the skill exist (when already known). */
async function preflightEngagement(inputs: Props): Promise<PreflightFailure[]> {
  const failures = await preflightAccount();
  if (failures.length || !(await accountUsable())) return failures;
  const out: PreflightFailure[] = [];
  const campaignId = inputs.campaignId;
  if (known(campaignId) && /^\d+$/.test(campaignId) && (await objectExists("campaign", campaignId)) === false) {
    out.push({
      property: "campaignId",
      reason: `campaignId: no campaign with id ${campaignId} exists in the account; use the id of an existing campaign (or a Campaign resource's id)`,
    });
  }
  out.push(...(await missingSkills(inputs.skillId, "skillId", " (in a BotDeployment: skill.existingSkillId)")));
  return out;
}
