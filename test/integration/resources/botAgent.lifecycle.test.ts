/**
 * BotAgent: password and app-key bot users; role ↔ profile; skillIds as a set; password change is an
 * update that the Login Service honours; out-of-band deletion; adoption; check refusals.
 */
import { request } from "undici";
import * as botAgent from "../../../sdk/src/resources/botAgent.provider";
import { liveEngage } from "../../../sdk/src/resources/runtime";
import type { BotAgentInputs } from "../../../sdk/src/resources/schemas";
import { DEFAULTS, PROFILE_IDS } from "../../../sdk/src/emulator";
import { checked, startHarness, type Harness } from "../../helpers/provider-harness";

let h: Harness;
let skillA: string;
let skillB: string;
beforeAll(async () => {
  h = await startHarness();
  skillA = String((await liveEngage().skills.create({ name: "agent-skill-a" })).id);
  skillB = String((await liveEngage().skills.create({ name: "agent-skill-b" })).id);
});
afterAll(async () => {
  await h.close();
});

/** A raw Login Service login, as the running connector would do it: the HTTP status. */
async function loginStatus(body: Record<string, string>): Promise<number> {
  const res = await request(`${h.emulator.url}/api/account/${h.emulator.accountId}/login?v=1.3`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  await res.body.dump();
  return res.statusCode;
}

const base = (loginName: string) => ({
  loginName,
  nickname: "CB Bot",
  fullName: `${loginName} full`,
  email: `${loginName}@example.com`,
});

describe("BotAgent lifecycle", () => {
  it("password user: creates, reads back the same, diffs clean, updates role/skills/password in place, deletes", async () => {
    const inputs = await checked<BotAgentInputs>(botAgent, {
      ...base("cb-bot-pw"),
      password: "first-password",
      skillIds: [skillB, skillA],
    });
    expect(inputs.role).toBe("ASSIGNED_AGENT");
    expect(inputs.skillIds).toEqual([skillA, skillB].sort());

    const created = await botAgent.create(inputs);
    expect(created.id).toMatch(/^\d+$/);
    expect(created.outs).toMatchObject({
      loginName: "cb-bot-pw",
      role: "ASSIGNED_AGENT",
      skillIds: [skillA, skillB].sort(),
      userId: created.id,
      enabled: true,
    });
    const wire = await liveEngage().users.get(Number(created.id));
    expect(Number(wire.userTypeId)).toBe(2);
    expect(wire.profileIds).toEqual([PROFILE_IDS.agent]);
    expect(wire.isApiUser).toBe(false);
    expect(await loginStatus({ username: "cb-bot-pw", password: "first-password" })).toBe(200);

    const read = await botAgent.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props).toEqual(created.outs);
    expect(read.inputs).not.toHaveProperty("userId");

    expect((await botAgent.diff(created.id, created.outs, inputs)).changes).toBe(false);
    // skillIds is a set: another order is no change (even unsorted, bypassing check's sort).
    expect((await botAgent.diff(created.id, created.outs, { ...inputs, skillIds: [skillB, skillA] })).changes).toBe(false);
    expect((await botAgent.diff(created.id, created.outs, { ...inputs, skillIds: [skillA] })).changes).toBe(true);

    // Password change: an update, not a replacement.
    const newPassword = await checked<BotAgentInputs>(botAgent, {
      ...base("cb-bot-pw"),
      password: "second-password",
      skillIds: [skillA, skillB],
    });
    expect(await botAgent.diff(created.id, created.outs, newPassword)).toEqual({ changes: true, replaces: [] });
    const pwUpdated = await botAgent.update(created.id, created.outs, newPassword);
    expect(pwUpdated.outs.password).toBe("second-password");
    expect(await loginStatus({ username: "cb-bot-pw", password: "second-password" })).toBe(200);
    expect(await loginStatus({ username: "cb-bot-pw", password: "first-password" })).toBe(401);

    // Role MANAGER ↔ Agent Manager profile; fewer skills; the unchanged password keeps working.
    const manager = await checked<BotAgentInputs>(botAgent, {
      ...base("cb-bot-pw"),
      password: "second-password",
      skillIds: [skillB],
      role: "MANAGER",
    });
    expect(await botAgent.diff(created.id, pwUpdated.outs, manager)).toEqual({ changes: true, replaces: [] });
    const updated = await botAgent.update(created.id, pwUpdated.outs, manager);
    expect(updated.outs).toMatchObject({ role: "MANAGER", skillIds: [skillB] });
    const wire2 = await liveEngage().users.get(Number(created.id));
    expect(wire2.profileIds).toEqual([PROFILE_IDS.agentManager]);
    expect(wire2.skillIds?.map(String)).toEqual([skillB]);
    expect(await loginStatus({ username: "cb-bot-pw", password: "second-password" })).toBe(200);
    const reread = await botAgent.read(created.id, updated.outs);
    expect(reread.props).toEqual(updated.outs);
    expect((await botAgent.diff(created.id, reread.props!, manager)).changes).toBe(false);

    await botAgent.delete(created.id);
    expect((await botAgent.read(created.id, updated.outs)).id).toBe("");
    await expect(botAgent.delete(created.id)).resolves.toBeUndefined();
    expect(await loginStatus({ username: "cb-bot-pw", password: "second-password" })).toBe(401);
  });

  it("app-key user: an API user allowed the account's app key, which logs in with the quadruple", async () => {
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    let inputs: BotAgentInputs;
    try {
      inputs = await checked<BotAgentInputs>(botAgent, {
        ...base("cb-bot-key"),
        allowedAppKey: DEFAULTS.appKey.appKey,
        skillIds: [skillA],
      });
      // OAuth 1.0 app keys are deprecated: check warns (on stderr, which the engine shows).
      expect(stderr.mock.calls.map((c) => String(c[0])).join("")).toMatch(/warning: allowedAppKey uses an OAuth 1\.0 app key/);
    } finally {
      stderr.mockRestore();
    }
    const created = await botAgent.create(inputs);
    expect(created.outs).toMatchObject({ allowedAppKey: DEFAULTS.appKey.appKey });
    expect(created.outs).not.toHaveProperty("password");
    const wire = await liveEngage().users.get(Number(created.id));
    expect(wire).toMatchObject({ isApiUser: true, allowedAppKeys: DEFAULTS.appKey.appKey });

    const read = await botAgent.read(created.id, created.outs);
    expect(read.props).toEqual(created.outs);
    expect((await botAgent.diff(created.id, read.props!, inputs)).changes).toBe(false);

    const quad = DEFAULTS.appKey;
    expect(
      await loginStatus({
        username: "cb-bot-key",
        appKey: quad.appKey,
        secret: quad.secret,
        accessToken: quad.accessToken,
        accessTokenSecret: quad.accessTokenSecret,
      }),
    ).toBe(200);
    // An API user cannot log in with a password.
    expect(await loginStatus({ username: "cb-bot-key", password: "whatever-password" })).toBe(401);
    await botAgent.delete(created.id);
  });

  it("changing loginName replaces the user", async () => {
    const inputs = await checked<BotAgentInputs>(botAgent, { ...base("cb-bot-rename"), password: "rename-password" });
    const created = await botAgent.create(inputs);
    const renamed = await checked<BotAgentInputs>(botAgent, { ...base("cb-bot-renamed"), password: "rename-password" });
    expect(await botAgent.diff(created.id, created.outs, renamed)).toEqual({ changes: true, replaces: ["loginName"] });
    await botAgent.delete(created.id);
  });

  it("drops a user deleted out of band on refresh, and explains an update of it", async () => {
    const inputs = await checked<BotAgentInputs>(botAgent, { ...base("cb-bot-oob"), password: "oob-password" });
    const created = await botAgent.create(inputs);
    await liveEngage().users.delete(Number(created.id));
    expect((await botAgent.read(created.id, created.outs)).id).toBe("");
    await expect(botAgent.update(created.id, created.outs, inputs)).rejects.toThrow(/no longer exists.*pulumi refresh/);
  });

  it("refuses a duplicate login name unless adopting; adoption takes the existing bot user over", async () => {
    const existing = await liveEngage().users.create({
      loginName: "cb-bot-handmade",
      fullName: "Made by hand",
      nickname: "hand",
      email: "hand@example.com",
      isEnabled: true,
      maxChats: -1,
      profileIds: [PROFILE_IDS.agentManager],
      userTypeId: 2,
      passwordSh: "handmade-password",
    });
    const plain = await checked<BotAgentInputs>(botAgent, { ...base("cb-bot-handmade"), password: "managed-password", skillIds: [skillA] });
    await expect(botAgent.create(plain)).rejects.toThrow(/already exists/);
    await expect(botAgent.create(plain)).rejects.toThrow(/adopt/);

    const adopting = await checked<BotAgentInputs>(botAgent, {
      ...base("cb-bot-handmade"),
      password: "managed-password",
      skillIds: [skillA],
      adopt: true,
    });
    const adopted = await botAgent.create(adopting);
    expect(adopted.id).toBe(String(existing.id));
    expect(adopted.outs).toMatchObject({ fullName: "cb-bot-handmade full", role: "ASSIGNED_AGENT", skillIds: [skillA], adopt: true });
    const all = await liveEngage().users.list();
    expect(all.filter((u) => !u.deleted && u.loginName === "cb-bot-handmade")).toHaveLength(1);
    expect((await liveEngage().users.get(existing.id)).profileIds).toEqual([PROFILE_IDS.agent]);
    // The declared password replaced the hand-made one.
    expect(await loginStatus({ username: "cb-bot-handmade", password: "managed-password" })).toBe(200);
    // adopt is create-only: it never shows as a change.
    expect((await botAgent.diff(adopted.id, adopted.outs, { ...adopting, adopt: false })).changes).toBe(false);
    await botAgent.delete(adopted.id);
  });

  it("refuses to adopt a user that is not a bot, and leaves it untouched", async () => {
    const human = await liveEngage().users.create({
      loginName: "human-agent",
      fullName: "Human",
      nickname: "human",
      email: "human@example.com",
      isEnabled: true,
      maxChats: 3,
      profileIds: [PROFILE_IDS.agent],
      userTypeId: 1,
      passwordSh: "human-password",
    });
    const adopting = await checked<BotAgentInputs>(botAgent, { ...base("human-agent"), password: "bot-password", adopt: true });
    await expect(botAgent.create(adopting)).rejects.toThrow(/cannot adopt user "human-agent".*not a Bot user/);
    const after = await liveEngage().users.get(human.id);
    expect(after).toMatchObject({ fullName: "Human", maxChats: 3 });
    expect(Number(after.userTypeId)).toBe(1);
    expect(await loginStatus({ username: "human-agent", password: "human-password" })).toBe(200);
  });

  it("refuses bad input in check, naming the property", async () => {
    const r = await botAgent.check(
      {},
      { loginName: "has space", nickname: "", fullName: "x", email: "not-an-email", password: "short", role: "BOSS", colour: "red" },
    );
    const props = (r.failures ?? []).map((f) => f.property).sort();
    expect(props).toEqual(["colour", "email", "loginName", "nickname", "password", "role"]);
    for (const f of r.failures ?? []) expect(f.reason).not.toContain("short");

    const both = await botAgent.check({}, { ...base("cb-bot-both"), password: "long-enough-pw", allowedAppKey: "key" });
    expect(both.failures).toEqual([
      expect.objectContaining({ property: "allowedAppKey", reason: expect.stringMatching(/either a password or an app key/) }),
    ]);
    const neither = await botAgent.check({}, base("cb-bot-neither"));
    expect(neither.failures).toEqual([
      expect.objectContaining({ property: "password", reason: expect.stringMatching(/password or allowedAppKey is required/) }),
    ]);
  });
});
