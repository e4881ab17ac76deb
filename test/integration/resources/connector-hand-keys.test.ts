/**
 * Editing an existing connector — a create that takes it over, `adopt: true`, the repair of a failing
 * one — keeps what a person set by hand in Conversation Builder and the program does not declare: a
 * custom configuration key, and a secret flag the API only shows masked (never sent back, so never
 * overwritten with the mask). The declared keys and credentials win; the superseded login is cleared.
 * Real HTTP to the emulator, whose edit replaces the whole configuration but for omitted secrets.
 */
import * as connector from "../../../sdk/src/resources/botConnector.provider";
import { liveEngage } from "../../../sdk/src/resources/runtime";
import { connectorConfigurations, type BotConnectorInputs } from "../../../sdk/src/resources/schemas";
import { DEFAULTS, PROFILE_IDS } from "../../../sdk/src/emulator";
import { checked, startHarness, type Harness } from "../../helpers/provider-harness";

const BOT = DEFAULTS.bot.id;
/** Set by hand, declared by no program below. */
const HAND_KEY = "handTunedGreeting";
const HAND_VALUE = "hello, set by hand";
const HAND_SECRET = "hand-hook-api-key-8271";
let h: Harness;
let skillId: number;
let n = 0;

beforeAll(async () => {
  h = await startHarness();
  skillId = (await liveEngage().skills.create({ name: "hand-keys-skill" })).id;
});
afterAll(async () => {
  await h.close();
});

async function botUser() {
  const loginName = `hand-keys-agent-${++n}`;
  const password = `pw-${loginName}-secret`;
  const user = await liveEngage().users.create({
    loginName,
    fullName: loginName,
    nickname: loginName,
    email: `${loginName}@example.com`,
    isEnabled: true,
    maxChats: -1,
    skillIds: [skillId],
    profileIds: [PROFILE_IDS.agent],
    userTypeId: 2,
    passwordSh: password,
  });
  return { loginName, password, id: String(user.id) };
}

type Checked = BotConnectorInputs & { secretFlags?: Record<string, unknown> };

const declare = (agent: string, password: string, extra: Record<string, unknown> = {}): Promise<Checked> =>
  checked<Checked>(connector, {
    botId: BOT,
    agent,
    conversationType: "messaging",
    connectTimeoutSeconds: 10,
    ...extra,
    flags: { lpPassword: password, ...(extra.flags as object) },
  });

const liveOf = async (lpUserId: string) => (await liveEngage().connectors.listForBot(BOT)).find((c) => c.lpUserId === lpUserId)!;

/** The person's connector: another messageDelay, a custom key and a secret flag no program declares; running. */
async function handMadeConnector(user: { loginName: string; password: string; id: string }, flags: Record<string, unknown> = {}) {
  const le = liveEngage();
  const handMade = await declare(user.loginName, user.password, {
    flags: { messageDelay: 900, externalWebhookAPIKey: HAND_SECRET, ...flags },
    customConfigurations: { [HAND_KEY]: HAND_VALUE },
  });
  await le.connectors.add(user.id, {
    deploymentEnvironment: "STAGING",
    type: "messaging",
    lpAccountId: le.accountId,
    lpAccountUser: user.loginName,
    botId: BOT,
    configurations: connectorConfigurations(handMade as BotConnectorInputs, le.accountId),
  });
  await le.connectors.start(BOT, user.loginName);
  await le.connectors.waitForStatus(BOT, user.id, "CONNECTED", { timeoutMs: 5000, intervalMs: 50 });
}

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
    await handMadeConnector(user);
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
    await handMadeConnector(user, { messageDelay: 300 });
    await h.admin("DELETE", "/requests");
    const adopted = await connector.create(await declare(user.loginName, user.password, { adopt: true }));
    // Only the declared password could differ, and secrets compare as "set": nothing to write, no restart.
    const writes = (await h.admin<{ method: string }[]>("GET", "/requests")).filter((e) => e.method !== "GET");
    expect(writes).toEqual([]);
    await expectHandKeysKept(user.id);

    // A declared change on adopt: stop, edit (keys kept), start.
    await connector.delete(adopted.id, adopted.outs);
    await handMadeConnector(user);
    const changed = await connector.create(await declare(user.loginName, user.password, { adopt: true }));
    expect(changed.outs).toMatchObject({ running: true, status: "Connected", adopt: true });
    await expectHandKeysKept(user.id);
    expect(JSON.stringify(changed.outs)).not.toContain(HAND_SECRET);
    await connector.delete(changed.id, changed.outs);
  });

  it("the repair of a failing connector keeps them", async () => {
    const user = await botUser();
    const le = liveEngage();
    const inputs = await declare(user.loginName, user.password);
    const created = await connector.create(inputs);
    // By hand: stop, add a custom key and a secret flag, and break the login, then start: Not Connected.
    await le.connectors.stop(BOT, user.loginName);
    await le.connectors.waitForStatus(BOT, user.id, "STOPPED", { timeoutMs: 5000, intervalMs: 50 });
    await le.connectors.edit(user.id, {
      deploymentEnvironment: "STAGING",
      type: "messaging",
      lpAccountId: le.accountId,
      lpAccountUser: user.loginName,
      botId: BOT,
      configurations: {
        ...connectorConfigurations(inputs as BotConnectorInputs, le.accountId),
        lpPassword: "a-wrong-password-by-hand",
        externalWebhookAPIKey: HAND_SECRET,
        [HAND_KEY]: HAND_VALUE,
      },
    });
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
    const user = await botUser();
    const le = liveEngage();
    const inputs = await declare(user.loginName, user.password);
    await connector.create(inputs);
    await le.connectors.stop(BOT, user.loginName);
    await le.connectors.waitForStatus(BOT, user.id, "STOPPED", { timeoutMs: 5000, intervalMs: 50 });
    const { lpPassword: _pw, ...declaredRest } = connectorConfigurations(inputs as BotConnectorInputs, le.accountId);
    await le.connectors.edit(user.id, {
      deploymentEnvironment: "STAGING",
      type: "messaging",
      lpAccountId: le.accountId,
      lpAccountUser: user.loginName,
      botId: BOT,
      configurations: {
        ...declaredRest,
        lpPassword: "",
        lpAppKey: "hand-app-key",
        lpAppSecret: "hand-app-secret",
        lpAccessToken: "hand-token",
        lpAccessTokenSecret: "hand-token-secret",
        [HAND_KEY]: HAND_VALUE,
      },
    });
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
