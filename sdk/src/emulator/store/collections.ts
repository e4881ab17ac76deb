// Domain rules of the Account Config collections: strict body schemas, defaults, referential
// integrity, uniqueness and delete dependencies. Each spec's build() only reads the state and
// throws an ApiError; the generic HTTP layer (routes/ac-collection.ts) applies the result.
import { z } from "zod";
import { NAME_MAX_LENGTH } from "../../model/limits";
import { acErrors } from "../errors";
import { nowDate } from "../seed";
import type { AccountState, Campaign, CollectionName, Engagement, Goal, Profile, Skill, User } from "./state";

type Entity = { id: number };
export type Params = Record<string, string>;

export interface CollectionSpec<T extends Entity> {
  name: CollectionName;
  /** Singular noun used in messages. */
  what: string;
  items(acc: AccountState): Record<string, T>;
  isDeleted(t: T): boolean;
  /** Throws when the path's parent (engagements: the campaign) does not exist. */
  checkParent?(acc: AccountState, params: Params): void;
  inScope?(t: T, params: Params): boolean;
  defaultListSelect?: string[];
  toWire(acc: AccountState, t: T): Record<string, unknown>;
  /** Absent = read-only collection. */
  build?(acc: AccountState, body: unknown, ctx: { id: number; existing?: T; params: Params }): T;
  /** Secrets that go with the entity (users' passwords); applied with the entity. */
  secretsOf?(body: unknown): { password?: string | null };
  checkDelete?(acc: AccountState, ids: string[]): void;
  markDeleted?(t: T): T;
  batchDelete?: boolean;
  /** Other collections whose objects change when this one does (campaign.engagementIds). */
  alsoBump?: CollectionName[];
}

// ---- helpers ---------------------------------------------------------------------------------
export const idRef = z.union([z.number().int(), z.string().regex(/^-?\d+$/, "expected a numeric id")]).transform(Number);
const int = z.number().int();
const str = z.string();

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw acErrors.validation("the body must be one JSON object");
  }
  const r = schema.safeParse(body);
  if (!r.success) {
    // Messages name the field and the rule, never the value sent (it might be a secret).
    throw acErrors.validation(r.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; "));
  }
  return r.data;
}

function checkBodyId(body: { id?: number | null }, ctx: { id: number; existing?: unknown }): void {
  if (body.id === undefined || body.id === null) return;
  if (!ctx.existing) throw acErrors.validation("id is assigned by the server; omit it on create");
  if (body.id !== ctx.id) throw acErrors.validation(`id ${body.id} in the body does not match the URL id ${ctx.id}`);
}

/** Copy the fields present in the body (full replace: what is absent is not kept). */
function present(body: Record<string, unknown>, skip: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (v !== undefined && !skip.includes(k)) out[k] = v;
  return out;
}

function liveSkill(acc: AccountState, id: number): Skill | undefined {
  const s = acc.skills[id];
  return s && !s.deleted ? s : undefined;
}

function nameTaken<T extends Entity>(
  items: Record<string, T>,
  name: string,
  self: number,
  get: (t: T) => string,
  deleted: (t: T) => boolean,
) {
  const n = name.toLowerCase();
  return Object.values(items).some((t) => t.id !== self && !deleted(t) && get(t).toLowerCase() === n);
}

function noRefs(what: string, ids: readonly unknown[] | null | undefined): void {
  // The emulator has no LOBs, working hours, special occasions: any reference to one is dangling.
  if (ids && ids.length) throw acErrors.missingReference(`${what} ${ids.join(", ")} does not exist`);
}

// ---- skills ------------------------------------------------------------------------------------
const routingItem = z.strictObject({ agentGroupId: idRef, priority: int, splitPercentage: int.min(0).max(100) });
export const skillSchema = z.strictObject({
  id: idRef.nullish(),
  deleted: z.boolean().optional(),
  dateUpdated: str.nullish(),
  name: str.trim().min(1).max(NAME_MAX_LENGTH),
  description: str.nullish(),
  skillOrder: int.nullish(),
  maxWaitTime: int.min(0).nullish(),
  defaultPostChatSurveyId: str.nullish(),
  defaultOfflineSurveyId: str.nullish(),
  defaultAgentSurveyId: str.nullish(),
  skillRoutingConfiguration: z.array(routingItem).nullish(),
  wrapUpTime: int.nullish(),
  slaDefaultResponseTime: int.nullish(),
  slaUrgentResponseTime: int.nullish(),
  slaFirstTimeResponseTime: int.nullish(),
  lobIds: z.array(idRef).nullish(),
  canTransfer: z.boolean().nullish(),
  skillTransferList: z.array(idRef).nullish(),
  workingHoursId: idRef.nullish(),
  specialOccasionId: idRef.nullish(),
  postConversationSurveyAppInstallAssociationId: str.nullish(),
  autoCloseInSeconds: int.nullish(),
  transferToAgentMaxWaitInSeconds: int.nullish(),
  fallbackSkill: idRef.nullish(),
  fallbackWhenAllAgentsAreAway: z.boolean().nullish(),
  redistributeLoadToConnectedAgentGroups: z.boolean().nullish(),
  agentSurveyForMsgId: idRef.nullish(),
  agentSurveyForMsgTimeoutInMinutes: int.nullish(),
});

export const skills: CollectionSpec<Skill> = {
  name: "skills",
  what: "skill",
  items: (acc) => acc.skills,
  isDeleted: (s) => s.deleted,
  defaultListSelect: ["id", "deleted", "name"],
  toWire: (_acc, s) => ({ ...s }),
  build(acc, raw, ctx) {
    const b = parseBody(skillSchema, raw);
    checkBodyId(b, ctx);
    if (
      nameTaken(
        acc.skills,
        b.name,
        ctx.id,
        (s) => s.name,
        (s) => s.deleted,
      )
    )
      throw acErrors.duplicateName("skill", b.name);
    for (const r of b.skillRoutingConfiguration ?? []) {
      if (r.agentGroupId !== -1) throw acErrors.missingReference(`agent group ${r.agentGroupId} does not exist`);
    }
    for (const t of b.skillTransferList ?? []) {
      if (t !== ctx.id && !liveSkill(acc, t)) throw acErrors.missingReference(`skill ${t} in skillTransferList does not exist`);
    }
    if (b.fallbackSkill !== undefined && b.fallbackSkill !== null && b.fallbackSkill !== ctx.id && !liveSkill(acc, b.fallbackSkill)) {
      throw acErrors.missingReference(`fallbackSkill ${b.fallbackSkill} does not exist`);
    }
    noRefs("LOB", b.lobIds);
    noRefs("working hours", b.workingHoursId == null ? [] : [b.workingHoursId]);
    noRefs("special occasion", b.specialOccasionId == null ? [] : [b.specialOccasionId]);
    const order = Object.keys(acc.skills).length;
    return {
      ...present(b, ["id", "deleted", "dateUpdated"]),
      id: ctx.id,
      deleted: false,
      name: b.name,
      dateUpdated: nowDate(),
      skillOrder: b.skillOrder ?? ctx.existing?.skillOrder ?? order,
      maxWaitTime: b.maxWaitTime ?? 120,
      canTransfer: b.canTransfer ?? true,
      fallbackWhenAllAgentsAreAway: b.fallbackWhenAllAgentsAreAway ?? true,
    };
  },
  checkDelete(acc, ids) {
    const deleting = new Set(ids.map(Number));
    for (const id of ids) {
      const n = Number(id);
      const users = Object.values(acc.users).some((u) => !u.deleted && u.skillIds.includes(n));
      const engagements = Object.values(acc.engagements).some((e) => !e.deleted && e.skillId === n);
      const others = Object.values(acc.skills).some(
        (s) =>
          !s.deleted &&
          !deleting.has(s.id) &&
          ((Array.isArray(s.skillTransferList) && (s.skillTransferList as number[]).includes(n)) || s.fallbackSkill === n),
      );
      const deps = [others && "skills", engagements && "engagements", users && "users"].filter(Boolean) as string[];
      if (deps.length) throw acErrors.skillDependencies(deps);
    }
  },
  markDeleted: (s) => ({ ...s, deleted: true, dateUpdated: nowDate() }),
  batchDelete: true,
};

// ---- users -------------------------------------------------------------------------------------
const userType = z
  .union([z.literal(0), z.literal(1), z.literal(2), z.literal("0"), z.literal("1"), z.literal("2")])
  .transform((v) => Number(v) as 0 | 1 | 2);
const groupRef = z.strictObject({ agentGroupId: idRef, assignmentDate: str.nullish() });
export const userSchema = z.strictObject({
  id: idRef.nullish(),
  pid: str.nullish(),
  deleted: z.boolean().optional(),
  dateUpdated: str.nullish(),
  dateCreated: str.nullish(),
  lastPwdChangeDate: str.nullish(),
  loginName: str.trim().min(1).max(NAME_MAX_LENGTH),
  fullName: str.trim().min(1),
  nickname: str.trim().min(1),
  email: str.regex(/^[^@\s]+@[^@\s]+$/, "expected an email address"),
  isEnabled: z.boolean(),
  maxChats: int.min(-1),
  maxAsyncChats: int.min(-1).nullish(),
  skillIds: z.array(idRef).nullish(),
  profileIds: z.array(idRef).min(1, "at least one profile is required"),
  memberOf: groupRef.nullish(),
  managerOf: z.array(groupRef).nullish(),
  permissionGroups: z.array(int).nullish(),
  passwordSh: str.min(1).nullish(),
  changePwdNextLogin: z.boolean().nullish(),
  isApiUser: z.boolean().nullish(),
  allowedAppKeys: str.nullish(),
  userTypeId: userType.optional(),
  lobIds: z.array(idRef).nullish(),
  disabledManually: z.boolean().nullish(),
  description: str.nullish(),
  mobileNumber: str.nullish(),
  employeeId: str.nullish(),
  pictureId: z.union([str, int]).nullish(),
  pictureUrl: str.nullish(),
  backgndImgUri: str.nullish(),
  pnCertName: str.nullish(),
  mfaSecret: str.nullish(),
  isMfaSecretBinded: z.boolean().nullish(),
  // Response-only fields of the real API: accepted (a client may PUT back what it read) and ignored.
  profiles: z.unknown().optional(),
  skills: z.unknown().optional(),
  lobs: z.unknown().optional(),
  managedAgentGroups: z.unknown().optional(),
  lpaCreatedUser: z.unknown().optional(),
  isActive: z.unknown().optional(),
  resetMfaSecret: z.unknown().optional(),
});
const USER_IGNORED = [
  "id",
  "pid",
  "deleted",
  "dateUpdated",
  "dateCreated",
  "lastPwdChangeDate",
  "passwordSh",
  "profiles",
  "skills",
  "lobs",
  "managedAgentGroups",
  "lpaCreatedUser",
  "isActive",
  "resetMfaSecret",
];

export const users: CollectionSpec<User> = {
  name: "users",
  what: "user",
  items: (acc) => acc.users,
  isDeleted: (u) => u.deleted,
  // Responses never include the password (it is kept in userSecrets, not on the entity).
  toWire: (_acc, u) => ({ ...u }),
  secretsOf(raw) {
    const p = (raw as { passwordSh?: unknown }).passwordSh;
    return { password: typeof p === "string" ? p : null };
  },
  build(acc, raw, ctx) {
    const b = parseBody(userSchema, raw);
    checkBodyId(b, ctx);
    if (
      nameTaken(
        acc.users,
        b.loginName,
        ctx.id,
        (u) => u.loginName,
        (u) => u.deleted,
      )
    )
      throw acErrors.duplicateName("user", b.loginName);
    const isApiUser = b.isApiUser ?? false;
    const keys = (b.allowedAppKeys ?? "").trim();
    const hasPassword = !!b.passwordSh || (!!ctx.existing && !ctx.existing.isApiUser && !!acc.userSecrets[ctx.id]?.passwordDigest);
    if (isApiUser) {
      if (!keys) throw acErrors.validation("allowedAppKeys is required for an API user (isApiUser: true)");
      if (b.passwordSh) throw acErrors.validation("an API user logs in with an app key and cannot have a password");
    } else if (!hasPassword) {
      throw acErrors.validation("passwordSh is required for a user that is not an API user");
    }
    for (const p of b.profileIds)
      if (!acc.profiles[p] || acc.profiles[p].deleted) throw acErrors.missingReference(`profile ${p} does not exist`);
    for (const s of b.skillIds ?? []) if (!liveSkill(acc, s)) throw acErrors.missingReference(`skill ${s} does not exist`);
    for (const g of [b.memberOf, ...(b.managerOf ?? [])]) {
      if (g && g.agentGroupId !== -1) throw acErrors.missingReference(`agent group ${g.agentGroupId} does not exist`);
    }
    noRefs("LOB", b.lobIds);
    return {
      ...present(b, USER_IGNORED),
      id: ctx.id,
      pid: ctx.existing?.pid ?? `pid-${ctx.id}`,
      deleted: false,
      loginName: b.loginName,
      fullName: b.fullName,
      nickname: b.nickname,
      email: b.email,
      isEnabled: b.isEnabled,
      maxChats: b.maxChats,
      profileIds: b.profileIds,
      skillIds: b.skillIds ?? [],
      userTypeId: b.userTypeId ?? 1,
      isApiUser,
      allowedAppKeys: isApiUser ? keys : "",
      dateUpdated: nowDate(),
    };
  },
  markDeleted: (u) => ({ ...u, deleted: true, dateUpdated: nowDate() }),
  batchDelete: true,
};

// ---- profiles and goals (seeded, read-only) ------------------------------------------------------
export const profiles: CollectionSpec<Profile> = {
  name: "profiles",
  what: "profile",
  items: (acc) => acc.profiles,
  isDeleted: (p) => p.deleted,
  toWire: (_acc, p) => ({ ...p }),
};
export const goals: CollectionSpec<Goal> = {
  name: "goals",
  what: "goal",
  items: (acc) => acc.goals,
  isDeleted: (g) => g.deleted,
  toWire: (_acc, g) => ({ ...g }),
};

// ---- campaigns -----------------------------------------------------------------------------------
const numOrNull = z.number().nullish();
export const campaignSchema = z.strictObject({
  id: idRef.nullish(),
  isDeleted: z.boolean().optional(),
  engagementIds: z.array(idRef).nullish(),
  engagements: z.unknown().optional(),
  name: str.trim().min(1).max(NAME_MAX_LENGTH),
  description: str.nullish(),
  goalId: idRef,
  lobId: idRef.nullish(),
  status: z.union([z.literal(0), z.literal(1)]).optional(),
  startDate: z.union([str, int]).nullish(),
  expirationDate: z.union([str, int]).nullish(),
  priority: numOrNull,
  weight: numOrNull,
  timeZone: str.nullish(),
  startDateTimeZoneOffset: numOrNull,
  expirationDateTimeZoneOffset: numOrNull,
  startTimeInMinutes: numOrNull,
  expirationTimeInMinutes: numOrNull,
  type: int.nullish(),
});

function liveEngagementIds(acc: AccountState, campaignId: number): number[] {
  return Object.values(acc.engagements)
    .filter((e) => !e.deleted && e.campaignId === campaignId)
    .map((e) => e.id);
}

export const campaigns: CollectionSpec<Campaign> = {
  name: "campaigns",
  what: "campaign",
  items: (acc) => acc.campaigns,
  isDeleted: (c) => c.isDeleted,
  toWire: (acc, c) => ({ ...c, engagementIds: liveEngagementIds(acc, c.id) }),
  build(acc, raw, ctx) {
    const b = parseBody(campaignSchema, raw);
    checkBodyId(b, ctx);
    if (
      nameTaken(
        acc.campaigns,
        b.name,
        ctx.id,
        (c) => c.name,
        (c) => c.isDeleted,
      )
    )
      throw acErrors.duplicateName("campaign", b.name);
    if (!acc.goals[b.goalId] || acc.goals[b.goalId].deleted) throw acErrors.missingReference(`goal ${b.goalId} does not exist`);
    noRefs("LOB", b.lobId == null ? [] : [b.lobId]);
    return {
      ...present(b, ["id", "isDeleted", "engagementIds", "engagements"]),
      id: ctx.id,
      name: b.name,
      goalId: b.goalId,
      status: b.status ?? 1,
      isDeleted: false,
    };
  },
  checkDelete(acc, ids) {
    for (const id of ids) {
      const live = liveEngagementIds(acc, Number(id));
      if (live.length) throw acErrors.validation(`campaign ${id} still has engagements (${live.join(", ")}); delete them first`);
    }
  },
  markDeleted: (c) => ({ ...c, isDeleted: true }),
};

// ---- engagements ---------------------------------------------------------------------------------
export const engagementSchema = z.strictObject({
  id: idRef.nullish(),
  deleted: z.boolean().optional(),
  campaignId: idRef.nullish(),
  name: str.trim().min(1).max(NAME_MAX_LENGTH),
  description: str.nullish(),
  enabled: z.boolean().optional(),
  channel: int.optional(),
  conversationType: z.union([z.literal(0), z.literal(1)]).optional(),
  skillId: idRef,
  skillName: str.nullish(),
  // Presentation / targeting fields captured from the LE UI; stored as sent, not interpreted.
  weight: numOrNull,
  type: int.nullish(),
  subType: int.nullish(),
  source: int.nullish(),
  windowId: idRef.nullish(),
  isUnifiedWindow: z.boolean().nullish(),
  isPopOut: z.boolean().nullish(),
  useSystemRouting: z.boolean().nullish(),
  showSmsPreSurveyOnMobile: z.boolean().nullish(),
  renderingType: int.nullish(),
  availabilityPolicy: int.nullish(),
  followMePages: int.nullish(),
  followMeTime: int.nullish(),
  timeInQueue: int.nullish(),
  viewErrors: int.nullish(),
  language: str.nullish(),
  onsiteLocations: z.array(idRef).nullish(),
  visitorBehaviors: z.array(idRef).nullish(),
  appInstallationId: z.unknown().optional(),
  externalTargets: z.unknown().optional(),
  displayInstances: z.array(z.unknown()).nullish(),
  position: z.unknown().optional(),
  connectorId: idRef.nullish(),
  allowUnauthMsg: z.boolean().nullish(),
});

function campaignOf(acc: AccountState, params: Params): Campaign {
  const c = acc.campaigns[params.campaignId];
  if (!/^\d+$/.test(params.campaignId) || !c || c.isDeleted) throw acErrors.notFound("campaign", params.campaignId);
  return c;
}

export const engagements: CollectionSpec<Engagement> = {
  name: "engagements",
  what: "engagement",
  items: (acc) => acc.engagements,
  isDeleted: (e) => e.deleted,
  checkParent: (acc, params) => void campaignOf(acc, params),
  inScope: (e, params) => String(e.campaignId) === params.campaignId,
  toWire: (_acc, e) => ({ ...e }),
  build(acc, raw, ctx) {
    const campaign = campaignOf(acc, ctx.params);
    const b = parseBody(engagementSchema, raw);
    checkBodyId(b, ctx);
    if (b.campaignId != null && b.campaignId !== campaign.id) {
      throw acErrors.validation(`campaignId ${b.campaignId} in the body does not match the URL campaign ${campaign.id}`);
    }
    const skill = liveSkill(acc, b.skillId);
    if (!skill) throw acErrors.missingReference(`skill ${b.skillId} does not exist`);
    return {
      ...present(b, ["id", "deleted", "campaignId", "skillName"]),
      id: ctx.id,
      campaignId: campaign.id,
      name: b.name,
      enabled: b.enabled ?? true,
      channel: b.channel ?? 1,
      conversationType: b.conversationType ?? 1,
      deleted: false,
      skillId: skill.id,
      // Server-filled from the skill so the pair can never disagree.
      skillName: skill.name,
    };
  },
  markDeleted: (e) => ({ ...e, deleted: true }),
  alsoBump: ["campaigns"],
};
