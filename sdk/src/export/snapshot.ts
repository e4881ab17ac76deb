/**
 * Reading an account for `liveengage export`: only reads, never a write. One list per collection
 * (skills, users, profiles, goals, campaigns, bots), one engagement list per campaign and one
 * connector list per bot; a bot's status is read only when a connector's listing cannot tell
 * whether it runs. Nothing here grows per object beyond that (the bench checks it).
 */
import { isRunning } from "../resources/specs/botConnector";
import type { Bot, Campaign, Connector, Engagement, Goal, LiveEngageClient, Profile, Skill, User } from "../client";

export interface AccountSnapshot {
  accountId: string;
  skills: Skill[];
  /** Bot users (userTypeId 2) and any user a connector logs in as. */
  users: User[];
  profiles: Profile[];
  goals: Goal[];
  campaigns: Campaign[];
  /** Engagements by campaign id. */
  engagements: Map<number, Engagement[]>;
  bots: Bot[];
  /** Connectors by bot id, each with whether it runs. */
  connectors: Map<string, SnapshotConnector[]>;
}

export interface SnapshotConnector extends Connector {
  running: boolean;
}

/** Progress lines for large accounts (stderr in the CLI). */
export type Progress = (line: string) => void;

const BOT_USER_TYPE = 2;

/** Lists the account's objects, in parallel where the API allows it. */
export async function readAccount(
  le: LiveEngageClient,
  progress: Progress = () => undefined,
  botFilter?: (bot: Bot) => boolean,
): Promise<AccountSnapshot> {
  progress("reading skills, users, profiles, goals, campaigns and bots");
  const [skills, users, profiles, goals, campaigns, allBots] = await Promise.all([
    le.skills.list(),
    le.users.list(),
    le.profiles.list(),
    le.goals.list(),
    le.campaigns.list(),
    le.bots.list(),
  ]);
  const liveCampaigns = campaigns.filter((c) => !c.deleted && !c.isDeleted);
  const bots = botFilter ? allBots.filter(botFilter) : allBots;
  progress(`reading the engagements of ${liveCampaigns.length} campaign(s) and the connectors of ${bots.length} bot(s)`);

  const engagements = new Map<number, Engagement[]>();
  const connectors = new Map<string, SnapshotConnector[]>();
  let done = 0;
  const tick = () => {
    done++;
    if (done % 25 === 0) progress(`  ${done}/${liveCampaigns.length + bots.length} read`);
  };
  await Promise.all([
    ...liveCampaigns.map(async (c) => {
      engagements.set(
        c.id,
        (await le.engagements.list(c.id)).filter((e) => !e.deleted),
      );
      tick();
    }),
    ...bots.map(async (b) => {
      connectors.set(b.id, await withRunning(le, b.id, await le.connectors.listForBot(b.id)));
      tick();
    }),
  ]);
  const connectorUsers = new Set([...connectors.values()].flat().map((c) => String(c.lpUserId)));
  return {
    accountId: le.accountId,
    skills: skills.filter((s) => !s.deleted),
    users: users.filter((u) => !u.deleted && (Number(u.userTypeId) === BOT_USER_TYPE || connectorUsers.has(String(u.id)))),
    profiles: profiles.filter((p) => !p.deleted),
    goals: goals.filter((g) => !g.deleted),
    campaigns: liveCampaigns,
    engagements,
    bots,
    connectors,
  };
}

/**
 * Whether each connector runs: its last manual operation says so; only when none is recorded is
 * the bot's status read (once for all its connectors), as the BotConnector provider decides it.
 */
async function withRunning(le: LiveEngageClient, botId: string, list: Connector[]): Promise<SnapshotConnector[]> {
  if (list.length === 0) return [];
  const unknown = list.some((c) => !c.lastManualOperation);
  const status = unknown ? await le.connectors.status(botId) : undefined;
  return list.map((c) => {
    const entry = status?.agents.find((a) => String(a.lpUserId) === String(c.lpUserId));
    return { ...c, running: isRunning(c, entry ?? { status: "STOPPED" }) };
  });
}
