/**
 * The BotAgent dynamic provider: a LiveEngage user of type Bot (`userTypeId: 2`) holding skills,
 * with the profile that matches its role. This module's exports are the provider (see skill.provider.ts).
 */
import { ROLE_TYPE_OF_CONNECTOR_ROLE, type LiveEngageClient, type Profile, type User, type UserInput } from "../client";
import { botAgentWarnings } from "./check";
import { DIFF_OPTIONS, diffInputs } from "./diff";
import { checkAndWarn, createUnique, declaredKeys, deleteIdempotent, idList, numericId, pick, readOrGone, updateExisting } from "./lifecycle";
import { accountUsable, creating, hideSecretValues, declareUniqueName, fromEngine, known, preflightAccount, takenName, unchanged, withFailures, type PreflightFailure } from "./preflight";
import { liveEngage } from "./runtime";
import { botAgentInputsSchema, type BotAgentInputs, type Role } from "./schemas";

export { configureProviderProcess as configure } from "./runtime";

const BOT_USER_TYPE = 2;
const MAIN_AGENT_GROUP = -1;
/** Outputs that are not inputs: never compared by diff. */
export const BOT_AGENT_OUTPUT_ONLY = ["userId", "pid", "dateUpdated", "profileId"] as const;

/** `profileId`: the user's one profile when state was written, so `read` knows its role without listing profiles. */
export type BotAgentOutputs = Partial<BotAgentInputs> & { userId?: string; pid?: string; dateUpdated?: string; profileId?: string };

export async function check(olds: unknown, news: Record<string, unknown>) {
  const result = checkAndWarn(botAgentInputsSchema, news, botAgentWarnings);
  if (unchanged(olds, result.inputs)) return result;
  return hideSecretValues(withFailures(result, await preflightBotAgent(olds, news, result.inputs)), news, ["password"]);
}

/** At preview: the account is usable and the login name is free (or adopted), in the account and in this program. */
async function preflightBotAgent(olds: unknown, news: Record<string, unknown>, inputs: Record<string, unknown> | undefined): Promise<PreflightFailure[]> {
  const failures = await preflightAccount();
  if (failures.length || !inputs || !(await accountUsable())) return failures;
  const loginName = inputs.loginName;
  if (!known(loginName) || !creating(olds, news, "loginName") || inputs.adopt === true) return [];
  if (fromEngine(news) && declareUniqueName("user", loginName)) {
    return [{ property: "loginName", reason: `loginName: another BotAgent of this program also has login name "${loginName}"; login names are unique in LiveEngage` }];
  }
  const existing = await takenName("user", loginName);
  if (existing !== "unknown" && existing !== undefined) {
    return [{ property: "loginName", reason: `loginName: a user with login name "${loginName}" already exists in the account (id ${existing}); set adopt: true to take it over, or choose another login name` }];
  }
  return [];
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
  const { userId: _u, pid: _p, dateUpdated: _d, profileId: _pr, ...inputs } = outs;
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
  const profile = profileForRole(await profilesOf(le), i.role);
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

/**
 * Profiles are read-only reference data: listed once per provider process (per client), not once
 * per bot agent, so N agents cost one profiles read instead of N (issue #7). A failed list is retried.
 */
const profileLists = new WeakMap<LiveEngageClient, Promise<Profile[]>>();
function profilesOf(le: LiveEngageClient): Promise<Profile[]> {
  let list = profileLists.get(le);
  if (!list) {
    list = le.profiles.list();
    profileLists.set(le, list);
    list.catch(() => profileLists.delete(le));
  }
  return list;
}

/** The profile for a connector role, as `profiles.findForRole` picks it (lowest id wins). */
function profileForRole(profiles: readonly Profile[], role: Role): Profile {
  const roleTypeId = ROLE_TYPE_OF_CONNECTOR_ROLE[role];
  const match = profiles.filter((p) => !p.deleted && p.roleTypeId === roleTypeId).sort((a, b) => a.id - b.id)[0];
  if (!match) throw new Error(`role ${role}: no profile with roleTypeId ${roleTypeId} exists in the account`);
  return match;
}

/**
 * The role of a user's profiles. When the user still has exactly the one profile state recorded
 * with its role, that role is known (a profile's role type never changes) and nothing is read:
 * a refresh then costs one read per bot agent, the user itself.
 */
async function roleOf(le: LiveEngageClient, profileIds: readonly number[], known: BotAgentOutputs): Promise<Role | undefined> {
  if (known.profileId !== undefined && known.role !== undefined && profileIds.length === 1 && String(profileIds[0]) === known.profileId) {
    return known.role;
  }
  const profiles = await profilesOf(le);
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
    role: await roleOf(le, u.profileIds ?? [], declaredFrom as BotAgentOutputs),
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
  if (u.profileIds?.length === 1 && view.role !== undefined) outs.profileId = String(u.profileIds[0]);
  return outs;
}
