import { createLiveEngageClient } from "../../../sdk/src/client";
import { ConflictError, ForbiddenError, WaitTimeoutError } from "../../../sdk/src/client/errors";
import { FAST_RETRY, json, passwordCreds, resetClientState, startFake, type FakeLiveEngage } from "../../helpers/fake-liveengage";

let fake: FakeLiveEngage;
beforeEach(async () => {
  resetClientState();
  fake = await startFake();
});
afterEach(() => fake.close());

const ok = (successResult: unknown) => ({ success: true, message: "ok", successResult });
const connectorsPath = "/bot-platform-manager-0.1/auth/liveperson/app";
const botUserPath = () => `/live-engage-service-0.1/le/accounts/${fake.accountId}/bot_users/42`;
const input = () => ({
  deploymentEnvironment: "PRODUCTION" as const,
  type: "messaging" as const,
  lpAccountId: fake.accountId,
  lpAccountUser: "bot1",
  botId: "bot-1",
  configurations: { lpUserRole: "ASSIGNED_AGENT", lpPassword: "bot-user-password" },
});
const connector = () => ({
  ...input(),
  lpUserId: "42",
  configurations: { lpUserRole: "ASSIGNED_AGENT", lpPassword: "********" },
  status: "STOPPED",
});

describe("Conversation Builder", () => {
  it("exchanges the session bearer once and sends the CB headers", async () => {
    fake.route("GET", connectorsPath, (_q, res) => json(res, 200, ok({ chatBotId: "bot-1", agents: [connector()] })));
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await Promise.all([c.connectors.listForBot("bot-1"), c.connectors.listForBot("bot-1"), c.connectors.get("bot-1", "42")]);
    expect(fake.count("GET", "/le-auth/sso/authenticate")).toBe(1);
    const sent = fake.requests.find((r) => r.path === connectorsPath)!;
    expect(sent.headers.authorization).toBe(`cb-${fake.bearers[0]}`);
    expect(sent.headers.organizationid).toBe("org-1");
    expect(sent.query.get("chatBotId")).toBe("bot-1");
  });

  it("returns [] when the bot has no connectors (404)", async () => {
    fake.route("GET", connectorsPath, (_q, res) => json(res, 404, { success: false, errorCode: "NOT_FOUND", message: "none" }));
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await expect(c.connectors.listForBot("bot-1")).resolves.toEqual([]);
    await expect(c.connectors.get("bot-1", "42")).resolves.toBeUndefined();
  });

  it("re-exchanges the CB token after a CB 401", async () => {
    let n = 0;
    fake.route("GET", connectorsPath, (_q, res) =>
      ++n === 1 ? json(res, 401, { success: false, errorCode: "UNAUTHORIZED" }) : json(res, 200, ok({ agents: [] })),
    );
    await createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY }).connectors.listForBot("bot-1");
    expect(fake.count("GET", "/le-auth/sso/authenticate")).toBe(2);
  });

  it("adds a connector with the contract's body, and never returns the secret", async () => {
    fake.route("POST", botUserPath(), (_q, res) =>
      json(res, 201, ok({ ...connector(), configurations: { ...connector().configurations, lpPassword: "leak" } })),
    );
    const added = await createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY }).connectors.add("42", input());
    const sent = fake.requests.find((r) => r.method === "POST" && r.path === botUserPath())!;
    expect(sent.query.get("chatBotId")).toBe("bot-1");
    expect(sent.body).toEqual(input());
    expect(added.configurations.lpPassword).toBe("********");
  });

  it("looks the connector up after an ambiguous add instead of adding twice", async () => {
    let stored = false;
    fake.route("GET", connectorsPath, (_q, res) =>
      stored ? json(res, 200, ok({ agents: [connector()] })) : json(res, 404, { success: false, errorCode: "NOT_FOUND" }),
    );
    fake.route("POST", botUserPath(), (_q, res) => {
      stored = true;
      json(res, 504, { success: false, errorCode: "GATEWAY_TIMEOUT" });
    });
    const added = await createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY }).connectors.add("42", input());
    expect(added.lpUserId).toBe("42");
    expect(fake.count("POST", botUserPath())).toBe(1);
  });

  it("maps CB errors by errorCode", async () => {
    fake.route("PUT", botUserPath(), (_q, res) =>
      json(res, 409, { success: false, errorCode: "CONNECTOR_RUNNING", message: "stop it first" }),
    );
    fake.route("POST", botUserPath(), (_q, res) => json(res, 403, { success: false, errorCode: "INSUFFICIENT_PRIVILEGES" }));
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await expect(c.connectors.edit("42", input())).rejects.toMatchObject({ constructor: ConflictError, apiCode: "CONNECTOR_RUNNING" });
    await expect(c.connectors.add("42", input())).rejects.toMatchObject({
      constructor: ForbiddenError,
      apiCode: "INSUFFICIENT_PRIVILEGES",
    });
    expect(fake.count("PUT", botUserPath())).toBe(1);
  });

  it("starts, polls status until CONNECTED, stops and deletes", async () => {
    let started = 0;
    fake.route("PUT", "/sysadmin/nodejs/instance/start/bot-1", (q, res) => {
      expect(q.body).toEqual({ lpAccountId: fake.accountId, lpAccountUser: "bot1" });
      started = Date.now();
      json(res, 200, ok({ status: "STARTING" }));
    });
    fake.route("PUT", "/sysadmin/nodejs/instance/stop/bot-1", (_q, res) => json(res, 200, ok({ status: "STOPPED" })));
    fake.route("GET", "/sysadmin/nodejs/instance/status-v2/bot-1", (_q, res) => {
      const connected = started > 0 && Date.now() - started > 60;
      json(
        res,
        200,
        ok({
          botId: "bot-1",
          agents: [{ lpAccountUser: "bot1", lpUserId: "42", status: connected ? "CONNECTED" : "NOT_CONNECTED", components: [] }],
        }),
      );
    });
    fake.route("DELETE", botUserPath(), (_q, res) => json(res, 200, ok(null)));
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await expect(c.connectors.start("bot-1", "bot1")).resolves.toEqual({ status: "STARTING" });
    const s = await c.connectors.waitForStatus("bot-1", "42", "CONNECTED", { intervalMs: 20, timeoutMs: 2000 });
    expect(s.status).toBe("CONNECTED");
    await expect(c.connectors.stop("bot-1", "bot1")).resolves.toEqual({ status: "STOPPED" });
    await c.connectors.delete("bot-1", "42");
    expect(fake.count("DELETE", botUserPath())).toBe(1);
  });

  it("times out a wait with the failing components in the message", async () => {
    fake.route("GET", "/sysadmin/nodejs/instance/status-v2/bot-1", (_q, res) =>
      json(
        res,
        200,
        ok({
          botId: "bot-1",
          agents: [{ lpUserId: "42", status: "NOT_CONNECTED", components: [{ name: "skill", ok: false, reason: "user has no skill" }] }],
        }),
      ),
    );
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    const err = await c.connectors.waitForStatus("bot-1", "42", "CONNECTED", { intervalMs: 10, timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as Error).message).toContain("skill: user has no skill");
    expect((err as WaitTimeoutError).lastStatus).toBe("NOT_CONNECTED");
  });

  it("pages through bots", async () => {
    fake.route("GET", "/bot-platform-manager-0.1/bots", (q, res) => {
      const page = Number(q.query.get("page"));
      const data = page === 1 ? Array.from({ length: 100 }, (_, i) => ({ id: `b${i}`, name: `Bot ${i}` })) : [{ id: "b100", name: "Last" }];
      json(res, 200, ok({ pageContext: { page, size: 100, totalSize: 101 }, data }));
    });
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    expect(await c.bots.list()).toHaveLength(101);
    expect(await c.bots.findByName("Last")).toEqual({ id: "b100", name: "Last", chatBotType: undefined });
  });
});
