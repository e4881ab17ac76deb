/**
 * The Skill dynamic provider. This module's exports ARE the provider: Pulumi serializes the
 * resource's provider as `require("pulumi-liveengage/dist/resources/skill.provider.js")`, so state
 * holds a one-line reference instead of a copy of the code, and nothing from the program.
 */
import type { Skill as WireSkill, SkillInput } from "../client";
import { DIFF_OPTIONS, diffInputs } from "./diff";
import { checkAndWarn, declaredKeys, deleteIdempotent, idList, idOf, numericId, pick, readOrGone, updateExisting } from "./lifecycle";
import { NotFoundError } from "../client";
import { accountUsable, creating, declareUniqueName, fromEngine, known, lookupOrUnknown, preflightAccount, takenName, unchanged, withFailures, type PreflightFailure } from "./preflight";
import { liveEngage } from "./runtime";
import { skillInputsSchema, type SkillInputs } from "./schemas";

export { configureProviderProcess as configure } from "./runtime";

/** Outputs that are not inputs: never compared by diff. */
export const SKILL_OUTPUT_ONLY = ["dateUpdated"] as const;

export type SkillOutputs = Partial<SkillInputs> & { dateUpdated?: string };

export async function check(olds: unknown, news: Record<string, unknown>) {
  const result = checkAndWarn(skillInputsSchema, news);
  if (unchanged(olds, result.inputs)) return result;
  return withFailures(result, await preflightSkill(olds, news, result.inputs));
}

/** At preview: the account is usable, the name is free (or adopted), the fallback skill exists. */
async function preflightSkill(olds: unknown, news: Record<string, unknown>, inputs: Record<string, unknown> | undefined): Promise<PreflightFailure[]> {
  const failures = await preflightAccount();
  if (failures.length || !inputs || !(await accountUsable())) return failures;
  const out: PreflightFailure[] = [];
  const api = liveEngage().skills;
  if (known(inputs.name) && creating(olds, news, "name") && inputs.adopt !== true) {
    if (fromEngine(news) && declareUniqueName("skill", inputs.name)) {
      out.push({ property: "name", reason: `name: another Skill of this program is also named "${inputs.name}"; skill names are unique in LiveEngage` });
    } else {
      const existing = await takenName("skill", inputs.name);
      if (existing !== "unknown" && existing !== undefined) {
        out.push({ property: "name", reason: `name: a skill named "${inputs.name}" already exists in the account (id ${existing}); set adopt: true to take it over, or choose another name` });
      }
    }
  }
  if (known(inputs.fallbackSkill) && /^\d+$/.test(inputs.fallbackSkill)) {
    const found = await lookupOrUnknown(() => api.get(Number(inputs.fallbackSkill)).then(() => true, (e) => { if (e instanceof NotFoundError) return false; throw e; }));
    if (found === false) out.push({ property: "fallbackSkill", reason: `fallbackSkill: no skill with id ${inputs.fallbackSkill} exists in the account; use the id of an existing skill` });
  }
  return out;
}

export async function diff(_id: string, olds: SkillOutputs, news: SkillInputs) {
  return diffInputs(olds, news, { ...DIFF_OPTIONS.Skill, ignore: [...DIFF_OPTIONS.Skill.ignore, ...SKILL_OUTPUT_ONLY] });
}

export async function create(inputs: SkillInputs) {
  const api = liveEngage().skills;
  const body = toWire(inputs);
  let skill: WireSkill;
  const existing = inputs.adopt ? await api.findByName(inputs.name) : undefined;
  if (existing) {
    // Adoption: the existing skill becomes exactly what the program declares.
    skill = await api.update(existing.id, body);
  } else {
    skill = await api.create(body);
  }
  return { id: String(skill.id), outs: toOutputs(skill, inputs) };
}

export async function read(id: string, props?: SkillOutputs) {
  const skill = await readOrGone(() => liveEngage().skills.get(numericId(id, "skill")));
  if (!skill) return { id: "" };
  const outs = toOutputs(skill, props ?? {});
  return { id, props: outs, inputs: withoutOutputOnly(outs) };
}

export async function update(id: string, _olds: SkillOutputs, news: SkillInputs) {
  const skill = await updateExisting("skill", id, () => liveEngage().skills.update(numericId(id, "skill"), toWire(news)));
  return { outs: toOutputs(skill, news) };
}

export async function deleteSkill(id: string) {
  await deleteIdempotent(() => liveEngage().skills.delete(numericId(id, "skill")));
}
export { deleteSkill as delete };

function toWire(i: SkillInputs): SkillInput {
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
  } as SkillInput;
}

/** The API's skill in input shape, limited to what the program declared (see declaredKeys). */
function toOutputs(s: WireSkill, declaredFrom: Record<string, unknown>): SkillOutputs {
  const view: Record<string, unknown> = {
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
  const outs: SkillOutputs = pick(view, declaredKeys(declaredFrom).filter((k) => k in view));
  if (declaredFrom.adopt !== undefined) outs.adopt = declaredFrom.adopt as boolean;
  if (s.dateUpdated) outs.dateUpdated = s.dateUpdated;
  return outs;
}

function withoutOutputOnly(outs: SkillOutputs): Record<string, unknown> {
  const { dateUpdated: _omit, ...inputs } = outs;
  return inputs;
}
