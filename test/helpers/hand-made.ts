/**
 * Objects made "by hand" (as a person in the LiveEngage UI would), carrying ordinary fields the
 * resources do not model — the fields issue #11 found wiped by the first `pulumi up` after an adopt.
 */
import type { LiveEngageClient } from "../../sdk/src/client";
import type { AdminCall } from "./emulator-admin";

export type Collection = "skills" | "users" | "campaigns" | "engagements";

/** Per collection: at least three hand-set fields its resource does not model. */
export const UNMODELLED: Record<Collection, Record<string, unknown>> = {
  skills: { defaultPostChatSurveyId: "survey-7", redistributeLoadToConnectedAgentGroups: true, agentSurveyForMsgTimeoutInMinutes: 15 },
  users: { employeeId: "E-1234", mobileNumber: "+1 555 0100", description: "set in the UI" },
  campaigns: { priority: 3, timeZone: "Europe/Berlin", weight: 0.5 },
  engagements: { language: "de-DE", timeInQueue: 45, displayInstances: [{ id: 1, displayInstanceType: 1 }] },
};

/** What the hand-made objects declare themselves (an adopt changes some of it). */
export const HAND_SET = {
  skill: { description: "by hand", maxWaitTime: 30 },
  user: { fullName: "Hand Bot", nickname: "hand", email: "hand@example.com", password: "hand-password-1" },
  campaign: { status: 0 as const },
  engagement: { enabled: false },
};

export async function handMadeSkill(person: LiveEngageClient, name: string): Promise<string> {
  const s = await person.skills.create({ name, ...HAND_SET.skill });
  await person.skills.merge(s.id, () => UNMODELLED.skills);
  return String(s.id);
}

export async function handMadeBotUser(person: LiveEngageClient, loginName: string): Promise<string> {
  const agentProfile = (await person.profiles.list()).find((p) => p.roleTypeId === 2)!;
  const { password, ...fields } = HAND_SET.user;
  const u = await person.users.create({
    loginName,
    ...fields,
    isEnabled: true,
    maxChats: -1,
    profileIds: [agentProfile.id],
    userTypeId: 2,
    passwordSh: password,
    skillIds: [],
  });
  await person.users.merge(u.id, () => UNMODELLED.users);
  return String(u.id);
}

export async function handMadeCampaign(person: LiveEngageClient, name: string): Promise<string> {
  const [goal] = await person.goals.list();
  const c = await person.campaigns.create({ name, goalId: goal!.id, ...HAND_SET.campaign });
  await person.campaigns.merge(c.id, () => UNMODELLED.campaigns);
  return String(c.id);
}

export async function handMadeEngagement(person: LiveEngageClient, campaignId: string, skillId: string, name: string): Promise<string> {
  const e = await person.engagements.create(Number(campaignId), {
    name,
    skillId: Number(skillId),
    channel: 1,
    conversationType: 1,
    ...HAND_SET.engagement,
  });
  await person.engagements.merge(Number(campaignId), e.id, () => UNMODELLED.engagements);
  return String(e.id);
}

/** An object as the emulator holds it: every field, not only those the client parses. */
export async function stored(admin: AdminCall, accountId: string, collection: Collection, id: string): Promise<Record<string, unknown>> {
  const dump = await admin<{ accounts: Record<string, Record<Collection, Record<string, Record<string, unknown>>>> }>(
    "GET",
    `/state?account=${accountId}`,
  );
  return dump.accounts[accountId]![collection][id]!;
}

/** Polls until `condition` holds. */
export async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
