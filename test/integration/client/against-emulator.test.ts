/**
 * The client against the emulator (sdk/src/emulator): the whole deployment flow of the seed page
 * (skill → bot user → campaign + engagement → connector → start → CONNECTED → stop → delete),
 * plus the other login methods, revision conflicts and injected faults.
 */
import { createLiveEngageClient, type LiveEngageClient } from "../../../sdk/src/client";
import { ApiError, AuthenticationError, ConflictError, NotFoundError, ValidationError } from "../../../sdk/src/client/errors";
import { startEmulator, type RunningEmulator } from "../../../sdk/src/emulator";
import { FAST_RETRY, resetClientState } from "../../helpers/fake-liveengage";
import { emulatorAdmin, type AdminCall } from "../../helpers/emulator-admin";

let emu: RunningEmulator;
let client: LiveEngageClient;
const SKILLS_ROUTE = "/api/account/:a/configuration/le-users/skills";

beforeAll(async () => {
  emu = await startEmulator({ port: 0, connectDelayMs: 100 });
});
afterAll(() => emu.close());
beforeEach(async () => {
  resetClientState();
  await admin("POST", "/reset");
  client = createLiveEngageClient(
    { accountId: emu.accountId, csdsDomain: emu.host, username: emu.credentials.username, password: emu.credentials.password },
    { retry: FAST_RETRY },
  );
});

const admin: AdminCall = (method, path, body) => emulatorAdmin(emu.url)(method, path, body);

const BOT_PASSWORD = "Bot-Passw0rd-for-emulator";

describe("client against the emulator", () => {
  it("deploys a bot end to end and tears it down", async () => {
    const skill = await client.skills.create({ name: "cb-bot-skill", description: "routes to the bot" });
    expect(skill).toMatchObject({ name: "cb-bot-skill", deleted: false, maxWaitTime: 120 });

    const profile = await client.profiles.findForRole("ASSIGNED_AGENT");
    expect(profile.roleTypeId).toBe(2);
    const user = await client.users.create({
      loginName: "cb-bot-1",
      fullName: "CB Bot 1",
      nickname: "CB Bot",
      email: "bot@example.com",
      isEnabled: true,
      maxChats: -1,
      userTypeId: 2,
      profileIds: [profile.id],
      skillIds: [skill.id],
      memberOf: { agentGroupId: -1 },
      passwordSh: BOT_PASSWORD,
    });
    expect(user).toMatchObject({ loginName: "cb-bot-1", userTypeId: 2, skillIds: [skill.id] });
    expect(JSON.stringify(user)).not.toContain(BOT_PASSWORD);

    const goal = (await client.goals.list())[0]!;
    const campaign = await client.campaigns.create({ name: "Bot campaign", goalId: goal.id });
    const engagement = await client.engagements.create(campaign.id, {
      name: "Message us",
      skillId: skill.id,
      channel: 1,
      conversationType: 1,
    });
    expect(engagement).toMatchObject({ skillId: skill.id, skillName: "cb-bot-skill" });
    expect(await client.engagements.findByName(campaign.id, "message US")).toMatchObject({ id: engagement.id });

    const bot = (await client.bots.list()).find((b) => b.id === emu.demoBotId);
    expect(bot).toBeDefined();
    const lpUserId = String(user.id);
    const added = await client.connectors.add(lpUserId, {
      deploymentEnvironment: "PRODUCTION",
      type: "messaging",
      lpAccountId: emu.accountId,
      lpAccountUser: "cb-bot-1",
      botId: emu.demoBotId,
      configurations: { lpUserRole: "ASSIGNED_AGENT", enableAccessibility: "true", lpPassword: BOT_PASSWORD },
    });
    expect(added.configurations.lpPassword).toBe("********");
    expect(added.status).toBe("STOPPED");
    expect((await client.connectors.get(emu.demoBotId, lpUserId))?.lpAccountUser).toBe("cb-bot-1");

    await client.connectors.start(emu.demoBotId, "cb-bot-1");
    const connected = await client.connectors.waitForStatus(emu.demoBotId, lpUserId, "CONNECTED", { intervalMs: 50, timeoutMs: 5000 });
    expect(connected.components.every((c) => c.ok)).toBe(true);

    // Running connectors cannot be deleted.
    await expect(client.connectors.delete(emu.demoBotId, lpUserId)).rejects.toMatchObject({
      constructor: ConflictError,
      apiCode: "CONNECTOR_RUNNING",
    });
    await client.connectors.stop(emu.demoBotId, "cb-bot-1");
    await client.connectors.waitForStatus(emu.demoBotId, lpUserId, "STOPPED", { intervalMs: 50, timeoutMs: 5000 });
    await client.connectors.delete(emu.demoBotId, lpUserId);
    await expect(client.connectors.listForBot(emu.demoBotId)).resolves.toEqual([]);

    await client.engagements.delete(campaign.id, engagement.id);
    await client.campaigns.delete(campaign.id);
    await client.users.delete(user.id);
    await client.skills.delete(skill.id);
    await expect(client.skills.get(skill.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.skills.delete(skill.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await client.skills.get(skill.id, { includeDeleted: true })).toMatchObject({ deleted: true });
  });

  it("reports NOT_CONNECTED with reasons when the bot user has no skill", async () => {
    const profile = await client.profiles.findForRole("ASSIGNED_AGENT");
    const user = await client.users.create({
      loginName: "skill-less-bot",
      fullName: "No Skill",
      nickname: "N",
      email: "n@example.com",
      isEnabled: true,
      maxChats: -1,
      userTypeId: 2,
      profileIds: [profile.id],
      passwordSh: BOT_PASSWORD,
    });
    await client.connectors.add(String(user.id), {
      deploymentEnvironment: "STAGING",
      type: "messaging",
      lpAccountId: emu.accountId,
      lpAccountUser: "skill-less-bot",
      botId: emu.demoBotId,
      configurations: { lpUserRole: "ASSIGNED_AGENT", lpPassword: BOT_PASSWORD },
    });
    await client.connectors.start(emu.demoBotId, "skill-less-bot");
    await new Promise((r) => setTimeout(r, 250));
    const s = await client.connectors.statusOf(emu.demoBotId, String(user.id));
    expect(s?.status).toBe("NOT_CONNECTED");
    expect(s?.components.find((c) => c.name === "skill")).toMatchObject({ ok: false });
  });

  it("maps the emulator's validation errors", async () => {
    await client.skills.create({ name: "dup" });
    await expect(client.skills.create({ name: "DUP" })).rejects.toMatchObject({ constructor: ValidationError, apiCode: "duplicate-name" });
    await expect(client.engagements.create(1, { name: "x", skillId: 1 })).rejects.toBeInstanceOf(ApiError);
  });

  it("resolves a revision conflict between two writers by re-reading", async () => {
    const skill = await client.skills.create({ name: "contended" });
    const other = createLiveEngageClient(
      { accountId: emu.accountId, csdsDomain: emu.host, username: emu.credentials.username, password: emu.credentials.password },
      { retry: FAST_RETRY },
    );
    await other.skills.get(skill.id); // other's last seen revision
    await client.skills.update(skill.id, { name: "contended", description: "first" }); // bumps the revision
    await admin("DELETE", "/requests");
    const updated = await other.skills.update(skill.id, { name: "contended", description: "second" });
    expect(updated.description).toBe("second");
    const log = (await admin("GET", "/requests")) as Array<{ method: string; status: number }>;
    expect(log.filter((r) => r.method === "PUT").map((r) => r.status)).toEqual([409, 200]);
  });

  it("survives injected 5xx on create without duplicating, and 429 with Retry-After", async () => {
    await admin("POST", "/faults", { match: { method: "POST", route: SKILLS_ROUTE }, kind: "error", status: 503, count: 1 });
    const s = await client.skills.create({ name: "after-fault" });
    expect((await client.skills.list()).filter((x) => x.name === "after-fault")).toEqual([s]);

    await admin("POST", "/faults", { match: { method: "GET", route: SKILLS_ROUTE }, kind: "429", retryAfterSeconds: 1, count: 1 });
    const started = Date.now();
    await client.skills.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("logs in with OAuth 2.0 client credentials and with the app-key quadruple", async () => {
    const oauth = createLiveEngageClient(
      { accountId: emu.accountId, csdsDomain: emu.host, ...emu.credentials.oauthClient },
      { retry: FAST_RETRY },
    );
    await expect(oauth.skills.list()).resolves.toEqual(expect.any(Array));
    await expect(oauth.bots.list()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: emu.demoBotId })]));

    const adminProfile = (await client.profiles.list()).find((p) => p.roleTypeId === 1)!;
    await client.users.create({
      loginName: "api-admin",
      fullName: "API Admin",
      nickname: "API",
      email: "api@example.com",
      isEnabled: true,
      maxChats: 0,
      profileIds: [adminProfile.id],
      isApiUser: true,
      allowedAppKeys: emu.credentials.appKey.appKey,
    });
    const k = emu.credentials.appKey;
    const appKey = createLiveEngageClient(
      {
        accountId: emu.accountId,
        csdsDomain: emu.host,
        username: "api-admin",
        appKey: k.appKey,
        appSecret: k.secret,
        accessToken: k.accessToken,
        accessTokenSecret: k.accessTokenSecret,
      },
      { retry: FAST_RETRY },
    );
    await expect(appKey.skills.list()).resolves.toEqual(expect.any(Array));

    const wrong = createLiveEngageClient(
      { accountId: emu.accountId, csdsDomain: emu.host, clientId: "emulator-client", clientSecret: "nope-nope" },
      { retry: FAST_RETRY },
    );
    await expect(wrong.skills.list()).rejects.toMatchObject({ constructor: AuthenticationError, apiCode: "invalid_client" });
  });
});
