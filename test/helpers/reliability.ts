/**
 * Shared pieces of the reliability tests (issue #8): a fleet program, bot seeding, the
 * "exactly as declared" invariant (no duplicate, no orphan, nothing missing), fault bookkeeping
 * and a seeded PRNG.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, readlinkSync } from "node:fs";
import * as path from "node:path";
import type { AdminCall } from "./emulator-admin";
import { ROOT, type TestProgram } from "./pulumi-cli";

/** Environment for every `pulumi` run of the reliability tests: a short 5xx/transport backoff with many tries. */
export const FAST_RETRY_ENV = { LIVEENGAGE_RETRY_BACKOFF_MS: "50,100,200,300,400,500,600,800" };

type Admin = AdminCall;

/** Seeds `count` Conversation Builder bots `<prefix>-bot-1..count` into the account. */
export async function seedBots(admin: Admin, accountId: string, prefix: string, count: number): Promise<string[]> {
  const bots = Array.from({ length: count }, (_, i) => ({ id: `${prefix}-bot-${i + 1}`, name: `${prefix} bot ${i + 1}` }));
  await admin("POST", "/seed", { accounts: [{ accountId, bots }] });
  return bots.map((b) => b.id);
}

export interface FleetOptions {
  /** Names of everything start with this (isolates stacks sharing one account). */
  prefix: string;
  bots: number;
  agentsPerBot: number;
  /** Plain resources with `adopt: true` (crash-safe re-run) instead of BotDeployment components. */
  plain?: boolean;
  /** A campaign + engagement routing to the first bot's skill. */
  routing?: boolean;
}

/**
 * The fleet program: per bot a skill, N bot agents and N started connectors. Config `messageDelay`
 * (optional) is a flag of every connector, so changing it rolls every connector; `skillDescription`
 * and `nickname` change skills and bot agents in place (PUTs carrying If-Match).
 */
export function fleetProgram(o: FleetOptions): string {
  return `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const messageDelay = config.getNumber("messageDelay") ?? 300;
const skillDescription = config.get("skillDescription") ?? "routes to the bot";
const nickname = config.get("nickname") ?? "bot";
const P = ${JSON.stringify(o.prefix)};
const out = {};
for (let b = 1; b <= ${o.bots}; b++) {
  const botId = P + "-bot-" + b;
  ${
    o.plain
      ? `
  const skill = new le.Skill("skill-" + b, { name: P + "-skill-" + b, description: skillDescription, adopt: true });
  if (b === 1 && ${Boolean(o.routing)}) {
    const campaign = new le.Campaign("campaign", { name: P + "-campaign", adopt: true });
    new le.Engagement("engagement", { campaignId: campaign.id, name: P + "-engagement", skillId: skill.id, adopt: true });
  }
  const statuses = [];
  let previous;
  for (let n = 1; n <= ${o.agentsPerBot}; n++) {
    const password = pulumi.secret(P + "-pw-" + b + "-" + n + "-S3CRET");
    const agent = new le.BotAgent("agent-" + b + "-" + n, {
      loginName: P + "-b" + b + "-" + n, nickname, fullName: P + " bot " + b + " " + n,
      email: "b" + b + "n" + n + "@example.com", skillIds: [skill.id], password, adopt: true,
    });
    const c = new le.BotConnector("connector-" + b + "-" + n, {
      botId, agent: agent.loginName, agentUserId: agent.userId, conversationType: "messaging",
      flags: { lpPassword: password, messageDelay }, adopt: true, connectTimeoutSeconds: 60,
    }, { dependsOn: previous ? [previous] : [] });
    previous = c;
    statuses.push(c.status);
  }
  out[botId] = pulumi.all(statuses);`
      : `
  const d = new le.BotDeployment("bot-" + b, {
    botId, conversationType: "messaging",
    agents: { count: ${o.agentsPerBot}, loginNamePrefix: P + "-b" + b, nickname, email: "b" + b + "@example.com",
      credentials: { password: (i) => pulumi.secret(P + "-pw-" + b + "-" + i + "-S3CRET") } },
    skill: { name: P + "-skill-" + b, description: skillDescription },
    routing: b === 1 && ${Boolean(o.routing)} ? { campaignName: P + "-campaign", engagementName: P + "-engagement" } : undefined,
    flags: { messageDelay },
    connectTimeoutSeconds: 60,
  });
  out[botId] = d.agents.apply((as) => as.map((a) => a.status));`
  }
}
exports.statuses = out;
`;
}

/** What the fleet declares, per kind. */
export function fleetCounts(o: FleetOptions): Record<Kind, number> {
  return {
    skills: o.bots,
    users: o.bots * o.agentsPerBot,
    campaigns: o.routing ? 1 : 0,
    engagements: o.routing ? 1 : 0,
    connectors: o.bots * o.agentsPerBot,
  };
}

export type Kind = "skills" | "users" | "campaigns" | "engagements" | "connectors";
export const KINDS: Kind[] = ["skills", "users", "campaigns", "engagements", "connectors"];
const TYPE_TO_KIND: Record<string, Kind> = {
  Skill: "skills",
  BotAgent: "users",
  Campaign: "campaigns",
  Engagement: "engagements",
  BotConnector: "connectors",
};

export interface LiveObject {
  kind: Kind;
  id: string;
  name: string;
  running?: boolean;
}

type Dump = { accounts: Record<string, Record<string, Record<string, Record<string, unknown>>>> };

/** Live (not deleted) objects of the account whose name starts with `prefix`. */
export async function liveObjects(admin: Admin, accountId: string, prefix: string): Promise<LiveObject[]> {
  const dump = await admin<Dump>("GET", `/state?account=${accountId}`);
  const acct = dump.accounts[accountId] ?? {};
  const out: LiveObject[] = [];
  for (const kind of KINDS) {
    for (const [key, o] of Object.entries(acct[kind] ?? {})) {
      if (o.deleted === true || o.isDeleted === true) continue;
      const name = String(kind === "users" ? o.loginName : kind === "connectors" ? o.lpAccountUser : o.name);
      if (!name.startsWith(prefix)) continue;
      const id = kind === "connectors" ? `${String(o.botId)}/${String(o.lpUserId)}` : String(o.id ?? key);
      out.push({ kind, id, name, running: kind === "connectors" ? o.lastManualOperation === "START" : undefined });
    }
  }
  return out;
}

export interface StackView {
  byKind: Record<Kind, string[]>;
  pending: unknown[];
  text: string;
}

/** The stack's resources by kind (ids) and its pending operations, from `pulumi stack export`. */
export async function stackView(program: TestProgram): Promise<StackView> {
  const r = await program.pulumi(["stack", "export"]);
  const d = (JSON.parse(r.stdout) as { deployment: { resources?: { type: string; id?: string }[]; pending_operations?: unknown[] } })
    .deployment;
  const byKind = Object.fromEntries(KINDS.map((k) => [k, [] as string[]])) as Record<Kind, string[]>;
  for (const res of d.resources ?? []) {
    const m = /^pulumi-nodejs:dynamic\/liveengage:(\w+)$/.exec(res.type);
    const kind = m ? TYPE_TO_KIND[m[1]] : undefined;
    if (kind && res.id) byKind[kind].push(res.id);
  }
  return { byKind, pending: d.pending_operations ?? [], text: r.stdout };
}

export interface Convergence {
  duplicates: string[];
  orphans: string[];
  missing: string[];
  counts: Record<Kind, number>;
  pending: number;
  stopped: string[];
}

/**
 * Compares the account with the stack: names unique per kind (no duplicate), every live object in
 * the stack (no orphan), every stack resource live (nothing missing), no pending operation.
 */
export async function convergence(admin: Admin, accountId: string, prefix: string, program: TestProgram): Promise<Convergence> {
  const live = await liveObjects(admin, accountId, prefix);
  const stack = await stackView(program);
  const duplicates: string[] = [];
  const orphans: string[] = [];
  const missing: string[] = [];
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const kind of KINDS) {
    const objs = live.filter((o) => o.kind === kind);
    counts[kind] = objs.length;
    const names = new Map<string, number>();
    for (const o of objs) names.set(o.name.toLowerCase(), (names.get(o.name.toLowerCase()) ?? 0) + 1);
    for (const [n, c] of names) if (c > 1) duplicates.push(`${kind}:${n}×${c}`);
    const inStack = new Set(stack.byKind[kind]);
    for (const o of objs) if (!inStack.has(o.id)) orphans.push(`${kind}:${o.name}(${o.id})`);
    const liveIds = new Set(objs.map((o) => o.id));
    for (const id of stack.byKind[kind]) if (!liveIds.has(id)) missing.push(`${kind}:${id}`);
  }
  const stopped = live.filter((o) => o.kind === "connectors" && !o.running).map((o) => o.name);
  return { duplicates, orphans, missing, counts, pending: stack.pending.length, stopped };
}

/** Every fault the emulator answered, from its request log (since `sinceSeq`). */
export interface FaultTally {
  requests: number;
  status5xx: number;
  status429: number;
  resets: number;
  latencySpikes: number;
}

export async function tallyFaults(admin: Admin, sinceSeq = 0): Promise<FaultTally & { lastSeq: number }> {
  const log = await admin<{ seq: number; status: number }[]>("GET", `/requests?since=${sinceSeq}`);
  const rules = await admin<{ kind: string; hits: number }[]>("GET", "/faults");
  return {
    requests: log.length,
    status5xx: log.filter((e) => e.status >= 500).length,
    status429: log.filter((e) => e.status === 429).length,
    resets: log.filter((e) => e.status === 0).length,
    latencySpikes: rules.filter((r) => r.kind === "latency").reduce((a, r) => a + r.hits, 0),
    lastSeq: log.length ? log[log.length - 1].seq : sinceSeq,
  };
}

/** mulberry32: a small seeded PRNG, so a failing crash seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const PULUMI = path.join(ROOT, "scripts", "pulumi");

/** `scripts/pulumi <args>` in its own process group, so a kill takes the engine, language host and providers down together (like a CI runner killing a job). */
export function spawnPulumi(
  program: TestProgram,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(PULUMI, [...args, "--non-interactive"], { cwd: program.dir, env: { ...process.env, ...env }, detached: true });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/**
 * SIGKILL a whole process group started by {@link spawnPulumi}, then the plugins that escaped it:
 * the engine starts each plugin in a process group of its own, so the dynamic provider processes
 * (cwd = the program folder) would otherwise outlive the kill as orphans.
 */
export function killGroup(child: ChildProcess, programDir?: string): void {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    /* already gone */
  }
  if (programDir) killProcessesIn(programDir);
}

/** SIGKILL every process whose working directory is `dir` or below it (Linux: /proc/<pid>/cwd). */
function killProcessesIn(dir: string): void {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${entry}/cwd`);
    } catch {
      continue; // gone, or not ours to read
    }
    if (cwd === dir || cwd.startsWith(dir + path.sep)) {
      try {
        process.kill(Number(entry), "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  }
}

/**
 * The file backend's repair after a SIGKILL: the state file (`<stack>.json`) is replaced atomically
 * (temp file + rename) but its metadata side file `<stack>.json.attrs` is not, so a kill between
 * the two leaves a zero-byte `.attrs` and every command then fails with
 * `failed to load checkpoint: EOF`. Deleting the empty `.attrs` file (the backend treats a missing
 * one as "no metadata") restores the stack; stray `*.tmp` files are left-overs of interrupted
 * writes and are removed too. Returns the files removed.
 */
export function repairFileBackend(program: TestProgram, project: string): string[] {
  const dir = path.join(ROOT, ".pulumi", "state", ".pulumi", "stacks", project);
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(`${program.stack}.json`)) continue;
    const full = path.join(dir, f);
    if ((f.endsWith(".attrs") && statSync(full).size === 0) || f.endsWith(".tmp")) {
      rmSync(full, { force: true });
      removed.push(f);
    }
  }
  return removed;
}
