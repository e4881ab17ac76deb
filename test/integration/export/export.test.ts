/**
 * `liveengage export` against a hand-made emulator account over real HTTP (the Pulumi side is the
 * e2e test's): what the program declares, that it only reads, and that no id or secret is written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { shutdownLiveEngageClients } from "../../../sdk/src/client";
import { startEmulator, type RunningEmulator } from "../../../sdk/src/emulator";
import { exportAccount, type ExportSummary } from "../../../sdk/src/export";
import { emulatorAdmin, type AdminCall } from "../../helpers/emulator-admin";
import { BOTS, buildHandMadeAccount, PASSWORDS, type HandMadeAccount } from "../../helpers/hand-made-account";

let emu: RunningEmulator;
let admin: AdminCall;
let account: HandMadeAccount;
let dir: string;
let summary: ExportSummary;
let requests: { method: string; url: string; route: string }[];
let progress: string[];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, connectDelayMs: 50 });
  admin = emulatorAdmin(emu.url);
  account = await buildHandMadeAccount(emu, admin);
  dir = mkdtempSync(path.join(tmpdir(), "le-export-"));
  await admin("DELETE", "/requests");
  progress = [];
  summary = await exportAccount(account.le, {
    out: path.join(dir, "project"),
    packageSpec: "^0.1.0",
    pulumiSpec: "^3.248.0",
    command: "liveengage export",
    progress: (l) => progress.push(l),
  });
  requests = await admin("GET", "/requests");
}, 120_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await shutdownLiveEngageClients();
  await emu?.close();
});

const file = (name: string) => readFileSync(path.join(summary.out, name), "utf8");

it("writes a ready project", () => {
  expect(readdirSync(summary.out).sort()).toEqual([".gitignore", "Pulumi.yaml", "README.md", "index.ts", "package.json", "tsconfig.json"]);
  expect(JSON.parse(file("package.json")).dependencies).toEqual({ "@pulumi/pulumi": "^3.248.0", "pulumi-liveengage": "^0.1.0" });
  expect(file("Pulumi.yaml")).toMatch(/typescript: true/);
  expect(progress.length).toBeGreaterThan(0);
});

it("declares one BotDeployment per failover set and plain resources for the rest", () => {
  expect(summary.counts).toEqual({ Skill: 3, BotAgent: 1, Campaign: 1, Engagement: 2, BotConnector: 0, BotDeployment: 3, bots: 3 });
  const index = file("index.ts");
  expect(index).toMatch(/new BotDeployment\("support-bot", \{/);
  // Agents that follow the template read as the template; the others are named one by one.
  expect(index).toMatch(/loginNamePrefix: "support-bot",\s+fullNamePrefix: "Support Bot",\s+email: "support@example.com"/);
  expect(index).toMatch(/members: \[\s+\{ loginName: "alice-nights", fullName: "Alice \(nights\)", email: "alice@example.com" \}/);
  expect(index).toMatch(/conversationType: "chat"/);
  expect(index).toMatch(/new BotAgent\("spare-bot"/);
});

it("refers to objects by reference, never by literal id", () => {
  const index = file("index.ts");
  const ids = [...Object.values(account.skills), ...Object.values(account.users), account.campaignId, ...account.engagementIds].map(String);
  for (const id of ids) expect([id, index.includes(id)]).toEqual([id, false]);
  expect(index).toMatch(/fallbackSkill: escalationSkill\.id/);
  expect(index).toMatch(/campaignId: customerCareCampaign\.id/);
  expect(index).toMatch(/existingSkillId: supportSkill\.id/);
  // Bots are not managed: config, defaulting to this account's ids.
  expect(index).toContain(`const supportBotId = config.get("supportBotId") ?? "${BOTS.support.id}";`);
});

it("names the drift: the majority value is declared and the divergent agent listed, in the summary and the code", () => {
  expect(summary.drift).toEqual([
    {
      bot: "Support Bot",
      deployment: "support-bot",
      key: "messageDelay",
      declared: "500",
      divergent: [{ agent: "support-bot-2", value: "999" }],
    },
  ]);
  expect(file("index.ts")).toMatch(/\/\/\s+messageDelay: 500 declared; support-bot-2 had 999/);
  expect(file("index.ts")).toMatch(/messageDelay: 500/);
});

it("never writes a secret: config keys and the exact commands to set them instead", () => {
  for (const f of readdirSync(summary.out))
    for (const pw of Object.values(PASSWORDS)) expect([f, file(f).includes(pw)]).toEqual([f, false]);
  expect(summary.secrets.map((s) => s.key).sort()).toEqual(
    Object.keys(PASSWORDS)
      .map((l) => l.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) + "Password")
      .sort(),
  );
  expect(summary.secretCommands).toContain("pulumi config set --secret supportBot2Password '<password of bot agent support-bot-2>'");
  expect(file("README.md")).toContain("pulumi config set --secret supportBot2Password");
});

it("only reads, with one list per collection and per bot (no status call when connectors say whether they run)", () => {
  const api = requests.filter((r) => r.route.startsWith("/api/") || r.route.includes("bot") || r.route.includes("sysadmin"));
  expect(requests.filter((r) => r.method !== "GET" && !/login|authenticate/.test(r.route))).toEqual([]);
  const routes = api.filter((r) => r.method === "GET").map((r) => r.route);
  const count = (re: RegExp) => routes.filter((r) => re.test(r)).length;
  expect(count(/engagements$/)).toBe(1);
  expect(count(/status-v2/)).toBe(0);
  expect(count(/auth\/liveperson\/app/)).toBe(Object.keys(BOTS).length + 1); // the seeded demo bot too
});

it("refuses to write into a folder that is not empty", async () => {
  await expect(exportAccount(account.le, { out: summary.out, packageSpec: "x", pulumiSpec: "y", command: "c" })).rejects.toThrow(
    /not empty/,
  );
});
