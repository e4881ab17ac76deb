/**
 * `liveengage dashboard` over real HTTP against the emulator (no browser: test/e2e/dashboard.test.ts
 * drives the page in Chromium): what the snapshot and the event stream carry, that no secret is
 * ever in them, and who may read them (loopback host names, the access token, read-only).
 */
import { request } from "undici";
import { createLiveEngageClient, shutdownLiveEngageClients, type LiveEngageClient } from "../../../sdk/src/client";
import { userToInput } from "../../../sdk/src/client/wire/user";
import { startDashboard, type DashboardSnapshot, type RunningDashboard } from "../../../sdk/src/dashboard";
import { loadStaticFiles, startDashboardServer } from "../../../sdk/src/dashboard/server";
import { startEmulator, type RunningEmulator } from "../../../sdk/src/emulator";
import { troubleshootingFor } from "../../../sdk/src/model/troubleshooting";

const AGENT_PASSWORD = (i: number) => `agent-secret-${i}-pw`;

async function deployAgents(le: LiveEngageClient, count: number): Promise<void> {
  const skill = await le.skills.create({ name: "dash-skill" });
  const profile = await le.profiles.findForRole("ASSIGNED_AGENT");
  for (let i = 1; i <= count; i++) {
    const login = `dash-bot-${i}`;
    const user = await le.users.create({
      loginName: login,
      fullName: login,
      nickname: login,
      email: "bot@example.com",
      isEnabled: true,
      maxChats: -1,
      profileIds: [profile.id],
      skillIds: [skill.id],
      userTypeId: 2,
      passwordSh: AGENT_PASSWORD(i),
    });
    await le.connectors.add(String(user.id), {
      deploymentEnvironment: "STAGING",
      type: "messaging",
      lpAccountId: le.accountId,
      lpAccountUser: login,
      botId: "demo-bot",
      configurations: { lpUserRole: "ASSIGNED_AGENT", lpPassword: AGENT_PASSWORD(i), messageDelay: "300" },
    });
    await le.connectors.start("demo-bot", login);
  }
}

async function get(url: string, headers: Record<string, string> = {}, method: "GET" | "POST" | "HEAD" = "GET") {
  const res = await request(url, { method, headers });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

/** Polls the snapshot until `until` holds (the dashboard reads every 100 ms). */
async function snapshotWhen(base: string, until: (s: DashboardSnapshot) => boolean): Promise<DashboardSnapshot> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const s = JSON.parse((await get(`${base}api/snapshot`)).text) as DashboardSnapshot;
    if (until(s)) return s;
    if (Date.now() > deadline) throw new Error(`snapshot never matched; last: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("liveengage dashboard (server)", () => {
  let emulator: RunningEmulator;
  let le: LiveEngageClient;
  let dashboard: RunningDashboard;
  const agents = (s: DashboardSnapshot) => s.bots.find((b) => b.id === "demo-bot")?.agents ?? [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, connectDelayMs: 50 });
    le = createLiveEngageClient({
      accountId: emulator.accountId,
      csdsDomain: emulator.host,
      username: emulator.credentials.username,
      password: emulator.credentials.password,
    });
    await deployAgents(le, 2);
    dashboard = await startDashboard({ client: le, host: "127.0.0.1", port: 0, pollIntervalMs: 100 });
  }, 60_000);

  afterAll(async () => {
    await dashboard?.close();
    await shutdownLiveEngageClients();
    await emulator?.close();
  });

  it("shows every bot with its agents Connected, no drift, and a timeline", async () => {
    const s = await snapshotWhen(dashboard.url, (x) => agents(x).length === 2 && agents(x).every((a) => a.status === "Connected"));
    expect(s.accountId).toBe(emulator.accountId);
    const bot = s.bots.find((b) => b.id === "demo-bot")!;
    expect(bot.name).toBe("Demo Bot");
    expect(bot.agents.map((a) => [a.agent, a.environment, a.type, a.failing])).toEqual([
      ["dash-bot-1", "Demo", "messaging", []],
      ["dash-bot-2", "Demo", "messaging", []],
    ]);
    for (const a of bot.agents) expect(Date.parse(a.since!)).toBeGreaterThan(0);
    expect(bot.drift).toEqual({ agents: ["dash-bot-1", "dash-bot-2"], drift: [] });
    expect(bot.timeline[bot.timeline.length - 1]).toMatchObject({ connected: 2, total: 2 });
  });

  it("shows a flag changed on one agent as drift, and a disabled user with the failing component and its fix", async () => {
    const user = (await le.users.findByLoginName("dash-bot-2"))!;
    const current = (await le.connectors.get("demo-bot", String(user.id)))!;
    await le.connectors.stop("demo-bot", "dash-bot-2");
    await le.connectors.waitForStatus("demo-bot", String(user.id), "STOPPED", { timeoutMs: 10_000, intervalMs: 50 });
    await le.connectors.edit(String(user.id), {
      deploymentEnvironment: "STAGING",
      type: "messaging",
      lpAccountId: le.accountId,
      lpAccountUser: "dash-bot-2",
      botId: "demo-bot",
      configurations: { ...current.configurations, messageDelay: "999", lpPassword: AGENT_PASSWORD(2) },
    });
    await le.connectors.start("demo-bot", "dash-bot-2");
    let s = await snapshotWhen(dashboard.url, (x) => (x.bots[0]?.drift.drift.length ?? 0) > 0);
    expect(s.bots.find((b) => b.id === "demo-bot")!.drift.drift).toEqual([
      { flag: "messageDelay", values: { "dash-bot-1": "300", "dash-bot-2": "999" } },
    ]);

    await le.users.update(user.id, (u) => ({ ...userToInput(u), isEnabled: false }));
    s = await snapshotWhen(dashboard.url, (x) =>
      agents(x).some((a) => a.agent === "dash-bot-2" && a.status === "Not Connected" && a.failing.length > 0),
    );
    const failing = agents(s).find((a) => a.agent === "dash-bot-2")!.failing;
    expect(failing[0]).toEqual({ component: "botUser", reason: "user dash-bot-2 is disabled", fix: troubleshootingFor("botUser")!.fix });
    const text = JSON.stringify(s);
    for (const secret of [AGENT_PASSWORD(1), AGENT_PASSWORD(2), emulator.credentials.password]) expect(text).not.toContain(secret);
  }, 60_000);

  it("pushes snapshots as server-sent events", async () => {
    const controller = new AbortController();
    const res = await request(`${dashboard.url}api/events`, { signal: controller.signal });
    expect(res.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    let buffered = "";
    for await (const chunk of res.body) {
      buffered += String(chunk);
      if ((buffered.match(/^data: /gm) ?? []).length >= 2) break;
    }
    controller.abort();
    expect(buffered.startsWith("retry: 3000\n\n")).toBe(true);
    const first = JSON.parse(/^data: (.*)$/m.exec(buffered)![1]) as DashboardSnapshot;
    expect(first.bots.map((b) => b.id)).toContain("demo-bot");
    for (const secret of [AGENT_PASSWORD(1), emulator.credentials.password]) expect(buffered).not.toContain(secret);
  });

  it("serves the page's three files with a strict content security policy; read-only", async () => {
    const { bytes } = loadStaticFiles();
    let served = 0;
    for (const path of ["", "app.js", "style.css"]) {
      const r = await get(`${dashboard.url}${path}`);
      expect(r.status).toBe(200);
      expect(r.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      served += Buffer.byteLength(r.text);
    }
    expect(served).toBe(bytes);
    // The page's weight budget (README): plain files, no framework.
    expect(bytes).toBeLessThan(20_000);
    expect((await get(`${dashboard.url}api/snapshot`, {}, "POST")).status).toBe(405);
    expect((await get(`${dashboard.url}nothing-here`)).status).toBe(404);
  });

  it("on loopback, refuses requests naming another host (DNS rebinding)", async () => {
    const r = await get(`${dashboard.url}api/snapshot`, { host: "attacker.example:80" });
    expect(r.status).toBe(403);
    expect(r.text).not.toContain("demo-bot");
    expect((await get(`${dashboard.url}api/snapshot`, { host: "localhost" })).status).toBe(200);
  });
});

describe("liveengage dashboard access token", () => {
  const snapshot = (): DashboardSnapshot => ({ accountId: "1", pollIntervalMs: 1000, bots: [] });

  it("will not listen beyond loopback without a token", async () => {
    await expect(startDashboardServer({ host: "0.0.0.0", port: 0, snapshot })).rejects.toThrow(/without an access token: pass --token/);
  });

  it("requires the token: once in the address (traded for a cookie), then the cookie", async () => {
    const server = await startDashboardServer({ host: "127.0.0.1", port: 0, token: "s3cret-token", snapshot });
    try {
      expect(server.url).toMatch(/\/\?token=s3cret-token$/);
      const base = server.url.replace(/\?.*$/, "");
      expect((await get(`${base}api/snapshot`)).status).toBe(401);
      expect((await get(`${base}?token=wrong`)).status).toBe(401);
      const traded = await get(server.url);
      expect([traded.status, traded.headers.location]).toEqual([303, "/"]);
      const cookie = String(traded.headers["set-cookie"]);
      expect(cookie).toMatch(/^liveengage_dashboard=s3cret-token; HttpOnly; SameSite=Strict; Path=\//);
      const withCookie = await get(`${base}api/snapshot`, { cookie: cookie.split(";")[0] });
      expect([withCookie.status, JSON.parse(withCookie.text).accountId]).toEqual([200, "1"]);
      expect((await get(`${base}api/snapshot`, { cookie: "liveengage_dashboard=nope" })).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
