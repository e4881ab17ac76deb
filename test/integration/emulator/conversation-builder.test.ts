// Conversation Builder contract (wire-contract §4–5): auth exchange, bots, agent connectors and
// their rules, statuses with per-component reasons, status history.
import { Emu, botUserBody, sleep, unique, type Session } from "../../helpers/emulator-http";

let emu: Emu;
let admin: Session;
let cb: { authorization: string; organizationid: string };
const DELAY = 150;

beforeAll(async () => {
  emu = await Emu.start({
    connectDelayMs: DELAY,
    seed: {
      accounts: [
        {
          accountId: "87654321",
          conversationTypes: ["messaging"],
          users: [{ loginName: "msg-admin", password: "msg-admin-pw", profile: "Administrator" }],
          bots: [{ id: "msg-bot", name: "Messaging Bot" }],
        },
      ],
    },
  });
  admin = await emu.login();
  const t = await emu.cbToken(admin.bearer);
  cb = { authorization: t.authorization, organizationid: t.organizationid };
});
afterAll(() => emu.close());

const A = () => emu.a;
const connectorUrl = (userId: number | string, botId = "demo-bot", account = A()) =>
  `/live-engage-service-0.1/le/accounts/${account}/bot_users/${userId}?chatBotId=${botId}`;

async function skill(): Promise<number> {
  const r = await emu.call("POST", emu.ac("le-users/skills"), { bearer: admin.bearer, body: { name: unique("cb-skill") } });
  return r.body.id;
}
async function botUser(extra: Record<string, unknown> = {}, skills?: number[]): Promise<{ id: number; loginName: string }> {
  const login = unique("cb-bot");
  const r = await emu.call("POST", emu.ac("le-users/users"), {
    bearer: admin.bearer,
    body: botUserBody(login, skills ?? [await skill()], extra),
  });
  expect(r.status).toBe(201);
  return r.body;
}
function body(user: { loginName: string }, over: Record<string, unknown> = {}, cfg: Record<string, string> = {}) {
  return {
    deploymentEnvironment: "STAGING",
    type: "messaging",
    lpAccountId: A(),
    lpAccountUser: user.loginName,
    botId: "demo-bot",
    configurations: { lpUserRole: "ASSIGNED_AGENT", enableAccessibility: "true", lpPassword: "bot-Passw0rd!", ...cfg },
    ...over,
  };
}
const cbCall = (method: string, path: string, b?: unknown, headers = cb) => emu.call(method, path, { body: b, headers });
function expectCbError(r: { status: number; body: any }, status: number, errorCode: string) {
  expect({ status: r.status, success: r.body?.success, errorCode: r.body?.errorCode }).toEqual({ status, success: false, errorCode });
  expect(typeof r.body.message).toBe("string");
}
const start = (login: string, bot = "demo-bot", h = cb) =>
  cbCall("PUT", `/sysadmin/nodejs/instance/start/${bot}`, { lpAccountId: A(), lpAccountUser: login }, h);
const stop = (login: string, bot = "demo-bot", h = cb) =>
  cbCall("PUT", `/sysadmin/nodejs/instance/stop/${bot}`, { lpAccountId: A(), lpAccountUser: login }, h);
async function agentStatus(userId: number, bot = "demo-bot", h = cb) {
  const r = await cbCall("GET", `/sysadmin/nodejs/instance/status-v2/${bot}`, undefined, h);
  expect(r.status).toBe(200);
  return r.body.successResult.agents.find((a: any) => a.lpUserId === String(userId));
}
async function waitFor(userId: number, status: string, bot = "demo-bot", h = cb) {
  for (let i = 0; i < 50; i++) {
    const s = await agentStatus(userId, bot, h);
    if (s?.status === status) return s;
    await sleep(20);
  }
  throw new Error(`connector of ${userId} never reached ${status}`);
}

describe("CB auth", () => {
  it("exchanges an LP bearer for a CB token with the caller's privileges", async () => {
    const r = await emu.call("GET", "/le-auth/sso/authenticate", { bearer: admin.bearer });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      success: true,
      message: "ok",
      successResult: expect.objectContaining({
        apiAccessToken: expect.any(String),
        apiAccessPermToken: expect.any(String),
        sessionOrganizationId: expect.any(String),
        leAccountId: A(),
        cbRegion: "emulator",
        leUserId: "1201",
        privileges: ["BOT_STATUS_ACCESS"],
        chatBotPlatformUser: { orgId: expect.any(String) },
      }),
    });
    const mgr = await emu.login("deployer-noprod", "noprod-password");
    expect((await emu.cbToken(mgr.bearer)).result.privileges).toEqual([]);
  });

  it("refuses a missing or bad bearer, and CB calls without a valid token/organization (401 UNAUTHORIZED)", async () => {
    expectCbError(await emu.call("GET", "/le-auth/sso/authenticate"), 401, "UNAUTHORIZED");
    expectCbError(await emu.call("GET", "/le-auth/sso/authenticate", { bearer: "bad" }), 401, "UNAUTHORIZED");
    expectCbError(await emu.call("GET", "/bot-platform-manager-0.1/bots?page=1&size=100"), 401, "UNAUTHORIZED");
    expectCbError(await cbCall("GET", "/bot-platform-manager-0.1/bots", undefined, { ...cb, authorization: "nope" }), 401, "UNAUTHORIZED");
    expectCbError(
      await cbCall("GET", "/bot-platform-manager-0.1/bots", undefined, { ...cb, organizationid: "other" }),
      401,
      "UNAUTHORIZED",
    );
    expectCbError(
      await cbCall("GET", "/bot-platform-manager-0.1/bots", undefined, { ...cb, authorization: `Bearer ${cb.authorization}` }),
      401,
      "UNAUTHORIZED",
    );
  });

  it("a CB token dies with the LP session it came from", async () => {
    const s = await emu.login();
    const t = await emu.cbToken(s.bearer);
    const h = { authorization: t.authorization, organizationid: t.organizationid };
    expect((await cbCall("GET", "/bot-platform-manager-0.1/bots", undefined, h)).status).toBe(200);
    await emu.call("POST", `/api/account/${A()}/logout?v=1.3`, { body: { csrf: s.csrf }, headers: { cookie: s.cookie } });
    expectCbError(await cbCall("GET", "/bot-platform-manager-0.1/bots", undefined, h), 401, "UNAUTHORIZED");
  });
});

describe("bots", () => {
  it("lists the seeded demo bot", async () => {
    const r = await cbCall("GET", "/bot-platform-manager-0.1/bots?page=1&size=100");
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.successResult.pageContext).toEqual({ page: 1, size: 100, totalSize: 1 });
    expect(r.body.successResult.data).toEqual([expect.objectContaining({ id: "demo-bot", name: "Demo Bot" })]);
    expectCbError(await cbCall("GET", "/bot-platform-manager-0.1/bots?page=0&size=100"), 400, "INVALID_REQUEST");
  });
});

describe("agent connectors", () => {
  it("adds (201), reads with secrets masked, and 404 NOT_FOUND for a bot without connectors or an unknown bot", async () => {
    const empty = await cbCall("GET", "/bot-platform-manager-0.1/auth/liveperson/app?chatBotId=demo-bot");
    // other tests may have added connectors by now; the unknown bot is always NOT_FOUND
    expect([200, 404]).toContain(empty.status);
    expectCbError(await cbCall("GET", "/bot-platform-manager-0.1/auth/liveperson/app?chatBotId=ghost"), 404, "NOT_FOUND");

    const u = await botUser();
    const r = await cbCall(
      "POST",
      connectorUrl(u.id),
      body(u, {}, { lpAppSecret: "s3cr3t-app", externalWebhookAPIKey: "hook-key", tileDisplay: "vertical" }),
    );
    expect(r.status).toBe(201);
    expect(r.body.success).toBe(true);
    expect(r.body.successResult).toEqual(
      expect.objectContaining({
        lpAccountId: A(),
        lpAccountUser: u.loginName,
        lpUserId: String(u.id),
        botId: "demo-bot",
        type: "messaging",
        deploymentEnvironment: "STAGING",
        status: "STOPPED",
        lastManualOperation: null,
      }),
    );
    expect(r.body.successResult.configurations).toEqual({
      lpUserRole: "ASSIGNED_AGENT",
      enableAccessibility: "true",
      lpPassword: "********",
      lpAppSecret: "********",
      externalWebhookAPIKey: "********",
      tileDisplay: "vertical",
    });
    const read = await cbCall("GET", "/bot-platform-manager-0.1/auth/liveperson/app?chatBotId=demo-bot");
    expect(read.status).toBe(200);
    expect(read.body.successResult.chatBotId).toBe("demo-bot");
    expect(read.body.successResult.agents.map((a: any) => a.lpUserId)).toContain(String(u.id));
    expect(read.text).not.toContain("bot-Passw0rd!");
    expect(read.text).not.toContain("s3cr3t-app");
    const dump = await emu.call("GET", "/_emulator/state");
    expect(dump.text).not.toContain("s3cr3t-app");
    expect(dump.text).not.toContain("bot-Passw0rd!");
    expect(dump.text).not.toContain("hook-key");
  });

  it("refuses an unknown bot (404 BOT_NOT_FOUND) and an unknown user (404 USER_NOT_FOUND)", async () => {
    const u = await botUser();
    expectCbError(await cbCall("POST", connectorUrl(u.id, "ghost-bot"), body(u, { botId: "ghost-bot" })), 404, "BOT_NOT_FOUND");
    expectCbError(await cbCall("POST", connectorUrl(424242), body(u)), 404, "USER_NOT_FOUND");
  });

  it.each([
    ["a bad type", { type: "voice" }],
    ["a bad environment", { deploymentEnvironment: "DEMO" }],
    ["configurations not a string map", { configurations: { enableAccessibility: true } }],
    ["lpAccountUser not the user's login", { lpAccountUser: "someone-else" }],
    ["lpAccountId not the account", { lpAccountId: "999" }],
    ["botId not chatBotId", { botId: "other" }],
    ["an unknown field", { colour: "red" }],
    ["a bad lpUserRole", { configurations: { lpUserRole: "BOSS" } }],
  ])("refuses %s (400 INVALID_REQUEST)", async (_l, over) => {
    const u = await botUser();
    expectCbError(await cbCall("POST", connectorUrl(u.id), body(u, over)), 400, "INVALID_REQUEST");
  });

  it("one agent belongs to one bot (409 AGENT_ALREADY_ASSIGNED), also twice on the same bot", async () => {
    const u = await botUser();
    expect((await cbCall("POST", connectorUrl(u.id), body(u))).status).toBe(201);
    expectCbError(await cbCall("POST", connectorUrl(u.id), body(u)), 409, "AGENT_ALREADY_ASSIGNED");
    await emu.call("POST", "/_emulator/seed", { body: { accounts: [{ accountId: A(), bots: [{ id: "second-bot", name: "Second" }] }] } });
    expectCbError(await cbCall("POST", connectorUrl(u.id, "second-bot"), body(u, { botId: "second-bot" })), 409, "AGENT_ALREADY_ASSIGNED");
  });

  it("PRODUCTION needs BOT_STATUS_ACCESS (403 INSUFFICIENT_PRIVILEGES); STAGING does not", async () => {
    const mgr = await emu.login("deployer-noprod", "noprod-password");
    const t = await emu.cbToken(mgr.bearer);
    const h = { authorization: t.authorization, organizationid: t.organizationid };
    const u = await botUser();
    expectCbError(
      await cbCall("POST", connectorUrl(u.id), body(u, { deploymentEnvironment: "PRODUCTION" }), h),
      403,
      "INSUFFICIENT_PRIVILEGES",
    );
    expect((await cbCall("POST", connectorUrl(u.id), body(u), h)).status).toBe(201);
    expectCbError(
      await cbCall("PUT", connectorUrl(u.id), body(u, { deploymentEnvironment: "PRODUCTION" }), h),
      403,
      "INSUFFICIENT_PRIVILEGES",
    );
    const v = await botUser();
    expect((await cbCall("POST", connectorUrl(v.id), body(v, { deploymentEnvironment: "PRODUCTION" }))).status).toBe(201);
    expectCbError(await start(v.loginName, "demo-bot", h), 403, "INSUFFICIENT_PRIVILEGES");
  });

  it("edits and deletes only while stopped (409 CONNECTOR_RUNNING); start/stop are idempotent", async () => {
    const u = await botUser();
    await cbCall("POST", connectorUrl(u.id), body(u));
    const s1 = await start(u.loginName);
    expect(s1.status).toBe(200);
    expect(s1.body.successResult.status).toBe("NOT_CONNECTED");
    expect((await start(u.loginName)).status).toBe(200);
    expectCbError(await cbCall("PUT", connectorUrl(u.id), body(u, { type: "chat" })), 409, "CONNECTOR_RUNNING");
    expectCbError(await cbCall("DELETE", connectorUrl(u.id)), 409, "CONNECTOR_RUNNING");
    const st = await stop(u.loginName);
    expect(st.body.successResult.status).toBe("STOPPED");
    expect((await stop(u.loginName)).status).toBe(200);
    const ed = await cbCall("PUT", connectorUrl(u.id), body(u, { type: "chat" }, { tileDisplay: "horizontal" }));
    expect(ed.status).toBe(200);
    expect(ed.body.successResult.type).toBe("chat");
    expect(ed.body.successResult.configurations.tileDisplay).toBe("horizontal");
    expect(ed.body.successResult.lastManualOperation).toBe("STOP");
    const del = await cbCall("DELETE", connectorUrl(u.id));
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true, message: expect.any(String), successResult: null });
    expectCbError(await cbCall("DELETE", connectorUrl(u.id)), 404, "CONNECTOR_NOT_FOUND");
    expectCbError(await start(u.loginName), 404, "CONNECTOR_NOT_FOUND");
    expectCbError(await stop(u.loginName), 404, "CONNECTOR_NOT_FOUND");
    expectCbError(await start(u.loginName, "ghost-bot"), 404, "BOT_NOT_FOUND");
  });

  it("an edit replaces the whole configuration, but a secret flag left out keeps its value and one sent empty is removed", async () => {
    const u = await botUser();
    await cbCall("POST", connectorUrl(u.id), body(u, {}, { tileDisplay: "horizontal", externalWebhookAPIKey: "hook-key-1234" }));
    const { lpPassword: _pw, externalWebhookAPIKey: _key, ...plain } = body(u).configurations as Record<string, string>;
    const ed = await cbCall("PUT", connectorUrl(u.id), body(u, { configurations: { ...plain, externalWebhookAPIKey: "" } }));
    expect(ed.status).toBe(200);
    const cfg = ed.body.successResult.configurations;
    expect(cfg).not.toHaveProperty("tileDisplay");
    expect(cfg).not.toHaveProperty("externalWebhookAPIKey");
    expect(cfg.lpPassword).toBe("********");
    // Kept as it was: the connector still logs in with the password it was added with.
    await start(u.loginName);
    expect((await waitFor(u.id, "CONNECTED")).reasons ?? []).toEqual([]);
    await stop(u.loginName);
    await cbCall("PUT", connectorUrl(u.id), body(u, { configurations: { ...plain, lpPassword: "" } }));
    await start(u.loginName);
    await sleep(DELAY * 2);
    expect((await agentStatus(u.id)).reasons).toEqual([expect.stringMatching(/^login: no credentials/)]);
    await stop(u.loginName);
    await cbCall("DELETE", connectorUrl(u.id));
  });
});

describe("connector status", () => {
  it("goes STOPPED → NOT_CONNECTED (starting) → CONNECTED after the connect delay, and records the history", async () => {
    const u = await botUser();
    await cbCall("POST", connectorUrl(u.id), body(u));
    expect((await agentStatus(u.id)).status).toBe("STOPPED");
    const t0 = Date.now();
    await start(u.loginName);
    const during = await agentStatus(u.id);
    expect(during.status).toBe("NOT_CONNECTED");
    expect(during.reasons).toEqual(["starting"]);
    const s = await waitFor(u.id, "CONNECTED");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(DELAY - 5);
    expect(s.components.every((c: any) => c.ok)).toBe(true);
    expect(s.components.map((c: any) => c.name)).toEqual(["botUser", "role", "login", "skill", "fallbackSkill", "conversationType"]);
    await stop(u.loginName);
    const h = await emu.call("GET", `/_emulator/status-history?account=${A()}&botId=demo-bot`);
    const mine = h.body.connectors.find((c: any) => c.lpUserId === String(u.id));
    expect(mine.history.map((e: any) => e.status)).toEqual(["STOPPED", "NOT_CONNECTED", "CONNECTED", "STOPPED"]);
    expect(mine.history[1].reasons).toEqual(["starting"]);
    for (const e of mine.history) expect(Date.parse(e.at)).not.toBeNaN();
  });

  it("logs in with the app-key quadruple from the configurations", async () => {
    const k = emu.e.credentials.appKey;
    const u = await botUser({ passwordSh: undefined, isApiUser: true, allowedAppKeys: k.appKey });
    await cbCall(
      "POST",
      connectorUrl(u.id),
      body(u, {
        configurations: {
          lpAppKey: k.appKey,
          lpAppSecret: k.secret,
          lpAccessToken: k.accessToken,
          lpAccessTokenSecret: k.accessTokenSecret,
        },
      }),
    );
    await start(u.loginName);
    await waitFor(u.id, "CONNECTED");
  });

  async function failing(
    component: string,
    setup: () => Promise<{ id: number; loginName: string }>,
    over: Record<string, unknown> = {},
    cfg: Record<string, string> = {},
  ) {
    const u = await setup();
    expect((await cbCall("POST", connectorUrl(u.id), body(u, over, cfg))).status).toBe(201);
    await start(u.loginName);
    await sleep(DELAY + 20);
    const s = await waitFor(u.id, "NOT_CONNECTED");
    const bad = s.components.filter((c: any) => !c.ok);
    expect(bad.map((c: any) => c.name)).toEqual([component]);
    expect(bad[0].reason).toEqual(expect.any(String));
    expect(s.reasons).toEqual([`${component}: ${bad[0].reason}`]);
    expect(JSON.stringify(s)).not.toContain("bot-Passw0rd!");
    expect(JSON.stringify(s)).not.toContain("wrong-Passw0rd");
    return s;
  }

  it("Not Connected: user is not a bot", () => failing("botUser", () => botUser({ userTypeId: 1 })));
  it("Not Connected: user disabled (botUser; the Login Service refuses it too)", async () => {
    const u = await botUser({ isEnabled: false });
    await cbCall("POST", connectorUrl(u.id), body(u));
    await start(u.loginName);
    const s = await waitFor(u.id, "NOT_CONNECTED");
    await sleep(DELAY + 20);
    const s2 = await agentStatus(u.id);
    expect(s2.components.filter((c: any) => !c.ok).map((c: any) => c.name)).toEqual(["botUser", "login"]);
    expect(s.status).toBe("NOT_CONNECTED");
  });
  it("Not Connected: role does not match the profile", () => failing("role", () => botUser(), {}, { lpUserRole: "MANAGER" }));
  it("Not Connected: credentials refused", () => failing("login", () => botUser(), {}, { lpPassword: "wrong-Passw0rd" }));
  it("Not Connected: no credentials at all", async () => {
    const u = await botUser();
    const b = body(u);
    delete (b.configurations as Record<string, string>).lpPassword;
    await cbCall("POST", connectorUrl(u.id), b);
    await start(u.loginName);
    await sleep(DELAY + 20);
    const s = await waitFor(u.id, "NOT_CONNECTED");
    expect(s.components.find((c: any) => c.name === "login").ok).toBe(false);
  });
  it("Not Connected: the user has no skill", () => failing("skill", () => botUser({}, [])));
  it("Not Connected: the fallback skill does not exist", () =>
    failing("fallbackSkill", () => botUser(), {}, { fallbackSkillId: "987654" }));

  it("Not Connected: conversation type not enabled on the account (messaging-only account)", async () => {
    const s = await emu.login("msg-admin", "msg-admin-pw", "87654321");
    const t = await emu.cbToken(s.bearer);
    const h = { authorization: t.authorization, organizationid: t.organizationid };
    const sk = await emu.call("POST", emu.ac("le-users/skills", "", "2.0", "87654321"), { bearer: s.bearer, body: { name: "m" } });
    const u = await emu.call("POST", emu.ac("le-users/users", "", "6.0", "87654321"), {
      bearer: s.bearer,
      body: botUserBody("chat-bot", [sk.body.id]),
    });
    const cfg = { lpUserRole: "ASSIGNED_AGENT", lpPassword: "bot-Passw0rd!" };
    const add = await emu.call("POST", `/live-engage-service-0.1/le/accounts/87654321/bot_users/${u.body.id}?chatBotId=msg-bot`, {
      headers: h,
      body: {
        deploymentEnvironment: "PRODUCTION",
        type: "chat",
        lpAccountId: "87654321",
        lpAccountUser: "chat-bot",
        botId: "msg-bot",
        configurations: cfg,
      },
    });
    expect(add.status).toBe(201);
    await emu.call("PUT", "/sysadmin/nodejs/instance/start/msg-bot", {
      headers: h,
      body: { lpAccountId: "87654321", lpAccountUser: "chat-bot" },
    });
    await sleep(DELAY + 20);
    const st = await waitFor(u.body.id, "NOT_CONNECTED", "msg-bot", h);
    expect(st.components.filter((c: any) => !c.ok).map((c: any) => c.name)).toEqual(["conversationType"]);
    // the URL account must be the token's account
    expectCbError(
      await cbCall("POST", connectorUrl(u.body.id, "demo-bot", "87654321"), body({ loginName: "chat-bot" })),
      401,
      "UNAUTHORIZED",
    );
  });

  it("status follows the live account: disabling the bot user after it connected makes it NOT_CONNECTED", async () => {
    const u = await botUser();
    await cbCall("POST", connectorUrl(u.id), body(u));
    await start(u.loginName);
    await waitFor(u.id, "CONNECTED");
    const full = (await emu.call("GET", emu.ac("le-users/users", `/${u.id}`), { bearer: admin.bearer })).body;
    const put = await emu.call("PUT", emu.ac("le-users/users", `/${u.id}`), { bearer: admin.bearer, body: { ...full, isEnabled: false } });
    expect(put.status).toBe(200);
    const s = await agentStatus(u.id);
    expect(s.status).toBe("NOT_CONNECTED");
    const h = await emu.call("GET", `/_emulator/status-history?account=${A()}&botId=demo-bot`);
    const last = h.body.connectors.find((c: any) => c.lpUserId === String(u.id)).history.at(-1);
    expect(last.status).toBe("NOT_CONNECTED");
    expect(last.reasons.some((r: string) => r.startsWith("botUser:"))).toBe(true);
  });
});
