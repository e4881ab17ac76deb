/**
 * Issue #7 as a regression test, with the real CLI on a 1-bot BotDeployment (skill, campaign,
 * engagement, 3 bot agents, 3 connectors: 9 objects): a no-op `pulumi preview` makes no API call at
 * all, a `pulumi refresh` makes at most one read per object and no write, and the first preview
 * looks for no connector to take over. The emulator's counters (per method and route) are the
 * evidence; bench/ measures the same at larger scales.
 */
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";

const OBJECTS = 9;

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
new le.BotDeployment("bot", {
  botId: "demo-bot",
  conversationType: "messaging",
  agents: { count: 3, loginNamePrefix: "api-calls-bot", email: "api-calls@example.com",
    credentials: { password: (n) => pulumi.secret("api-calls-password-" + n) } },
  skill: { name: "api-calls-skill" },
  routing: { campaignName: "api-calls-campaign", engagementName: "api-calls-engagement" },
  flags: { messageDelay: 300 },
});
`;

/** Login, CB token exchange and Domain API look-ups: once per provider process, not per object. */
const isSession = (route: string) =>
  route.includes("/service/") || /\/(login|refresh|logout)$/.test(route) || route.startsWith("/sentinel/") || route.startsWith("/le-auth/");

function split(counters: Record<string, number>) {
  const out = { reads: 0, writes: 0, session: 0 };
  for (const [key, n] of Object.entries(counters)) {
    const [method, route] = key.split(" ");
    if (isSession(route)) out.session += n;
    else if (method === "GET") out.reads += n;
    else out.writes += n;
  }
  return out;
}

describeWithCli("API calls of preview and refresh (issue #7)", () => {
  let emu: E2eEmulator;
  let program: TestProgram;
  const fresh: Record<string, Record<string, number>> = {};

  beforeAll(async () => {
    emu = await startE2eEmulator(50);
    program = await TestProgram.create("api-calls", { "index.js": PROGRAM });
    await emu.configure(program);
    await program.pulumi(["preview"]);
    fresh.preview = await emu.admin<Record<string, number>>("GET", "/counters");
    await emu.admin("DELETE", "/counters");
    await program.up();
    fresh.up = await emu.admin<Record<string, number>>("GET", "/counters");
  }, 300_000);

  afterAll(async () => {
    await program?.destroy().catch(() => undefined);
    await program?.dispose();
    await emu?.close();
  }, 300_000);

  // The take-over preview (a new connector whose agent already has one) must cost a fresh deploy
  // nothing (issue #18): new agents cannot have a connector, so no bot's connectors are listed, and
  // the users list is the one BotAgent's preflight makes. At up, the only listings are each
  // connector create's own look-up. (11 calls at preview and 40 at up, as before the warning.)
  it("a fresh preview lists no bot's connectors, and the up only one per connector created", () => {
    const listing = "GET /bot-platform-manager-0.1/auth/liveperson/app";
    const users = "GET /api/account/:a/configuration/le-users/users";
    expect({ listings: fresh.preview[listing], users: fresh.preview[users] }).toEqual({ listings: undefined, users: 1 });
    expect({ listings: fresh.up[listing], users: fresh.up[users] }).toEqual({ listings: 3, users: 1 });
  });

  it("makes no API call on a no-op preview", async () => {
    await emu.admin("DELETE", "/counters");
    await program.previewNoChanges();
    expect(await emu.admin("GET", "/counters")).toEqual({});
  }, 120_000);

  it("reads each object at most once on refresh, and writes nothing", async () => {
    await emu.admin("DELETE", "/counters");
    await program.pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    const counters = await emu.admin<Record<string, number>>("GET", "/counters");
    const calls = split(counters);
    expect({ writes: calls.writes, readsWithinOnePerObject: calls.reads <= OBJECTS }).toEqual({ writes: 0, readsWithinOnePerObject: true });
    // Per route: one user read per agent, one connector listing per connector, nothing per bot status.
    expect(counters["GET /api/account/:a/configuration/le-users/users/:id"]).toBe(3);
    expect(counters["GET /bot-platform-manager-0.1/auth/liveperson/app"]).toBe(3);
    expect(counters["GET /api/account/:a/configuration/le-users/profiles"]).toBeUndefined();
    expect(counters["GET /sysadmin/nodejs/instance/status-v2/:botId"]).toBeUndefined();
  }, 120_000);
});
