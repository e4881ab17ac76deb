/**
 * BotConnector against the emulator: create reaches Connected; read equals create; flag changes
 * replace (delete first); `running` alone is an in-place stop/start; delete stops first; failed
 * creates leave no orphan; Production needs Bot Status Access; secrets never surface in errors;
 * drift made outside Pulumi; adoption; the edits of an existing connector (take-over, adopt, repair)
 * keep the configuration keys and secret flags a person set by hand that the program does not declare.
 */
import * as connector from "../../../sdk/src/resources/botConnector.provider";
import { configureProviderProcess, liveEngage } from "../../../sdk/src/resources/runtime";
import { connectorConfigurations, type BotConnectorInputs } from "../../../sdk/src/resources/schemas";
import { DEFAULTS, PROFILE_IDS } from "../../../sdk/src/emulator";
import { maskedPasswordHandEdit } from "../../helpers/hand-edit";
import { checked, startHarness, type Harness } from "../../helpers/provider-harness";

const BOT = DEFAULTS.bot.id;
let h: Harness;
let skillId: number;
let n = 0;

beforeAll(async () => {
  h = await startHarness();
  skillId = (await liveEngage().skills.create({ name: "connector-skill" })).id;
});
afterAll(async () => {
  await h.close();
});

/** A fresh bot user (Agent profile, one skill, a password) made through the client. */
async function botUser(options: { password?: string; enabled?: boolean; profileId?: number } = {}) {
  const loginName = `cb-agent-${++n}`;
  const password = options.password ?? `pw-${loginName}-secret`;
  const user = await liveEngage().users.create({
    loginName,
    fullName: loginName,
    nickname: loginName,
    email: `${loginName}@example.com`,
    isEnabled: options.enabled ?? true,
    maxChats: -1,
    skillIds: [skillId],
    profileIds: [options.profileId ?? PROFILE_IDS.agent],
    userTypeId: 2,
    passwordSh: password,
  });
  return { loginName, password, id: String(user.id) };
}

/** Checked inputs as the engine holds them: credential flags apart, in secretFlags. */
type Checked = BotConnectorInputs & { secretFlags?: Record<string, unknown> };

/** The wire configuration of checked inputs (credential flags joined back), for hand-made connectors. */
const wireConfiguration = (inputs: Checked, accountId: string) => connectorConfigurations(inputs as BotConnectorInputs, accountId);

async function declare(agent: string, password: string, extra: Record<string, unknown> = {}): Promise<Checked> {
  const { flags, ...rest } = extra as { flags?: Record<string, unknown> };
  return checked<Checked>(connector, {
    botId: BOT,
    agent,
    conversationType: "messaging",
    connectTimeoutSeconds: 10,
    ...rest,
    flags: { lpPassword: password, ...flags },
  });
}

const harnessCredentials = (x: Harness) => ({
  accountId: x.emulator.accountId,
  csdsDomain: x.emulator.host,
  username: x.emulator.credentials.username,
  password: x.emulator.credentials.password,
});

const connectorsOf = async (lpUserId: string) => (await liveEngage().connectors.listForBot(BOT)).filter((c) => c.lpUserId === lpUserId);

interface LogEntry {
  seq: number;
  method: string;
  route: string;
  url: string;
  status: number;
}

describe("BotConnector lifecycle", () => {
  it("creates Connected, reads back the same, diffs clean, stops and starts in place, and deletes (stop first)", async () => {
    const user = await botUser();
    const inputs = await declare(user.loginName, user.password);
    expect(inputs).toMatchObject({ role: "ASSIGNED_AGENT", environment: "demo", running: true, accessibility: true });

    const created = await connector.create(inputs);
    expect(created.id).toBe(`${BOT}/${user.id}`);
    expect(created.outs).toMatchObject({
      botId: BOT,
      agent: user.loginName,
      conversationType: "messaging",
      role: "ASSIGNED_AGENT",
      environment: "demo",
      running: true,
      accessibility: true,
      status: "Connected",
      statusReasons: [],
      lpUserId: user.id,
    });
    expect(created.outs.flags).toMatchObject({ messageDelay: 300, fallbackEscalationTime: 180000, defaultGreetingMessage: "hi" });
    // Credential flags travel apart, as the secret output secretFlags (the schema moves them there, once).
    expect(created.outs.flags).not.toHaveProperty("lpPassword");
    expect(created.outs.secretFlags).toEqual({ lpPassword: user.password });
    expect((await liveEngage().connectors.statusOf(BOT, user.id))?.status).toBe("CONNECTED");

    const read = await connector.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props).toEqual(created.outs);
    expect(read.inputs).not.toHaveProperty("status");
    expect((await connector.diff(created.id, created.outs, inputs)).changes).toBe(false);

    // Any flag change is a delete-first replacement.
    const slower = await declare(user.loginName, user.password, { flags: { messageDelay: 1000 } });
    expect(await connector.diff(created.id, created.outs, slower)).toEqual({
      changes: true,
      replaces: ["flags"],
      deleteBeforeReplace: true,
    });

    // `running` alone: an in-place update that stops, then starts again.
    const stopped = await declare(user.loginName, user.password, { running: false });
    expect(await connector.diff(created.id, created.outs, stopped)).toEqual({ changes: true, replaces: [] });
    const afterStop = await connector.update(created.id, created.outs, stopped);
    expect(afterStop.outs).toMatchObject({ running: false, status: "Stopped", statusReasons: [] });
    expect((await liveEngage().connectors.statusOf(BOT, user.id))?.status).toBe("STOPPED");
    const readStopped = await connector.read(created.id, afterStop.outs);
    expect(readStopped.props).toEqual(afterStop.outs);
    expect((await connector.diff(created.id, afterStop.outs, stopped)).changes).toBe(false);

    const afterStart = await connector.update(created.id, afterStop.outs, inputs);
    expect(afterStart.outs).toMatchObject({ running: true, status: "Connected", statusReasons: [] });
    expect((await connector.read(created.id, afterStart.outs)).props).toEqual(afterStart.outs);
    expect((await connector.diff(created.id, afterStart.outs, inputs)).changes).toBe(false);

    const { seq: before } = (await h.admin<LogEntry[]>("GET", "/requests")).slice(-1)[0];
    await connector.delete(created.id, afterStart.outs);
    const log = (await h.admin<LogEntry[]>("GET", `/requests?since=${before}`)).filter((e) => e.status < 400);
    const stopAt = log.findIndex((e) => e.method === "PUT" && e.url.includes(`/instance/stop/${BOT}`));
    const deleteAt = log.findIndex((e) => e.method === "DELETE" && e.url.includes(`/bot_users/${user.id}`));
    expect(stopAt).toBeGreaterThanOrEqual(0);
    expect(deleteAt).toBeGreaterThan(stopAt);
    expect(await connectorsOf(user.id)).toEqual([]);

    expect((await connector.read(created.id, afterStart.outs)).id).toBe("");
    await expect(connector.delete(created.id, afterStart.outs)).resolves.toBeUndefined();
  }, 30_000); // waits back off (0.5 s, 1 s, 2 s…): several starts and stops take seconds

  it("fails a create with a wrong password with the login reason, never the password, and leaves no connector", async () => {
    const user = await botUser();
    const wrong = "Wrong-Password-4711";
    const inputs = await declare(user.loginName, wrong);
    const { seq: before } = (await h.admin<LogEntry[]>("GET", "/requests")).slice(-1)[0];
    const err = await connector.create(inputs).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(/did not reach Connected: .*login: the Login Service refused the credentials/);
    expect(err!.message).not.toContain(wrong);
    expect(String(err!.stack)).not.toContain(wrong);
    expect(await connectorsOf(user.id)).toEqual([]);
    // The connector was added and started, then rolled back: stopped and deleted.
    const log = (await h.admin<LogEntry[]>("GET", `/requests?since=${before}`))
      .filter((e) => e.status < 400)
      .map((e) => `${e.method} ${e.route}`);
    const added = log.indexOf("POST /live-engage-service-0.1/le/accounts/:a/bot_users/:lpUserId");
    const deleted = log.indexOf("DELETE /live-engage-service-0.1/le/accounts/:a/bot_users/:lpUserId");
    expect(added).toBeGreaterThanOrEqual(0);
    expect(log.indexOf("PUT /sysadmin/nodejs/instance/start/:botId")).toBeGreaterThan(added);
    expect(deleted).toBeGreaterThan(log.indexOf("PUT /sysadmin/nodejs/instance/stop/:botId"));
  });

  it("fails a create for a disabled bot user with the botUser reason, and leaves no connector", async () => {
    const user = await botUser({ enabled: false });
    const err = await connector.create(await declare(user.loginName, user.password)).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/botUser: .*disabled/);
    expect(err!.message).not.toContain(user.password);
    expect(await connectorsOf(user.id)).toEqual([]);
  });

  it("fails a create whose role does not match the user's profile, and leaves no connector", async () => {
    const user = await botUser({ profileId: PROFILE_IDS.agentManager });
    const err = await connector.create(await declare(user.loginName, user.password)).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/role: lpUserRole ASSIGNED_AGENT does not match/);
    expect(await connectorsOf(user.id)).toEqual([]);
    // The matching role connects.
    const manager = await connector.create(await declare(user.loginName, user.password, { role: "MANAGER" }));
    expect(manager.outs).toMatchObject({ role: "MANAGER", status: "Connected" });
    await connector.delete(manager.id, manager.outs);
  });

  it("refuses Production for a deployer without Bot Status Access, without leaking the password or leaving a connector", async () => {
    const user = await botUser();
    const inputs = await declare(user.loginName, user.password, { environment: "production" });
    const noProd: Record<string, string> = {
      ...h.config,
      "liveengage:username": DEFAULTS.noProd.username,
      "liveengage:password": DEFAULTS.noProd.password,
    };
    await configureProviderProcess({ config: { get: (k) => noProd[k] } });
    try {
      const err = await connector.create(inputs).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/INSUFFICIENT_PRIVILEGES|BOT_STATUS_ACCESS/);
      expect(err!.message).not.toContain(user.password);
      expect(err!.message).not.toContain(DEFAULTS.noProd.password);
    } finally {
      await configureProviderProcess({ config: { get: (k) => h.config[k] } });
    }
    expect(await connectorsOf(user.id)).toEqual([]);
    // The administrator may deploy to Production.
    const prod = await connector.create(inputs);
    expect(prod.outs).toMatchObject({ environment: "production", status: "Connected" });
    expect((await liveEngage().connectors.get(BOT, user.id))?.deploymentEnvironment).toBe("PRODUCTION");
    await connector.delete(prod.id, prod.outs);
  });

  it("refuses a connector to an unknown bot at check naming botId and at create with the API's reason, and to an unknown agent naming the input", async () => {
    const user = await botUser();
    const declared = await declare(user.loginName, user.password);
    const r = await connector.check({}, { ...declared, botId: "no-such-bot" });
    expect(r.failures).toEqual([
      expect.objectContaining({
        property: "botId",
        reason: expect.stringMatching(/^botId: Conversation Builder has no bot with id "no-such-bot"/),
      }),
    ]);
    await expect(connector.create({ ...declared, botId: "no-such-bot" })).rejects.toThrow(/BOT_NOT_FOUND/);
    const unknownAgent = await declare("nobody-here", "some-password-1");
    await expect(connector.create(unknownAgent)).rejects.toThrow(/^agent: no LiveEngage user with login name "nobody-here"/);
    expect(await connectorsOf(user.id)).toEqual([]);
  });

  it("never puts secret flags in check failures", async () => {
    const secret = "Very-Secret-Password-99";
    const r = await connector.check(
      {},
      {
        botId: BOT,
        agent: "cb-x",
        conversationType: "messaging",
        flags: {
          lpPassword: secret,
          lpAppKey: "app-key-1234",
          lpAppSecret: "app-secret-5678",
          lpAccessToken: "tok",
          lpAccessTokenSecret: "toksecret",
        },
      },
    );
    expect(r.failures?.map((f) => f.property)).toEqual(["flags.lpPassword"]);
    expect(JSON.stringify(r.failures)).not.toMatch(/Very-Secret|app-secret-5678|toksecret/);
  });

  it("reports configuration changed outside Pulumi on refresh, and diff then replaces", async () => {
    const { user, inputs, created } = await deployedThenEditedByHand((declared) => ({ ...declared, messageDelay: "1234" }));
    const le = liveEngage();
    await le.connectors.start(BOT, user.loginName);
    await le.connectors.waitForStatus(BOT, user.id, "CONNECTED", { timeoutMs: 5000, intervalMs: 50 });

    const read = await connector.read(created.id, created.outs);
    expect(read.props?.flags).toMatchObject({ messageDelay: 1234 });
    expect(read.props?.secretFlags).toEqual({ lpPassword: user.password });
    expect(read.inputs).toMatchObject({ flags: { messageDelay: 1234 } });
    expect(read.props).toMatchObject({ running: true, status: "Connected" });
    expect(await connector.diff(created.id, read.props as never, inputs)).toEqual({
      changes: true,
      replaces: ["flags"],
      deleteBeforeReplace: true,
    });
    await connector.delete(created.id, read.props!);
  });

  it("reads a connector stopped outside Pulumi as not running, and update starts it again", async () => {
    const user = await botUser();
    const inputs = await declare(user.loginName, user.password);
    const created = await connector.create(inputs);
    await liveEngage().connectors.stop(BOT, user.loginName);
    const read = await connector.read(created.id, created.outs);
    expect(read.props).toMatchObject({ running: false, status: "Stopped" });
    expect(await connector.diff(created.id, read.props as never, inputs)).toEqual({ changes: true, replaces: [] });
    const restarted = await connector.update(created.id, read.props!, inputs);
    expect(restarted.outs).toMatchObject({ running: true, status: "Connected" });
    await connector.delete(created.id, restarted.outs);
  });

  it("drops a connector deleted out of band on refresh, and explains an update of it", async () => {
    const user = await botUser();
    const inputs = await declare(user.loginName, user.password);
    const created = await connector.create(inputs);
    await liveEngage().connectors.stop(BOT, user.loginName);
    await liveEngage().connectors.delete(BOT, user.id);
    expect((await connector.read(created.id, created.outs)).id).toBe("");
    await expect(connector.update(created.id, created.outs, { ...inputs, running: false })).rejects.toThrow(
      /no longer exists.*pulumi refresh/,
    );
  });

  it("a create takes over an existing connector of the same agent and bot (idempotent, no adopt needed), restarting it only when it differs", async () => {
    const user = await botUser();
    const le = liveEngage();
    await handMadeConnector(user, { flags: { messageDelay: 900 } });

    const plain = await declare(user.loginName, user.password);
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    const taken = await connector.create(plain);
    expect(stderr.mock.calls.map((c) => String(c[0])).join("")).toMatch(/already exists .*taking it over as declared/);
    stderr.mockRestore();
    expect(taken.id).toBe(`${BOT}/${user.id}`);
    expect(taken.outs).toMatchObject({ running: true, status: "Connected" });
    expect(taken.outs.flags).toMatchObject({ messageDelay: 300 });
    const all = await connectorsOf(user.id);
    expect(all).toHaveLength(1);
    expect(all[0].configurations.messageDelay).toBe("300");
    expect((await connector.read(taken.id, taken.outs)).props).toEqual(taken.outs);
    expect((await connector.diff(taken.id, taken.outs, plain)).changes).toBe(false);

    // Again (a re-run after an interrupt): it already runs as declared, so it is not restarted.
    await h.admin("DELETE", "/requests");
    const again = await connector.create(plain);
    expect(again.id).toBe(taken.id);
    const log = await h.admin<LogEntry[]>("GET", "/requests");
    expect(log.filter((e) => e.method !== "GET").map((e) => `${e.method} ${e.route}`)).toEqual([]);

    // `adopt: true` still works, and says so in its outputs.
    const adopted = await connector.create(await declare(user.loginName, user.password, { adopt: true }));
    expect(adopted.outs).toMatchObject({ running: true, status: "Connected", adopt: true });
    // The same agent on another bot is refused by the API.
    await h.admin("POST", "/seed", { accounts: [{ accountId: h.emulator.accountId, bots: [{ id: "other-bot", name: "Other Bot" }] }] });
    const elsewhere = await checked<BotConnectorInputs>(connector, { ...plain, botId: "other-bot" });
    await expect(connector.create(elsewhere)).rejects.toThrow(/AGENT_ALREADY_ASSIGNED|already belongs to bot/);
    expect(await le.connectors.listForBot("other-bot")).toEqual([]);
    await connector.delete(adopted.id, adopted.outs);
  });

  it("a started connector that fails (the masked password sent back by hand) reads as not running, and update repairs it", async () => {
    const user = await botUser();
    const le = liveEngage();
    const inputs = await declare(user.loginName, user.password);
    const created = await connector.create(inputs);
    // Conversation Builder's hand edit: stop, PUT the connector back as read (secret flags masked), start.
    const asRead = (await connectorsOf(user.id))[0]!;
    // The client refuses to send the mask, so the hand edit goes around it, as the UI's request would.
    await expect(le.connectors.edit(user.id, asRead as never)).rejects.toThrow(/refusing to send .*lpPassword holds the mask/);
    await maskedPasswordHandEdit(harnessCredentials(h), BOT, user.loginName, le);
    await expect(
      le.connectors.waitForStatus(BOT, user.id, "CONNECTED", { timeoutMs: 3000, intervalMs: 50, failFast: true }),
    ).rejects.toThrow(/login/);

    const read = await connector.read(created.id, created.outs);
    expect(read.props).toMatchObject({ running: false, status: "Not Connected", statusReasons: [expect.stringMatching(/^login/)] });
    expect(read.inputs).toMatchObject({ running: false });
    const diff = await connector.diff(created.id, read.props!, inputs);
    expect(diff).toEqual({ changes: true, replaces: [] });

    await h.admin("DELETE", "/requests");
    const repaired = await connector.update(created.id, read.props!, inputs);
    expect(repaired.outs).toMatchObject({ running: true, status: "Connected" });
    const writes = (await h.admin<LogEntry[]>("GET", "/requests")).filter((e) => e.method !== "GET").map((e) => `${e.method} ${e.route}`);
    expect(writes).toEqual([
      expect.stringMatching(/^PUT .*\/stop\//),
      expect.stringMatching(/^PUT .*bot_users/),
      expect.stringMatching(/^PUT .*\/start\//),
    ]);
    await connector.delete(created.id, repaired.outs);
  });

  it("creates a stopped connector when running is false", async () => {
    const user = await botUser();
    const created = await connector.create(await declare(user.loginName, user.password, { running: false }));
    expect(created.outs).toMatchObject({ running: false, status: "Stopped", statusReasons: [] });
    expect((await connector.read(created.id, created.outs)).props).toEqual(created.outs);
    await connector.delete(created.id, created.outs);
    expect(await connectorsOf(user.id)).toEqual([]);
  });

  it("refuses bad input in check, naming the property", async () => {
    const r = await connector.check(
      {},
      {
        botId: "",
        agent: "has space",
        conversationType: "sms",
        environment: "prod",
        flags: { messageDelay: -1, lpUserRole: "MANAGER", lpPassword: "pw-12345678" },
        colour: "red",
      },
    );
    const props = (r.failures ?? []).map((f) => f.property).sort();
    expect(props).toEqual(["agent", "botId", "colour", "conversationType", "environment", "flags.lpUserRole", "flags.messageDelay"]);
    const chat = await connector.check(
      {},
      { botId: BOT, agent: "cb-x", conversationType: "chat", flags: { lpPassword: "pw-12345678", messageDelay: 10 } },
    );
    expect(chat.failures?.map((f) => f.property)).toEqual(["flags.messageDelay"]);
    const none = await connector.check({}, { botId: BOT, agent: "cb-x", conversationType: "messaging" });
    expect(none.failures?.map((f) => f.property)).toEqual(["flags.lpPassword"]);
  });
});

/** Set by hand, declared by no program below: a custom configuration key and a secret flag. */
const HAND_KEY = "handTunedGreeting";
const HAND_VALUE = "hello, set by hand";
const HAND_SECRET = "hand-hook-api-key-8271";

const liveOf = async (lpUserId: string) => (await connectorsOf(lpUserId))[0]!;

/** A person's edit in Conversation Builder: stop, then the whole connector with these configurations (left stopped). */
async function editByHand(user: { loginName: string; id: string }, configurations: Record<string, string>) {
  const le = liveEngage();
  await le.connectors.stop(BOT, user.loginName);
  await le.connectors.waitForStatus(BOT, user.id, "STOPPED", { timeoutMs: 5000, intervalMs: 50 });
  await le.connectors.edit(user.id, {
    deploymentEnvironment: "STAGING",
    type: "messaging",
    lpAccountId: le.accountId,
    lpAccountUser: user.loginName,
    botId: BOT,
    configurations,
  });
}

/** A connector the provider deployed, then stopped and edited by hand: `edit` gets its declared configuration. */
async function deployedThenEditedByHand(edit: (declared: Record<string, string>) => Record<string, string>) {
  const user = await botUser();
  const inputs = await declare(user.loginName, user.password);
  const created = await connector.create(inputs);
  await editByHand(user, edit(wireConfiguration(inputs, liveEngage().accountId)));
  return { user, inputs, created };
}

/**
 * A connector made by hand (or left by an interrupted run) from these inputs, running, as such a
 * connector would be: it must be stopped to edit it.
 */
async function handMadeConnector(user: { loginName: string; password: string; id: string }, extra: Record<string, unknown>) {
  const le = liveEngage();
  await le.connectors.add(user.id, {
    deploymentEnvironment: "STAGING",
    type: "messaging",
    lpAccountId: le.accountId,
    lpAccountUser: user.loginName,
    botId: BOT,
    configurations: wireConfiguration(await declare(user.loginName, user.password, extra), le.accountId),
  });
  await le.connectors.start(BOT, user.loginName);
  await le.connectors.waitForStatus(BOT, user.id, "CONNECTED", { timeoutMs: 5000, intervalMs: 50 });
}

/** The person's settings: another messageDelay, and a custom key and a secret flag no program declares. */
const handKeys = (flags: Record<string, unknown> = {}) => ({
  flags: { messageDelay: 900, externalWebhookAPIKey: HAND_SECRET, ...flags },
  customConfigurations: { [HAND_KEY]: HAND_VALUE },
});

/** The hand-set key and secret are still there; the declared flag and password are live (Connected: the login works). */
async function expectHandKeysKept(lpUserId: string) {
  const live = await liveOf(lpUserId);
  expect(live.configurations).toMatchObject({
    [HAND_KEY]: HAND_VALUE,
    externalWebhookAPIKey: "********",
    messageDelay: "300",
    lpPassword: "********",
  });
  expect((await liveEngage().connectors.statusOf(BOT, lpUserId))?.status).toBe("CONNECTED");
}

/** What the provider prints (warnings) while it runs. */
function capture() {
  const out: string[] = [];
  const spies = [process.stderr, process.stdout].map((s) =>
    jest.spyOn(s, "write").mockImplementation((chunk: unknown) => {
      out.push(String(chunk));
      return true;
    }),
  );
  return {
    text: () => out.join(""),
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
}

describe("editing an existing connector keeps the keys a person set by hand", () => {
  it("a create that takes a connector over (no adopt) keeps a hand-set custom key and secret flag, and echoes no secret", async () => {
    const user = await botUser();
    await handMadeConnector(user, handKeys());
    const inputs = await declare(user.loginName, user.password);
    const printed = capture();
    let taken;
    try {
      taken = await connector.create(inputs);
    } finally {
      printed.restore();
    }
    expect(printed.text()).toMatch(/already exists .*taking it over as declared/);
    await expectHandKeysKept(user.id);
    // Nothing the provider printed holds a secret; the undeclared secret, which it never knew, is recorded as "set".
    expect(printed.text()).not.toContain(HAND_SECRET);
    expect(printed.text()).not.toContain(user.password);
    expect(JSON.stringify(taken.outs)).not.toContain(HAND_SECRET);
    expect(taken.outs.secretFlags).toEqual({ lpPassword: user.password, externalWebhookAPIKey: "********" });
    expect(taken.outs.customConfigurations).toEqual({ [HAND_KEY]: HAND_VALUE });
    // Recorded, but undeclared: no reason to replace the connector (which would drop them).
    expect(await connector.diff(taken.id, taken.outs, inputs)).toEqual({ changes: false, replaces: [] });
    const read = await connector.read(taken.id, taken.outs);
    expect(await connector.diff(taken.id, read.props!, inputs)).toEqual({ changes: false, replaces: [] });
    await connector.delete(taken.id, taken.outs);
  });

  it("adopt: true keeps them too; adopting a connector that differs only in undeclared keys writes nothing", async () => {
    const user = await botUser();
    await handMadeConnector(user, handKeys({ messageDelay: 300 }));
    await h.admin("DELETE", "/requests");
    const adopted = await connector.create(await declare(user.loginName, user.password, { adopt: true }));
    // Only the declared password could differ, and secrets compare as "set": nothing to write, no restart.
    const writes = (await h.admin<{ method: string }[]>("GET", "/requests")).filter((e) => e.method !== "GET");
    expect(writes).toEqual([]);
    await expectHandKeysKept(user.id);

    // A declared change on adopt: stop, edit (keys kept), start.
    await connector.delete(adopted.id, adopted.outs);
    await handMadeConnector(user, handKeys());
    const changed = await connector.create(await declare(user.loginName, user.password, { adopt: true }));
    expect(changed.outs).toMatchObject({ running: true, status: "Connected", adopt: true });
    await expectHandKeysKept(user.id);
    expect(JSON.stringify(changed.outs)).not.toContain(HAND_SECRET);
    await connector.delete(changed.id, changed.outs);
  });

  it("the repair of a failing connector keeps them", async () => {
    const le = liveEngage();
    // By hand: stop, add a custom key and a secret flag, and break the login, then start: Not Connected.
    const { user, inputs, created } = await deployedThenEditedByHand((declared) => ({
      ...declared,
      lpPassword: "a-wrong-password-by-hand",
      externalWebhookAPIKey: HAND_SECRET,
      [HAND_KEY]: HAND_VALUE,
    }));
    await le.connectors.start(BOT, user.loginName);
    await expect(
      le.connectors.waitForStatus(BOT, user.id, "CONNECTED", { timeoutMs: 3000, intervalMs: 50, failFast: true }),
    ).rejects.toThrow(/login/);
    // As a refresh records it (only `running` differs: the keys were set after it), then the repair.
    const recorded = { ...created.outs, running: false };
    expect(await connector.diff(created.id, recorded, inputs)).toEqual({ changes: true, replaces: [] });
    const repaired = await connector.update(created.id, recorded, inputs);
    expect(repaired.outs).toMatchObject({ running: true, status: "Connected" });
    await expectHandKeysKept(user.id);
    expect(JSON.stringify(repaired.outs)).not.toContain(HAND_SECRET);
    await connector.delete(created.id, repaired.outs);
  });

  it("the declared login replaces the other kind: a hand-set app-key quadruple is cleared when the program declares a password", async () => {
    const { user, inputs } = await deployedThenEditedByHand((declared) => ({
      ...declared,
      lpPassword: "",
      lpAppKey: "hand-app-key",
      lpAppSecret: "hand-app-secret",
      lpAccessToken: "hand-token",
      lpAccessTokenSecret: "hand-token-secret",
      [HAND_KEY]: HAND_VALUE,
    }));
    // The emulator's edit: an emptied secret is removed.
    expect((await liveOf(user.id)).configurations).not.toHaveProperty("lpPassword");
    // A re-run that lost the connector from its state takes it over.
    const taken = await connector.create(inputs);
    const live = await liveOf(user.id);
    expect(live.configurations).toMatchObject({ [HAND_KEY]: HAND_VALUE, lpPassword: "********" });
    for (const k of ["lpAppKey", "lpAppSecret", "lpAccessToken", "lpAccessTokenSecret"]) expect(live.configurations).not.toHaveProperty(k);
    expect(taken.outs).toMatchObject({ running: true, status: "Connected" });
    await connector.delete(taken.id, taken.outs);
  });
});
