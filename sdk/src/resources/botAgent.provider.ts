/**
 * The BotAgent dynamic provider: a LiveEngage user of type Bot (`userTypeId: 2`) holding skills,
 * with the profile that matches its role. This module's exports are the provider (see skill.provider.ts).
 */
import type { LiveEngageClient, User, UserInput } from "../client";
import { botAgentWarnings } from "./check";
import { DIFF_OPTIONS, diffInputs } from "./diff";
import { checkAndWarn, createUnique, declaredKeys, deleteIdempotent, idList, numericId, pick, readOrGone, updateExisting } from "./lifecycle";
import { liveEngage } from "./runtime";
import { botAgentInputsSchema, type BotAgentInputs, type Role } from "./schemas";

export { configureProviderProcess as configure } from "./runtime";

const BOT_USER_TYPE = 2;
const MAIN_AGENT_GROUP = -1;
/** Outputs that are not inputs: never compared by diff. */
export const BOT_AGENT_OUTPUT_ONLY = ["userId", "pid", "dateUpdated"] as const;

export type BotAgentOutputs = Partial<BotAgentInputs> & { userId?: string; pid?: string; dateUpdated?: string };

export async function check(_olds: unknown, news: Record<string, unknown>) {
  return checkAndWarn(botAgentInputsSchema, news, botAgentWarnings);
}

export async function diff(_id: string, olds: BotAgentOutputs, news: BotAgentInputs) {
  return diffInputs(olds, news, { ...DIFF_OPTIONS.BotAgent, ignore: [...DIFF_OPTIONS.BotAgent.ignore, ...BOT_AGENT_OUTPUT_ONLY] });
}

export async function create(inputs: BotAgentInputs) {
  const le = liveEngage();
  const existing = inputs.adopt ? await le.users.findByLoginName(inputs.loginName) : undefined;
  if (existing && Number(existing.userTypeId ?? 1) !== BOT_USER_TYPE) {
    throw new Error(`cannot adopt user "${inputs.loginName}": it exists but is not a Bot user (userTypeId ${existing.userTypeId ?? 1}); choose another loginName`);
  }
  const body = await toWire(le, inputs, true);
  const user = existing
    ? await le.users.update(existing.id, body)
    : await createUnique("user", inputs.loginName, () => le.users.create(body));
  return { id: String(user.id), outs: await toOutputs(le, user, inputs) };
}

export async function read(id: string, props?: BotAgentOutputs) {
  const le = liveEngage();
  const user = await readOrGone(() => le.users.get(numericId(id, "user")));
  if (!user) return { id: "" };
  const outs = await toOutputs(le, user, props ?? {});
  const { userId: _u, pid: _p, dateUpdated: _d, ...inputs } = outs;
  return { id, props: outs, inputs };
}

export async function update(id: string, olds: BotAgentOutputs, news: BotAgentInputs) {
  const le = liveEngage();
  // Send the password only when it changed: LivePerson keeps the current one when passwordSh is absent.
  const body = await toWire(le, news, olds.password !== news.password);
  const user = await updateExisting("bot agent", id, () => le.users.update(numericId(id, "user"), body));
  return { outs: await toOutputs(le, user, news) };
}

async function deleteBotAgent(id: string) {
  await deleteIdempotent(() => liveEngage().users.delete(numericId(id, "user")));
}
export { deleteBotAgent as delete };

async function toWire(le: LiveEngageClient, i: BotAgentInputs, sendPassword: boolean): Promise<UserInput> {
  const profile = await le.profiles.findForRole(i.role);
  const body: UserInput = {
    loginName: i.loginName,
    fullName: i.fullName,
    nickname: i.nickname,
    email: i.email,
    isEnabled: i.enabled,
    maxChats: i.maxChats,
    maxAsyncChats: i.maxAsyncChats,
    skillIds: i.skillIds.map(Number),
    profileIds: [profile.id],
    memberOf: { agentGroupId: MAIN_AGENT_GROUP },
    userTypeId: BOT_USER_TYPE,
    isApiUser: i.allowedAppKey !== undefined,
  };
  if (i.allowedAppKey !== undefined) body.allowedAppKeys = i.allowedAppKey;
  if (i.password !== undefined && sendPassword) body.passwordSh = i.password;
  return body;
}

async function roleOf(le: LiveEngageClient, profileIds: readonly number[]): Promise<Role | undefined> {
  const profiles = await le.profiles.list();
  for (const id of profileIds) {
    const roleTypeId = profiles.find((p) => p.id === id)?.roleTypeId;
    if (roleTypeId === 2) return "ASSIGNED_AGENT";
    if (roleTypeId === 3) return "MANAGER";
  }
  return undefined;
}

async function toOutputs(le: LiveEngageClient, u: User, declaredFrom: Record<string, unknown>): Promise<BotAgentOutputs> {
  const view: Record<string, unknown> = {
    loginName: u.loginName,
    nickname: u.nickname,
    fullName: u.fullName,
    email: u.email,
    skillIds: idList(u.skillIds) ?? [],
    role: await roleOf(le, u.profileIds ?? []),
    enabled: u.isEnabled,
    maxAsyncChats: u.maxAsyncChats,
    maxChats: u.maxChats,
    allowedAppKey: u.allowedAppKeys || undefined,
  };
  const outs: BotAgentOutputs = pick(view, declaredKeys(declaredFrom).filter((k) => k in view));
  // The password is write-only in LiveEngage: state keeps the declared one (as a secret).
  if (typeof declaredFrom.password === "string") outs.password = declaredFrom.password;
  if (declaredFrom.adopt !== undefined) outs.adopt = declaredFrom.adopt as boolean;
  outs.userId = String(u.id);
  if (u.pid) outs.pid = u.pid;
  if (u.dateUpdated) outs.dateUpdated = u.dateUpdated;
  return outs;
}
