import { createLiveEngageClient } from "../../../sdk/src/client";
import { HttpCore } from "../../../sdk/src/client/http";
import { ServerError } from "../../../sdk/src/client/errors";
import { DEFAULT_RETRY_POLICY } from "../../../sdk/src/client/retry";
import { Semaphore } from "../../../sdk/src/client/semaphore";
import { DEFAULT_TIMEOUTS } from "../../../sdk/src/client/transport";
import { FAST_RETRY, json, passwordCreds, resetClientState, startFake, type FakeLiveEngage } from "../../helpers/fake-liveengage";

let fake: FakeLiveEngage;
beforeEach(async () => {
  resetClientState();
  fake = await startFake();
});
afterEach(() => fake.close());

const skillsPath = () => `/api/account/${fake.accountId}/configuration/le-users/skills`;

/** A skills collection whose POST can be told to fail after (or before) storing. */
function skillStore(failFirstPost: "after-store" | "before-store" | "reset-after-store") {
  const skills: Array<{ id: number; name: string; deleted: boolean }> = [];
  let posts = 0;
  fake.route("GET", skillsPath(), (_q, res) => json(res, 200, skills, { "ac-revision": String(skills.length) }));
  fake.route("POST", skillsPath(), (q, res) => {
    posts++;
    const body = q.body as { name: string };
    if (posts === 1 && failFirstPost === "before-store") return json(res, 503, { type: "internal" });
    const skill = { id: 100 + skills.length, name: body.name, deleted: false };
    skills.push(skill);
    if (posts === 1 && failFirstPost === "after-store") return json(res, 500, { type: "internal" });
    if (posts === 1 && failFirstPost === "reset-after-store") return res.socket?.destroy();
    json(res, 201, skill);
  });
  return skills;
}

describe("a POST that fails ambiguously is not repeated blindly", () => {
  it("returns the object found by the lookup when the first POST took effect (5xx)", async () => {
    const skills = skillStore("after-store");
    const created = await createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY }).skills.create({ name: "Bot-Skill" });
    expect(created).toEqual({ id: 100, name: "Bot-Skill", deleted: false });
    expect(fake.count("POST", skillsPath())).toBe(1);
    expect(skills).toHaveLength(1);
  });

  it("returns the object found by the lookup when the connection died after sending", async () => {
    const skills = skillStore("reset-after-store");
    const created = await createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY }).skills.create({ name: "s2" });
    expect(created.id).toBe(100);
    expect(fake.count("POST", skillsPath())).toBe(1);
    expect(skills).toHaveLength(1);
  });

  it("re-sends the POST when the lookup finds nothing", async () => {
    const skills = skillStore("before-store");
    const created = await createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY }).skills.create({ name: "s3" });
    expect(created.name).toBe("s3");
    expect(fake.count("POST", skillsPath())).toBe(2);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`).filter((l) => l.includes("skills"))).toEqual([
      `POST ${skillsPath()}`,
      `GET ${skillsPath()}`,
      `POST ${skillsPath()}`,
    ]);
    expect(skills).toHaveLength(1);
  });

  it("fails without re-sending when no lookup is available", async () => {
    fake.route("POST", "/thing", (_q, res) => json(res, 500, {}));
    const core = new HttpCore({
      retry: { ...DEFAULT_RETRY_POLICY, backoffMs: [1, 1] },
      timeouts: DEFAULT_TIMEOUTS,
      semaphore: new Semaphore(2),
    });
    await expect(
      core.send({ method: "POST", origin: `http://${fake.host}`, path: "/thing", json: {}, parse: () => 1 }),
    ).rejects.toBeInstanceOf(ServerError);
    expect(fake.count("POST", "/thing")).toBe(1);
  });

  it("uses the user lookup by loginName, the campaign lookup by name and the engagement lookup by name", async () => {
    const base = `/api/account/${fake.accountId}/configuration`;
    const stored: Record<string, Array<Record<string, unknown>>> = { users: [], campaigns: [], engagements: [] };
    const collection = (key: string, path: string) => {
      fake.route("GET", path, (_q, res) => json(res, 200, stored[key]));
      fake.route("POST", path, (q, res) => {
        stored[key]!.push({ id: stored[key]!.length + 1, ...(q.body as object) });
        json(res, 502, {});
      });
    };
    collection("users", `${base}/le-users/users`);
    collection("campaigns", `${base}/le-campaigns/campaigns`);
    collection("engagements", `${base}/le-campaigns/campaigns/7/engagements`);
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    const user = await c.users.create({
      loginName: "Bot1",
      fullName: "B",
      nickname: "B",
      email: "e",
      isEnabled: true,
      maxChats: -1,
      profileIds: [2],
    });
    const campaign = await c.campaigns.create({ name: "Camp", goalId: 1 });
    const engagement = await c.engagements.create(7, { name: "Eng", skillId: 3 });
    expect([user.loginName, campaign.name, engagement.name]).toEqual(["Bot1", "Camp", "Eng"]);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path.startsWith(base))).toHaveLength(3);
  });
});
