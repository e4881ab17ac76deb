/**
 * BotAgent: a LiveEngage user of type Bot (`userTypeId` 2) holding skills, with the profile that
 * matches its role. Manages the declared fields of its schema; the user's other fields (employee
 * id, mobile number, description, LOBs, agent group, permission groups, …) keep their live values.
 * `skillIds` is declared as a whole: the user holds exactly those skills.
 */
import type { LiveEngageClient, Profile, User } from "../../client";
import { ROLE_TYPE_OF_ROLE, roleOfRoleType, type Role } from "../../model/roles";
import { botAgentWarnings } from "../check";
import { idList } from "../lifecycle";
import {
  accountProfiles,
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
import { botAgentInputsSchema, type BotAgentInputs } from "../schemas";
import type { Props, ResourceSpec } from "../spec";
import { collectionApi } from "./collectionApi";

const BOT_USER_TYPE = 2;
const MAIN_AGENT_GROUP = -1;

const users = () => liveEngage().users;

export const botAgentSpec: ResourceSpec<BotAgentInputs, User> = {
  type: "BotAgent",
  noun: "bot agent",
  schema: botAgentInputsSchema,
  warnings: botAgentWarnings,
  secretInputs: ["password"],
  // The login name is the user's identity (and the connector's `lpAccountUser`).
  replaceOnChange: ["loginName"],
  sets: ["skillIds"],
  // `profileId`: the user's one profile when state was written, so `read` knows its role without listing profiles.
  outputOnly: ["userId", "pid", "dateUpdated", "profileId"],
  identity: ["loginName"],
  // The password is write-only in LiveEngage: state keeps the declared one (as a secret).
  writeOnly: ["password"],
  preflight: preflightBotAgent,
  api: collectionApi(users, "user", (i) => users().findByLoginName(i.loginName)),
  refuseAdopt: (u, i) =>
    Number(u.userTypeId ?? 1) === BOT_USER_TYPE
      ? undefined
      : `cannot adopt user "${i.loginName}": it exists but is not a Bot user (userTypeId ${u.userTypeId ?? 1}); choose another loginName`,
  async toWire(i, { live, olds }) {
    const le = liveEngage();
    const body: Record<string, unknown> = {
      loginName: i.loginName,
      fullName: i.fullName,
      nickname: i.nickname,
      email: i.email,
      isEnabled: i.enabled,
      maxChats: i.maxChats,
      maxAsyncChats: i.maxAsyncChats,
      skillIds: i.skillIds.map(Number),
      profileIds: await profileIdsFor(le, i.role, live?.profileIds),
      userTypeId: BOT_USER_TYPE,
      isApiUser: i.allowedAppKey !== undefined,
      allowedAppKeys: i.allowedAppKey,
    };
    // A new user joins the Main Group; an existing one stays in its group.
    if (live?.memberOf === undefined || live.memberOf === null) body.memberOf = { agentGroupId: MAIN_AGENT_GROUP };
    // Send the password only when it changed: LivePerson keeps the current one when passwordSh is absent.
    if (i.password !== undefined && (olds === undefined || olds.password !== i.password)) body.passwordSh = i.password;
    return body;
  },
  async fromWire(u, declaredFrom) {
    return {
      loginName: u.loginName,
      nickname: u.nickname,
      fullName: u.fullName,
      email: u.email,
      skillIds: idList(u.skillIds) ?? [],
      role: await roleOf(liveEngage(), u.profileIds ?? [], declaredFrom),
      enabled: u.isEnabled,
      maxAsyncChats: u.maxAsyncChats,
      maxChats: u.maxChats,
      allowedAppKey: u.allowedAppKeys || undefined,
    };
  },
  outputsOnly(u, view) {
    const outs: Props = { userId: String(u.id) };
    if (u.pid) outs.pid = u.pid;
    if (u.dateUpdated) outs.dateUpdated = u.dateUpdated;
    if (u.profileIds?.length === 1 && view.role !== undefined) outs.profileId = String(u.profileIds[0]);
    return outs;
  },
};

/** At preview: the account is usable, its skills exist, the login name is free (or adopted), in the account and in this program. */
async function preflightBotAgent(olds: unknown, news: Props, inputs: Props): Promise<PreflightFailure[]> {
  const failures = await preflightAccount();
  if (failures.length || !(await accountUsable())) return failures;
  const missing = await missingSkills(inputs.skillIds, "skillIds", " (in a BotDeployment: skill.existingSkillId or agents.extraSkillIds)");
  if (missing.length) return missing;
  const loginName = inputs.loginName;
  if (!known(loginName) || !creating(olds, news, "loginName") || inputs.adopt === true) return [];
  if (fromEngine(news) && declareUniqueName("user", loginName, news, olds)) {
    return [
      {
        property: "loginName",
        reason: `loginName: another BotAgent of this program also has login name "${loginName}"; login names are unique in LiveEngage`,
      },
    ];
  }
  const existing = await takenName("user", loginName);
  if (existing !== "unknown" && existing !== undefined) {
    return [
      {
        property: "loginName",
        reason: `loginName: a user with login name "${loginName}" already exists in the account (id ${existing}); set adopt: true to take it over, or choose another login name`,
      },
    ];
  }
  return [];
}

/**
 * The user's profiles for its role: the live ones when one of them already grants the role (a
 * person may have added others), else the role's profile alone.
 */
async function profileIdsFor(le: LiveEngageClient, role: Role, live: unknown): Promise<number[]> {
  const profiles = await accountProfiles(le);
  const liveIds = Array.isArray(live) ? live.map(Number) : [];
  if (liveIds.some((id) => roleOfRoleType(profiles.find((p) => p.id === id)?.roleTypeId) === role)) return liveIds;
  return [profileForRole(profiles, role).id];
}

/** The profile for a role, as `profiles.findForRole` picks it (lowest id wins). */
function profileForRole(profiles: readonly Profile[], role: Role): Profile {
  const roleTypeId = ROLE_TYPE_OF_ROLE[role];
  const match = profiles.filter((p) => !p.deleted && p.roleTypeId === roleTypeId).sort((a, b) => a.id - b.id)[0];
  if (!match) throw new Error(`role ${role}: no profile with roleTypeId ${roleTypeId} exists in the account`);
  return match;
}

/**
 * The role of a user's profiles. When the user still has exactly the one profile state recorded
 * with its role, that role is known (a profile's role type never changes) and nothing is read:
 * a refresh then costs one read per bot agent, the user itself.
 */
async function roleOf(le: LiveEngageClient, profileIds: readonly number[], known: Props): Promise<Role | undefined> {
  if (known.profileId !== undefined && known.role !== undefined && profileIds.length === 1 && String(profileIds[0]) === known.profileId) {
    return known.role as Role;
  }
  const profiles = await accountProfiles(le);
  for (const id of profileIds) {
    const role = roleOfRoleType(profiles.find((p) => p.id === id)?.roleTypeId);
    if (role !== undefined) return role;
  }
  return undefined;
}
