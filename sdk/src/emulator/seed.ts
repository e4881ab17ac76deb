// The seed: what every account starts with, and the input accepted by POST /_emulator/seed and
// startEmulator({ seed }). Seeded ids are fixed and well known so that tests and docs can name them;
// generated ids start far above them and never repeat.
import { z } from "zod";
import { CONVERSATION_TYPES } from "../model/conversationTypes";
import { digest, newSecretKey } from "./secrets";
import type { AccountState, Bot, ConversationType, EmulatorState, Goal, Profile, User } from "./store/state";

export const FIRST_GENERATED_ID = 3_000_000_001;

export const PROFILE_IDS = { administrator: 1001, agent: 1002, agentManager: 1003 } as const;
export const GOAL_ID = 1101;
export const ADMIN_USER_ID = 1201;
export const NOPROD_USER_ID = 1202;

export const DEFAULTS = {
  accountId: "12345678",
  username: "admin",
  password: "admin-password",
  noProd: { username: "deployer-noprod", password: "noprod-password" },
  bot: { id: "demo-bot", name: "Demo Bot" },
  oauthClient: { clientId: "emulator-client", clientSecret: "emulator-client-secret" },
  appKey: {
    appKey: "emulator-app-key",
    secret: "emulator-app-secret",
    accessToken: "emulator-access-token",
    accessTokenSecret: "emulator-access-token-secret",
  },
} as const;

const PROFILE_BY_NAME = {
  Administrator: PROFILE_IDS.administrator,
  Agent: PROFILE_IDS.agent,
  "Agent Manager": PROFILE_IDS.agentManager,
} as const;

const nonEmpty = z.string().min(1);
export const seedUserSchema = z.strictObject({
  loginName: nonEmpty,
  password: nonEmpty.optional(),
  profile: z.enum(["Administrator", "Agent", "Agent Manager"]).default("Agent"),
  userTypeId: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1),
  isEnabled: z.boolean().default(true),
  isApiUser: z.boolean().default(false),
  allowedAppKeys: z.string().default(""),
  skillIds: z.array(z.number().int()).default([]),
  privileges: z.array(nonEmpty).default([]),
});
export const seedAccountSchema = z.strictObject({
  accountId: z.string().regex(/^[A-Za-z0-9_-]+$/),
  conversationTypes: z.array(z.enum(CONVERSATION_TYPES)).min(1).optional(),
  users: z.array(seedUserSchema).default([]),
  bots: z.array(z.strictObject({ id: nonEmpty, name: nonEmpty, description: z.string().default("") })).default([]),
  oauthClients: z.array(z.strictObject({ clientId: nonEmpty, clientSecret: nonEmpty })).default([]),
  appKeys: z.array(z.strictObject({ appKey: nonEmpty, secret: nonEmpty, accessToken: nonEmpty, accessTokenSecret: nonEmpty })).default([]),
});
export const seedSchema = z.strictObject({ accounts: z.array(seedAccountSchema).default([]) });
export type SeedInput = z.input<typeof seedSchema>;
export type SeedAccount = z.output<typeof seedAccountSchema>;

export interface BaseSeed {
  accountId: string;
  username: string;
  password: string;
}

export function nowDate(): string {
  // The reference's dateUpdated format: "YYYY-MM-DD hh:mm:ss" (UTC here).
  return new Date().toISOString().replace("T", " ").slice(0, 19);
}

function orgIdFor(accountId: string): string {
  return `emulator-org-${accountId}`;
}

export function emptyAccount(accountId: string, conversationTypes: ConversationType[] = [...CONVERSATION_TYPES]): AccountState {
  const profiles: Record<string, Profile> = {};
  const addProfile = (id: number, name: string, roleTypeId: number, description: string) =>
    (profiles[id] = { id, name, roleTypeId, description, deleted: false });
  addProfile(PROFILE_IDS.administrator, "Administrator", 1, "Full access to the account");
  addProfile(PROFILE_IDS.agent, "Agent", 2, "Handles conversations");
  addProfile(PROFILE_IDS.agentManager, "Agent Manager", 3, "Manages agents");
  const goal: Goal = { id: GOAL_ID, name: "Interact with consumers", type: 0, description: "", deleted: false };
  return {
    accountId,
    secretKey: newSecretKey(),
    conversationTypes,
    organizationId: orgIdFor(accountId),
    revisions: { skills: 1, users: 1, profiles: 1, goals: 1, campaigns: 1, engagements: 1 },
    skills: {},
    users: {},
    userSecrets: {},
    extraPrivileges: {},
    profiles,
    goals: { [GOAL_ID]: goal },
    campaigns: {},
    engagements: {},
    appKeys: [],
    oauthClients: [],
    bots: {},
    connectors: {},
    statusHistory: {},
  };
}

function makeUser(id: number, loginName: string, profileId: number, extra: Partial<User> = {}): User {
  return {
    id,
    pid: `pid-${id}`,
    deleted: false,
    loginName,
    fullName: loginName,
    nickname: loginName,
    email: `${loginName}@emulator.invalid`,
    isEnabled: true,
    maxChats: 0,
    profileIds: [profileId],
    skillIds: [],
    userTypeId: 1,
    isApiUser: false,
    allowedAppKeys: "",
    memberOf: { agentGroupId: -1 },
    dateUpdated: nowDate(),
    ...extra,
  };
}

function makeBot(id: string, name: string, description = ""): Bot {
  const t = Date.now();
  return { id, name, description, chatBotType: "CUSTOMER_FACING_BOT", creationTime: t, modificationTime: t };
}

/** The primary account: seeded admin, the no-Production deployer, demo bot, OAuth client, app key. */
export function primaryAccount(base: BaseSeed): AccountState {
  const acc = emptyAccount(base.accountId);
  acc.users[ADMIN_USER_ID] = makeUser(ADMIN_USER_ID, base.username, PROFILE_IDS.administrator, { fullName: "Emulator Admin" });
  acc.userSecrets[ADMIN_USER_ID] = { passwordDigest: digest(acc, base.password) };
  acc.users[NOPROD_USER_ID] = makeUser(NOPROD_USER_ID, DEFAULTS.noProd.username, PROFILE_IDS.agentManager, {
    fullName: "Deployer without Production access",
  });
  acc.userSecrets[NOPROD_USER_ID] = { passwordDigest: digest(acc, DEFAULTS.noProd.password) };
  acc.bots[DEFAULTS.bot.id] = makeBot(DEFAULTS.bot.id, DEFAULTS.bot.name, "Seeded demo bot");
  acc.oauthClients.push({ clientId: DEFAULTS.oauthClient.clientId, clientSecretDigest: digest(acc, DEFAULTS.oauthClient.clientSecret) });
  acc.appKeys.push({ ...DEFAULTS.appKey });
  return acc;
}

/**
 * Apply a seed account onto the state (creating the account when missing). Returns the ids of the
 * collections that changed so the caller can bump their revisions. Throws a message on conflicts.
 */
export function applySeedAccount(state: EmulatorState, seed: SeedAccount): { changed: Set<"users"> } {
  const changed = new Set<"users">();
  let acc = state.accounts[seed.accountId];
  if (!acc) {
    acc = emptyAccount(seed.accountId, seed.conversationTypes ?? [...CONVERSATION_TYPES]);
    state.accounts[seed.accountId] = acc;
  } else if (seed.conversationTypes) {
    acc.conversationTypes = [...seed.conversationTypes];
  }
  for (const u of seed.users) {
    const taken = Object.values(acc.users).some((x) => !x.deleted && x.loginName.toLowerCase() === u.loginName.toLowerCase());
    if (taken) throw new Error(`user ${u.loginName} already exists in account ${seed.accountId}`);
    if (!u.isApiUser && !u.password) throw new Error(`user ${u.loginName} needs a password (or isApiUser: true)`);
    if (u.isApiUser && !u.allowedAppKeys) throw new Error(`API user ${u.loginName} needs allowedAppKeys`);
    for (const s of u.skillIds) {
      if (!acc.skills[s] || acc.skills[s].deleted) throw new Error(`skill ${s} does not exist in account ${seed.accountId}`);
    }
    const id = state.nextId++;
    acc.users[id] = makeUser(id, u.loginName, PROFILE_BY_NAME[u.profile], {
      userTypeId: u.userTypeId,
      isEnabled: u.isEnabled,
      isApiUser: u.isApiUser,
      allowedAppKeys: u.allowedAppKeys,
      skillIds: u.skillIds,
    });
    if (u.password && !u.isApiUser) acc.userSecrets[id] = { passwordDigest: digest(acc, u.password) };
    if (u.privileges.length) acc.extraPrivileges[id] = u.privileges;
    changed.add("users");
  }
  for (const b of seed.bots) acc.bots[b.id] = makeBot(b.id, b.name, b.description);
  for (const c of seed.oauthClients) {
    const client = { clientId: c.clientId, clientSecretDigest: digest(acc, c.clientSecret) };
    acc.oauthClients = acc.oauthClients.filter((x) => x.clientId !== c.clientId).concat([client]);
  }
  for (const k of seed.appKeys) {
    acc.appKeys = acc.appKeys.filter((x) => x.appKey !== k.appKey).concat([{ ...k }]);
  }
  return { changed };
}

export function initialState(base: BaseSeed, extra?: SeedInput): EmulatorState {
  const state: EmulatorState = { formatVersion: 1, nextId: FIRST_GENERATED_ID, accounts: {} };
  state.accounts[base.accountId] = primaryAccount(base);
  for (const a of seedSchema.parse(extra ?? {}).accounts) applySeedAccount(state, a);
  return state;
}
