/**
 * Campaign (`le-campaigns/campaigns`). Manages name, description, goal and published status when
 * declared; the campaign's other fields (priority, weight, time zone, schedule, LOB, …) keep their
 * live values. Without a declared `goalId`, a new campaign gets the account's first goal and an
 * existing one keeps its goal.
 */
import type { Campaign, LiveEngageClient } from "../../client";
import { idOf } from "../lifecycle";
import {
  accountUsable,
  creating,
  declareUniqueName,
  fromEngine,
  known,
  preflightAccount,
  takenName,
  type PreflightFailure,
} from "../preflight";
import { liveEngage } from "../runtime";
import { campaignInputsSchema, type CampaignInputs } from "../schemas";
import type { Props, ResourceSpec } from "../spec";
import { collectionApi } from "./collectionApi";

const campaigns = () => liveEngage().campaigns;

export const campaignSpec: ResourceSpec<CampaignInputs, Campaign> = {
  type: "Campaign",
  noun: "campaign",
  schema: campaignInputsSchema,
  // Everything is updatable in place.
  replaceOnChange: [],
  outputOnly: ["effectiveGoalId"],
  identity: ["name"],
  preflight: preflightCampaign,
  // LiveEngage refuses while the campaign has engagements; Pulumi deletes its own engagements
  // first, so the ones left were made outside this stack.
  api: collectionApi(
    campaigns,
    "campaign",
    (i) => campaigns().findByName(i.name),
    (id, e) =>
      `campaign ${id} cannot be deleted: LiveEngage refuses while it still has engagements; delete the ones made outside Pulumi first (${e.message})`,
  ),
  async toWire(i, { live }) {
    const goalId = i.goalId !== undefined ? Number(i.goalId) : live === undefined ? await defaultGoal(liveEngage()) : undefined;
    return { name: i.name, description: i.description, goalId, status: i.published ? 1 : 0 };
  },
  async fromWire(c) {
    return {
      name: c.name,
      description: c.description,
      goalId: idOf(c.goalId),
      published: c.status === undefined || c.status === null ? undefined : c.status === 1,
    };
  },
  outputsOnly: (c) => (c.goalId !== undefined && c.goalId !== null ? { effectiveGoalId: String(c.goalId) } : {}),
};

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

/**
 * At preview: the account is usable and the name is free (or adopted). LiveEngage refuses a second
 * campaign of one name only at create, after the deployment's skill and agents exist.
 */
async function preflightCampaign(olds: unknown, news: Props, inputs: Props): Promise<PreflightFailure[]> {
  const failures = await preflightAccount();
  if (failures.length || !(await accountUsable())) return failures;
  const name = inputs.name;
  if (!known(name) || !creating(olds, news, "name") || inputs.adopt === true) return [];
  if (fromEngine(news) && declareUniqueName("campaign", name, news, olds)) {
    return [
      {
        property: "name",
        reason: `name: another Campaign of this program is also named "${name}"; campaign names are unique in LiveEngage`,
      },
    ];
  }
  const existing = await takenName("campaign", name);
  if (existing === "unknown" || existing === undefined) return [];
  return [
    {
      property: "name",
      reason:
        `name: a campaign named "${name}" already exists in the account (id ${existing}); set adopt: true to take it over, ` +
        "or choose another name (in a BotDeployment: routing.campaignName, or adopt: true)",
    },
  ];
}
