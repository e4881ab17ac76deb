import { createLiveEngageClient } from "../../../sdk/src/client";
import { ConflictError, NotFoundError } from "../../../sdk/src/client/errors";
import { FAST_RETRY, json, passwordCreds, resetClientState, startFake, type FakeLiveEngage } from "../../helpers/fake-liveengage";

let fake: FakeLiveEngage;
beforeEach(async () => {
  resetClientState();
  fake = await startFake();
});
afterEach(() => fake.close());

/** One skill (id 5) behind a revision-checking collection, like the emulator's §3 rules. */
function revisionedSkill() {
  const state = { revision: 10, skill: { id: 5, name: "s", description: "v0", deleted: false } };
  const itemPath = `/api/account/${fake.accountId}/configuration/le-users/skills/5`;
  const rev = () => ({ "ac-revision": String(state.revision) });
  fake.route("GET", itemPath, (_q, res) =>
    state.skill.deleted ? json(res, 404, { type: "not-found" }) : json(res, 200, state.skill, rev()),
  );
  const check = (ifMatch: string | undefined) => ifMatch === undefined || ifMatch === "-1" || ifMatch === String(state.revision);
  fake.route("PUT", itemPath, (q, res) => {
    if (!check(q.headers["if-match"] as string | undefined)) return json(res, 409, { type: "revision-conflict", message: "stale" }, rev());
    state.revision++;
    state.skill = { ...state.skill, ...(q.body as object) };
    json(res, 200, state.skill, rev());
  });
  fake.route("DELETE", itemPath, (q, res) => {
    if (state.skill.deleted) return json(res, 404, { type: "not-found" });
    if (!check(q.headers["if-match"] as string | undefined)) return json(res, 409, { type: "revision-conflict", message: "stale" }, rev());
    state.revision++;
    state.skill.deleted = true;
    json(res, 200, {}, rev());
  });
  const ifMatches = (method: string) =>
    fake.requests.filter((r) => r.method === method && r.path === itemPath).map((r) => r.headers["if-match"]);
  return { state, ifMatches };
}

describe("revisions", () => {
  it("sends If-Match: -1 before any revision was seen, then the last seen revision", async () => {
    const { ifMatches } = revisionedSkill();
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await c.skills.update(5, { name: "s", description: "v1" });
    await c.skills.update(5, { name: "s", description: "v2" });
    expect(ifMatches("PUT")).toEqual(["-1", "11"]);
    expect(c.skills.revision).toBe("12");
  });

  it("on 409 re-reads the object and retries the write with the fresh revision", async () => {
    const { state, ifMatches } = revisionedSkill();
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await c.skills.get(5); // sees revision 10
    state.revision = 15; // someone else wrote
    const updated = await c.skills.update(5, { name: "s", description: "mine" });
    expect(updated.description).toBe("mine");
    expect(ifMatches("PUT")).toEqual(["10", "15"]);
  });

  it("recomputes a functional change from the re-read object", async () => {
    const { state } = revisionedSkill();
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await c.skills.get(5);
    state.revision = 20;
    state.skill.description = "theirs";
    const seen: Array<string | null | undefined> = [];
    await c.skills.update(5, (cur) => {
      seen.push(cur.description);
      return { name: cur.name, description: `${cur.description}+mine` };
    });
    expect(seen).toEqual(["theirs"]);
    expect(state.skill.description).toBe("theirs+mine");
  });

  it("gives up with ConflictError after the bounded number of rounds", async () => {
    const { state, ifMatches } = revisionedSkill();
    fake.route("PUT", `/api/account/${fake.accountId}/configuration/le-users/skills/5`, (_q, res) => {
      state.revision++;
      json(res, 409, { type: "revision-conflict" });
    });
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY, conflictRetries: 2 });
    const err = await c.skills.update(5, { name: "s" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).apiCode).toBe("revision-conflict");
    expect(ifMatches("PUT")).toHaveLength(3);
  });

  it("outlasts a run of conflicts from writers in other processes: 5 in a row, then the write lands (issue #19)", async () => {
    const { state, ifMatches } = revisionedSkill();
    const itemPath = `/api/account/${fake.accountId}/configuration/le-users/skills/5`;
    // Another stack's write lands just before each of our first five.
    fake.route("PUT", itemPath, (q, res) => {
      state.revision++;
      if (ifMatches("PUT").length <= 5)
        return json(res, 409, { type: "revision-conflict", message: "stale" }, { "ac-revision": String(state.revision) });
      state.skill = { ...state.skill, ...(q.body as object) };
      json(res, 200, state.skill, { "ac-revision": String(state.revision) });
    });
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    const updated = await c.skills.update(5, { name: "s", description: "mine" });
    expect(updated.description).toBe("mine");
    expect(ifMatches("PUT")).toHaveLength(6);
  });

  it("retries a delete after a conflict, and reports NotFoundError once it is gone", async () => {
    const { state, ifMatches } = revisionedSkill();
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await c.skills.get(5);
    state.revision = 30;
    await c.skills.delete(5);
    expect(ifMatches("DELETE")).toEqual(["10", "30"]);
    await expect(c.skills.delete(5)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("sends one client's conditional writes to a collection one at a time: parallel deletes never conflict (issue #7)", async () => {
    const state = { revision: 10, deleted: new Set<number>() };
    const base = `/api/account/${fake.accountId}/configuration/le-users/skills`;
    const rev = () => ({ "ac-revision": String(state.revision) });
    fake.route("GET", `${base}/1`, (_q, res) => json(res, 200, { id: 1, name: "s1", deleted: false }, rev()));
    const statuses: number[] = [];
    for (let id = 1; id <= 6; id++) {
      fake.route("DELETE", `${base}/${id}`, (q, res) => {
        const ifMatch = q.headers["if-match"] as string | undefined;
        if (ifMatch !== undefined && ifMatch !== "-1" && ifMatch !== String(state.revision)) {
          statuses.push(409);
          return json(res, 409, { type: "revision-conflict", message: "stale" }, rev());
        }
        state.revision++;
        state.deleted.add(id);
        statuses.push(200);
        json(res, 200, {}, rev());
      });
    }
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await c.skills.get(1); // sees revision 10
    await Promise.all([1, 2, 3, 4, 5, 6].map((id) => c.skills.delete(id)));
    expect(state.deleted.size).toBe(6);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const sent = fake.requests.filter((r) => r.method === "DELETE").map((r) => r.headers["if-match"]);
    expect(sent).toEqual(["10", "11", "12", "13", "14", "15"]);
  });

  it("does not treat other 409s as revision conflicts", async () => {
    const path = `/api/account/${fake.accountId}/configuration/le-users/skills/6`;
    fake.route("PUT", path, (_q, res) => json(res, 409, { type: "something-else" }));
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await expect(c.skills.update(6, { name: "x" })).rejects.toBeInstanceOf(ConflictError);
    expect(fake.count("PUT", path)).toBe(1);
  });
});
