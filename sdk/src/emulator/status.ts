// Pure computation of an agent connector's status from its components (docs/wire-contract.md §5).
// Inputs: the connector, the live account and the clock; no I/O, so it is unit-testable and the
// same function serves status reads, history recording and the connect-delay timer.
import { DEFAULT_ROLE, roleOfRoleType } from "../model/roles";
import { checkLogin, credentialsFromConfigurations } from "./credentials";
import { STATUS_WORDS, type ConnectorPhase, type StatusVocabulary } from "../model/connectorStatus";
import type { AccountState, Connector, ConnectorStatus } from "./store/state";

export interface Component {
  name: "botUser" | "role" | "login" | "skill" | "fallbackSkill" | "conversationType";
  ok: boolean;
  reason: string | null;
}

export interface ComputedStatus {
  status: ConnectorStatus;
  /** Reasons behind NOT_CONNECTED (failing components, or "starting"); empty otherwise. */
  reasons: string[];
  components: Component[];
  /** When the connect delay of a running connector ends (undefined when not starting). */
  connectsAt?: number;
}

export function computeComponents(acc: AccountState, c: Connector): Component[] {
  const cfg = c.running?.snapshot ?? c;
  const conf = cfg.configurations;
  const user = acc.users[c.lpUserId];
  const out: Component[] = [];
  const add = (name: Component["name"], reason: string | null) => out.push({ name, ok: reason === null, reason });

  if (!user || user.deleted) add("botUser", `user ${c.lpUserId} does not exist`);
  else if (!user.isEnabled) add("botUser", `user ${user.loginName} is disabled`);
  else if (user.userTypeId !== 2) add("botUser", `user ${user.loginName} is not a bot (userTypeId ${user.userTypeId})`);
  else add("botUser", null);

  const role = conf.lpUserRole ?? DEFAULT_ROLE;
  const roles = user ? user.profileIds.map((p) => roleOfRoleType(acc.profiles[p]?.roleTypeId)).filter((r) => r !== undefined) : [];
  if (!user || user.deleted) add("role", "no user to take a role from");
  else if (!(roles as string[]).includes(role)) {
    add("role", `lpUserRole ${role} does not match the role of the user's profile (${roles.length ? roles.join(", ") : "none"})`);
  } else add("role", null);

  const creds = credentialsFromConfigurations(acc, cfg.lpAccountUser, conf);
  if (!creds) {
    add("login", "no credentials in configurations (lpPassword, or lpAppKey/lpAppSecret/lpAccessToken/lpAccessTokenSecret)");
  } else {
    const check = checkLogin(acc, creds);
    if (!check.ok) add("login", `the Login Service refused the credentials: ${check.reason}`);
    else if (String(check.user.id) !== c.lpUserId) add("login", `the credentials log in as another user (${check.user.loginName})`);
    else add("login", null);
  }

  const liveSkills = user ? user.skillIds.filter((s) => acc.skills[s] && !acc.skills[s].deleted) : [];
  add("skill", liveSkills.length ? null : "the user has no skill");

  const fb = conf.fallbackSkillId;
  if (fb !== undefined && fb !== "" && (!acc.skills[fb] || acc.skills[fb].deleted)) {
    add("fallbackSkill", `fallback skill ${fb} does not exist`);
  } else add("fallbackSkill", null);

  add("conversationType", acc.conversationTypes.includes(cfg.type) ? null : `conversation type ${cfg.type} is not enabled on the account`);
  return out;
}

export function computeStatus(acc: AccountState, c: Connector, now: number, connectDelayMs: number): ComputedStatus {
  const components = computeComponents(acc, c);
  if (!c.running) return { status: "STOPPED", reasons: [], components };
  const connectsAt = c.running.startedAt + connectDelayMs;
  if (now < connectsAt) return { status: "NOT_CONNECTED", reasons: ["starting"], components, connectsAt };
  const failing = components.filter((x) => !x.ok).map((x) => `${x.name}: ${x.reason}`);
  return { status: failing.length ? "NOT_CONNECTED" : "CONNECTED", reasons: failing, components };
}

/** Which documented status vocabulary the emulator answers in (an option), and test overrides. */
export interface StatusWordSetting {
  vocabulary: StatusVocabulary;
  /** Words that replace the vocabulary's word for a phase (to play a word nobody documented). */
  overrides: Partial<Record<ConnectorPhase, string>>;
}

/** A connector's status as the status-v2 and connector reads put it on the wire. */
export interface WireStatus {
  status: string;
  reasons: string[];
  /** The Bot Status app's two connection levels (only in the `bot-status` vocabulary). */
  conversationalCloudConnection?: string;
  botServerConnection?: string;
}

/** The phase of a computed status: STOPPED splits into never started / stopped by someone. */
export function phaseOf(s: ComputedStatus, c: Connector): ConnectorPhase {
  if (s.status === "CONNECTED") return "connected";
  if (s.status === "STOPPED") return c.lastManualOperation === null ? "never-started" : "stopped";
  return s.reasons.length === 1 && s.reasons[0] === "starting" ? "starting" : "failed";
}

/** Puts a computed status into the words of the configured vocabulary. */
export function wireStatus(setting: StatusWordSetting, s: ComputedStatus, c: Connector): WireStatus {
  const phase = phaseOf(s, c);
  const status = setting.overrides[phase] ?? STATUS_WORDS[setting.vocabulary][phase];
  if (setting.vocabulary !== "bot-status") return { status, reasons: s.reasons };
  const up = phase === "connected";
  return {
    status,
    reasons: s.reasons,
    conversationalCloudConnection: c.type === "chat" ? (up ? "ONLINE" : "OFFLINE") : up ? "CONNECTED" : "NOT_CONNECTED",
    botServerConnection: up ? "CONNECTED" : "NOT_CONNECTED",
  };
}
