/**
 * Skill (`le-users/skills`): what bot agents hold and engagements route to. Manages the fields of
 * its schema that the program declares; every other field of the skill (routing configuration,
 * LOBs, working hours, surveys, …) keeps its live value.
 */
import type { Skill } from "../../client";
import { idList, idOf } from "../lifecycle";
import {
  accountUsable,
  creating,
  declareUniqueName,
  fromEngine,
  known,
  missingSkills,
  preflightAccount,
  takenName,
  type PreflightFailure,
} from "../preflight";
import { liveEngage } from "../runtime";
import { skillInputsSchema, type SkillInputs } from "../schemas";
import type { Props, ResourceSpec } from "../spec";
import { collectionApi } from "./collectionApi";

const skills = () => liveEngage().skills;

export const skillSpec: ResourceSpec<SkillInputs, Skill> = {
  type: "Skill",
  noun: "skill",
  schema: skillInputsSchema,
  // Nothing replaces: the name is updatable with PUT, and replacing would orphan user/engagement references.
  replaceOnChange: [],
  sets: ["skillTransferList"],
  outputOnly: ["dateUpdated"],
  identity: ["name"],
  preflight: preflightSkill,
  // LiveEngage refuses while users, engagements or other skills still reference the skill.
  api: collectionApi(
    skills,
    "skill",
    (i) => skills().findByName(i.name),
    (id, e) =>
      e.apiCode !== "skill-dependencies"
        ? undefined
        : `skill ${id} cannot be deleted: LiveEngage refuses while something still references it (${e.message}); ` +
          "remove the skill from those users, engagements and skills first (in LiveEngage, or in the program), then run again; " +
          "or keep the skill and forget it: pulumi state delete <its urn>",
  ),
  async toWire(i) {
    return {
      name: i.name,
      description: i.description,
      maxWaitTime: i.maxWaitTime,
      skillOrder: i.skillOrder,
      wrapUpTime: i.wrapUpTime,
      canTransfer: i.canTransfer,
      skillTransferList: i.skillTransferList?.map(Number),
      fallbackSkill: i.fallbackSkill === undefined ? undefined : Number(i.fallbackSkill),
      fallbackWhenAllAgentsAreAway: i.fallbackWhenAllAgentsAreAway,
      slaDefaultResponseTime: i.slaDefaultResponseTime,
      slaUrgentResponseTime: i.slaUrgentResponseTime,
      slaFirstTimeResponseTime: i.slaFirstTimeResponseTime,
      autoCloseInSeconds: i.autoCloseInSeconds,
      transferToAgentMaxWaitInSeconds: i.transferToAgentMaxWaitInSeconds,
    };
  },
  async fromWire(s) {
    return {
      name: s.name,
      description: s.description,
      maxWaitTime: s.maxWaitTime,
      skillOrder: s.skillOrder,
      wrapUpTime: s.wrapUpTime,
      canTransfer: s.canTransfer,
      skillTransferList: idList(s.skillTransferList),
      fallbackSkill: idOf(s.fallbackSkill),
      fallbackWhenAllAgentsAreAway: s.fallbackWhenAllAgentsAreAway,
      slaDefaultResponseTime: s.slaDefaultResponseTime,
      slaUrgentResponseTime: s.slaUrgentResponseTime,
      slaFirstTimeResponseTime: s.slaFirstTimeResponseTime,
      autoCloseInSeconds: s.autoCloseInSeconds,
      transferToAgentMaxWaitInSeconds: s.transferToAgentMaxWaitInSeconds,
    };
  },
  outputsOnly: (s) => (s.dateUpdated ? { dateUpdated: s.dateUpdated } : {}),
};

/** At preview: the account is usable, the name is free (or adopted), the skills it names exist. */
async function preflightSkill(olds: unknown, news: Props, inputs: Props): Promise<PreflightFailure[]> {
  const failures = await preflightAccount();
  if (failures.length || !(await accountUsable())) return failures;
  const out: PreflightFailure[] = [];
  if (known(inputs.name) && creating(olds, news, "name") && inputs.adopt !== true) {
    if (fromEngine(news) && declareUniqueName("skill", inputs.name, news, olds)) {
      out.push({
        property: "name",
        reason: `name: another Skill of this program is also named "${inputs.name}"; skill names are unique in LiveEngage`,
      });
    } else {
      const existing = await takenName("skill", inputs.name);
      if (existing !== "unknown" && existing !== undefined) {
        out.push({
          property: "name",
          reason: `name: a skill named "${inputs.name}" already exists in the account (id ${existing}); set adopt: true to take it over, or choose another name`,
        });
      }
    }
  }
  out.push(...(await missingSkills(inputs.fallbackSkill, "fallbackSkill")));
  out.push(...(await missingSkills(inputs.skillTransferList, "skillTransferList")));
  return out;
}
