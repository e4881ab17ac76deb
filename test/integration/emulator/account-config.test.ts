// Account Config contract (wire-contract §3): revisions, If-Match, full replace, method override,
// soft delete, select, uniqueness, referential integrity and every rejection with its body.
import { Emu, botUserBody, unique, type Session } from "../../helpers/emulator-http";

let emu: Emu;
let admin: Session;
beforeAll(async () => {
  emu = await Emu.start();
  admin = await emu.login();
});
afterAll(() => emu.close());

const SK = "le-users/skills";
const US = "le-users/users";
const CA = "le-campaigns/campaigns";
const engs = (cid: number) => `le-campaigns/campaigns/${cid}/engagements`;

async function createSkill(name = unique("skill"), extra: Record<string, unknown> = {}) {
  const r = await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: { name, ...extra } });
  expect(r.status).toBe(201);
  return r.body as { id: number; name: string };
}
const rev = (r: { headers: Record<string, unknown> }) => Number(r.headers["ac-revision"]);
function expectAcError(r: { status: number; body: any }, status: number, type: string) {
  expect({ status: r.status, type: r.body?.type }).toEqual({ status, type });
  expect(typeof r.body.message).toBe("string");
}

describe("skills", () => {
  it("creates with 201, Location, ac-revision = ETag, server fields and documented defaults", async () => {
    const before = await emu.call("GET", emu.ac(SK), { bearer: admin.bearer });
    const name = unique("Bot Skill");
    const r = await emu.call("POST", emu.ac(SK), {
      bearer: admin.bearer,
      body: { name, description: "d", skillRoutingConfiguration: [{ agentGroupId: -1, priority: 1, splitPercentage: 100 }] },
    });
    expect(r.status).toBe(201);
    expect(r.headers.location).toBe(`${emu.url}/api/account/${emu.a}/configuration/${SK}/${r.body.id}`);
    expect(rev(r)).toBe(rev(before) + 1);
    expect(r.headers.etag).toBe(r.headers["ac-revision"]);
    expect(r.body).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        deleted: false,
        name,
        description: "d",
        maxWaitTime: 120,
        canTransfer: true,
        fallbackWhenAllAgentsAreAway: true,
        skillOrder: expect.any(Number),
      }),
    );
    expect(r.body.dateUpdated).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it("requires v (400 missing-version) and rejects a non-numeric v", async () => {
    expectAcError(await emu.call("GET", `/api/account/${emu.a}/configuration/${SK}`, { bearer: admin.bearer }), 400, "missing-version");
    expectAcError(await emu.call("GET", `/api/account/${emu.a}/configuration/${SK}?v=latest`, { bearer: admin.bearer }), 400, "validation");
  });

  it.each([
    ["a missing name", {}],
    ["an unknown field", { name: "x-unknown", colour: "red" }],
    ["a wrong type", { name: "x-type", maxWaitTime: "120" }],
    ["a server-assigned id", { name: "x-id", id: 5 }],
  ])("rejects %s with 400 validation", async (_label, body) => {
    expectAcError(await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body }), 400, "validation");
  });

  it("rejects an array or a non-JSON body with 400 validation", async () => {
    expectAcError(await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: [{ name: "a" }] }), 400, "validation");
    expectAcError(await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: "{oops" }), 400, "validation");
  });

  it("keeps names unique, case-insensitively (400 duplicate-name), also on PUT", async () => {
    const s = await createSkill();
    expectAcError(
      await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: { name: s.name.toUpperCase() } }),
      400,
      "duplicate-name",
    );
    const other = await createSkill();
    expectAcError(
      await emu.call("PUT", emu.ac(SK, `/${other.id}`), { bearer: admin.bearer, body: { name: s.name } }),
      400,
      "duplicate-name",
    );
  });

  it("checks references: transfer list, fallback skill, agent group (400 missing-reference)", async () => {
    expectAcError(
      await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: { name: unique("s"), skillTransferList: [42] } }),
      400,
      "missing-reference",
    );
    expectAcError(
      await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: { name: unique("s"), fallbackSkill: 42 } }),
      400,
      "missing-reference",
    );
    expectAcError(
      await emu.call("POST", emu.ac(SK), {
        bearer: admin.bearer,
        body: { name: unique("s"), skillRoutingConfiguration: [{ agentGroupId: 7, priority: 1, splitPercentage: 100 }] },
      }),
      400,
      "missing-reference",
    );
    expectAcError(
      await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: { name: unique("s"), lobIds: [3] } }),
      400,
      "missing-reference",
    );
  });

  it("lists with the default select id,deleted,name; select=$all and select=a,b project fields", async () => {
    const s = await createSkill(unique("sel"), { description: "desc" });
    const dflt = await emu.call("GET", emu.ac(SK), { bearer: admin.bearer });
    expect(dflt.body.find((x: any) => x.id === s.id)).toEqual({ id: s.id, deleted: false, name: s.name });
    const all = await emu.call("GET", emu.ac(SK, "?select=$all"), { bearer: admin.bearer });
    expect(all.body.find((x: any) => x.id === s.id).description).toBe("desc");
    const some = await emu.call("GET", emu.ac(SK, `/${s.id}?select=name,nosuchfield`), { bearer: admin.bearer });
    expect(some.body).toEqual({ name: s.name });
  });

  it("PUT replaces the whole object: omitted fields are cleared", async () => {
    const s = await createSkill(unique("put"), { description: "will go", maxWaitTime: 30 });
    const r = await emu.call("PUT", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer, body: { name: s.name } });
    expect(r.status).toBe(200);
    expect(r.body.description).toBeUndefined();
    expect(r.body.maxWaitTime).toBe(120);
    const g = await emu.call("GET", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer });
    expect(g.body).toEqual(r.body);
    expectAcError(
      await emu.call("PUT", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer, body: { id: s.id + 1, name: s.name } }),
      400,
      "validation",
    );
    expectAcError(await emu.call("PUT", emu.ac(SK, `/99`), { bearer: admin.bearer, body: { name: "x" } }), 404, "not-found");
  });

  it("If-Match: absent or -1 skips the check, the current revision passes, a stale one is 409 and changes nothing", async () => {
    const s = await createSkill();
    const cur = rev(await emu.call("GET", emu.ac(SK), { bearer: admin.bearer }));
    const stale = await emu.call("PUT", emu.ac(SK, `/${s.id}`), {
      bearer: admin.bearer,
      headers: { "if-match": String(cur - 1) },
      body: { name: s.name, description: "x" },
    });
    expectAcError(stale, 409, "revision-conflict");
    expect(rev(stale)).toBe(cur);
    const okCur = await emu.call("PUT", emu.ac(SK, `/${s.id}`), {
      bearer: admin.bearer,
      headers: { "if-match": String(cur) },
      body: { name: s.name, description: "y" },
    });
    expect(okCur.status).toBe(200);
    expect(rev(okCur)).toBe(cur + 1);
    const dontCare = await emu.call("PUT", emu.ac(SK, `/${s.id}`), {
      bearer: admin.bearer,
      headers: { "if-match": "-1" },
      body: { name: s.name },
    });
    expect(dontCare.status).toBe(200);
    expectAcError(
      await emu.call("DELETE", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer, headers: { "if-match": String(cur) } }),
      409,
      "revision-conflict",
    );
  });

  it("X-HTTP-Method-Override on POST acts as PUT or DELETE; without it POST to an item is refused", async () => {
    const s = await createSkill();
    const put = await emu.call("POST", emu.ac(SK, `/${s.id}`), {
      bearer: admin.bearer,
      headers: { "x-http-method-override": "PUT" },
      body: { name: s.name, description: "via override" },
    });
    expect(put.status).toBe(200);
    expect(put.body.description).toBe("via override");
    expectAcError(await emu.call("POST", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer, body: { name: s.name } }), 400, "validation");
    const del = await emu.call("POST", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer, headers: { "x-http-method-override": "DELETE" } });
    expect(del.status).toBe(200);
    expectAcError(await emu.call("GET", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer }), 404, "not-found");
  });

  it("soft-deletes: 200 {}, hidden from lists and GET (404) unless include_deleted=true; deleting twice is 404", async () => {
    const s = await createSkill();
    const d = await emu.call("DELETE", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer });
    expect(d.status).toBe(200);
    expect(d.body).toEqual({});
    expectAcError(await emu.call("GET", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer }), 404, "not-found");
    const inc = await emu.call("GET", emu.ac(SK, `/${s.id}?include_deleted=true`), { bearer: admin.bearer });
    expect(inc.body).toEqual(expect.objectContaining({ id: s.id, deleted: true }));
    const list = await emu.call("GET", emu.ac(SK), { bearer: admin.bearer });
    expect(list.body.map((x: any) => x.id)).not.toContain(s.id);
    const listDel = await emu.call("GET", emu.ac(SK, "?include_deleted=true"), { bearer: admin.bearer });
    expect(listDel.body.map((x: any) => x.id)).toContain(s.id);
    expectAcError(await emu.call("DELETE", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer }), 404, "not-found");
    // the name is free again once the skill is deleted
    expect((await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: { name: s.name } })).status).toBe(201);
  });

  it("batch-deletes with a JSON array (all or nothing)", async () => {
    const a = await createSkill();
    const b = await createSkill();
    const r0 = rev(await emu.call("GET", emu.ac(SK), { bearer: admin.bearer }));
    expectAcError(await emu.call("DELETE", emu.ac(SK), { bearer: admin.bearer, body: [String(a.id), "77"] }), 404, "not-found");
    expect((await emu.call("GET", emu.ac(SK, `/${a.id}`), { bearer: admin.bearer })).status).toBe(200);
    expectAcError(await emu.call("DELETE", emu.ac(SK), { bearer: admin.bearer, body: [] }), 400, "validation");
    const r = await emu.call("DELETE", emu.ac(SK), { bearer: admin.bearer, body: [String(a.id), b.id] });
    expect(r.status).toBe(200);
    expect(rev(r)).toBe(r0 + 1);
    expect((await emu.call("GET", emu.ac(SK, `/${b.id}`), { bearer: admin.bearer })).status).toBe(404);
  });

  it("X-HTTP-Method-Override: DELETE on the collection URL is a batch delete", async () => {
    const a = await createSkill();
    const r = await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, headers: { "x-http-method-override": "DELETE" }, body: [a.id] });
    expect(r.status).toBe(200);
    expectAcError(await emu.call("GET", emu.ac(SK, `/${a.id}`), { bearer: admin.bearer }), 404, "not-found");
    expectAcError(
      await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, headers: { "x-http-method-override": "PUT" }, body: { name: "x" } }),
      400,
      "validation",
    );
  });

  it("error responses of a known account carry ac-revision too", async () => {
    const cur = rev(await emu.call("GET", emu.ac(SK), { bearer: admin.bearer }));
    const r = await emu.call("GET", emu.ac(SK, "/1"), { bearer: admin.bearer });
    expect(r.status).toBe(404);
    expect(rev(r)).toBe(cur);
  });

  it("refuses to delete a skill still used by a user, an engagement or another skill (400 skill-dependencies)", async () => {
    const s = await createSkill();
    const user = await emu.call("POST", emu.ac(US), { bearer: admin.bearer, body: botUserBody(unique("dep-bot"), [s.id]) });
    expect(user.status).toBe(201);
    const d = await emu.call("DELETE", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer });
    expectAcError(d, 400, "skill-dependencies");
    expect(d.body.message).toContain("users");
    const t = await createSkill();
    await createSkill(unique("ref"), { skillTransferList: [t.id] });
    expect((await emu.call("DELETE", emu.ac(SK, `/${t.id}`), { bearer: admin.bearer })).body.message).toContain("skills");
  });

  it("revisions grow by exactly one per write and are per collection", async () => {
    const skills0 = rev(await emu.call("GET", emu.ac(SK), { bearer: admin.bearer }));
    const users0 = rev(await emu.call("GET", emu.ac(US), { bearer: admin.bearer }));
    await createSkill();
    await createSkill();
    expect(rev(await emu.call("GET", emu.ac(SK), { bearer: admin.bearer }))).toBe(skills0 + 2);
    expect(rev(await emu.call("GET", emu.ac(US), { bearer: admin.bearer }))).toBe(users0);
  });

  it("non-administrators cannot write (403 forbidden) but can read", async () => {
    const mgr = await emu.login("deployer-noprod", "noprod-password");
    expect((await emu.call("GET", emu.ac(SK), { bearer: mgr.bearer })).status).toBe(200);
    expectAcError(await emu.call("POST", emu.ac(SK), { bearer: mgr.bearer, body: { name: unique("nope") } }), 403, "forbidden");
  });
});

describe("users", () => {
  let skill: { id: number };
  beforeAll(async () => {
    skill = await createSkill();
  });

  it('creates a bot user (userTypeId 2, also as "2"); responses never carry passwordSh', async () => {
    const login = unique("bot");
    const r = await emu.call("POST", emu.ac(US), { bearer: admin.bearer, body: botUserBody(login, [skill.id], { userTypeId: "2" }) });
    expect(r.status).toBe(201);
    expect(r.body).toEqual(
      expect.objectContaining({
        loginName: login,
        userTypeId: 2,
        skillIds: [skill.id],
        profileIds: [1002],
        isApiUser: false,
        allowedAppKeys: "",
        deleted: false,
      }),
    );
    expect(r.text).not.toContain("passwordSh");
    expect(r.text).not.toContain("bot-Passw0rd!");
    const all = await emu.call("GET", emu.ac(US, "?select=$all"), { bearer: admin.bearer });
    expect(all.text).not.toContain("passwordSh");
    expect(all.text).not.toContain("admin-password");
  });

  it.each([
    ["no loginName", { loginName: undefined }],
    ["no email", { email: undefined }],
    ["no isEnabled", { isEnabled: undefined }],
    ["no maxChats", { maxChats: undefined }],
    ["empty profileIds", { profileIds: [] }],
    ["no password for a non-API user", { passwordSh: undefined }],
    ["an API user without allowedAppKeys", { passwordSh: undefined, isApiUser: true }],
    ["an API user with a password", { isApiUser: true, allowedAppKeys: "k" }],
    ["userTypeId 3", { userTypeId: 3 }],
    ["an unknown field", { favouriteColour: "red" }],
  ])("rejects %s with 400 validation", async (_l, extra) => {
    expectAcError(
      await emu.call("POST", emu.ac(US), { bearer: admin.bearer, body: botUserBody(unique("bad"), [skill.id], extra) }),
      400,
      "validation",
    );
  });

  it.each([
    ["a missing profile", { profileIds: [999] }],
    ["a missing skill", { skillIds: [999] }],
    ["an agent group other than -1", { memberOf: { agentGroupId: 5 } }],
  ])("rejects %s with 400 missing-reference", async (_l, extra) => {
    expectAcError(
      await emu.call("POST", emu.ac(US), { bearer: admin.bearer, body: botUserBody(unique("ref"), [skill.id], extra) }),
      400,
      "missing-reference",
    );
  });

  it("keeps loginName unique (case-insensitive)", async () => {
    expectAcError(await emu.call("POST", emu.ac(US), { bearer: admin.bearer, body: botUserBody("ADMIN", []) }), 400, "duplicate-name");
  });

  it("PUT with passwordSh null keeps the password; a new passwordSh replaces it", async () => {
    const login = unique("pw");
    const c = await emu.call("POST", emu.ac(US), { bearer: admin.bearer, body: botUserBody(login, [skill.id]) });
    const body = botUserBody(login, [skill.id], { passwordSh: null, nickname: "renamed" });
    expect((await emu.call("PUT", emu.ac(US, `/${c.body.id}`), { bearer: admin.bearer, body })).status).toBe(200);
    expect((await emu.login(login, "bot-Passw0rd!")).bearer).toBeTruthy();
    await emu.call("PUT", emu.ac(US, `/${c.body.id}`), { bearer: admin.bearer, body: { ...body, passwordSh: "n3w-Password" } });
    expect(
      (await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { username: login, password: "bot-Passw0rd!" } })).status,
    ).toBe(401);
    expect((await emu.login(login, "n3w-Password")).bearer).toBeTruthy();
  });

  it("cannot add a deleted skill to a user", async () => {
    const s = await createSkill();
    await emu.call("DELETE", emu.ac(SK, `/${s.id}`), { bearer: admin.bearer });
    expectAcError(
      await emu.call("POST", emu.ac(US), { bearer: admin.bearer, body: botUserBody(unique("x"), [s.id]) }),
      400,
      "missing-reference",
    );
  });
});

describe("profiles and goals (seeded, read-only)", () => {
  it("serves Administrator, Agent and Agent Manager", async () => {
    const r = await emu.call("GET", emu.ac("le-users/profiles"), { bearer: admin.bearer });
    expect(r.status).toBe(200);
    expect(r.body.map((p: any) => [p.id, p.name, p.roleTypeId])).toEqual([
      [1001, "Administrator", 1],
      [1002, "Agent", 2],
      [1003, "Agent Manager", 3],
    ]);
    expect(Number(r.headers["ac-revision"])).toBeGreaterThanOrEqual(1);
    expect((await emu.call("GET", emu.ac("le-users/profiles", "/1002"), { bearer: admin.bearer })).body.name).toBe("Agent");
    expectAcError(
      await emu.call("POST", emu.ac("le-users/profiles"), { bearer: admin.bearer, body: { name: "x", roleTypeId: 2 } }),
      405,
      "method-not-allowed",
    );
  });

  it("serves the seeded goal", async () => {
    const r = await emu.call("GET", emu.ac("le-goals/goals"), { bearer: admin.bearer });
    expect(r.body).toContainEqual({ id: 1101, name: "Interact with consumers", type: 0, description: "", deleted: false });
  });
});

describe("campaigns and engagements", () => {
  it("creates a campaign (goal must exist, name unique) and an engagement routed to a skill", async () => {
    const skill = await createSkill();
    const name = unique("Campaign");
    expectAcError(await emu.call("POST", emu.ac(CA), { bearer: admin.bearer, body: { name } }), 400, "validation");
    expectAcError(await emu.call("POST", emu.ac(CA), { bearer: admin.bearer, body: { name, goalId: 5 } }), 400, "missing-reference");
    const c = await emu.call("POST", emu.ac(CA), { bearer: admin.bearer, body: { name, goalId: 1101, description: "" } });
    expect(c.status).toBe(201);
    expect(c.body).toEqual(expect.objectContaining({ name, goalId: 1101, status: 1, isDeleted: false, engagementIds: [] }));
    expectAcError(await emu.call("POST", emu.ac(CA), { bearer: admin.bearer, body: { name, goalId: 1101 } }), 400, "duplicate-name");

    const cid = c.body.id;
    expectAcError(await emu.call("POST", emu.ac(engs(cid)), { bearer: admin.bearer, body: { name: "e" } }), 400, "validation");
    expectAcError(
      await emu.call("POST", emu.ac(engs(cid)), { bearer: admin.bearer, body: { name: "e", skillId: 4242 } }),
      400,
      "missing-reference",
    );
    expectAcError(
      await emu.call("POST", emu.ac(engs(999)), { bearer: admin.bearer, body: { name: "e", skillId: skill.id } }),
      404,
      "not-found",
    );
    const e = await emu.call("POST", emu.ac(engs(cid)), {
      bearer: admin.bearer,
      body: { name: "Message us", skillId: skill.id, skillName: "ignored", channel: 1, conversationType: 1 },
    });
    expect(e.status).toBe(201);
    expect(e.body).toEqual(
      expect.objectContaining({ campaignId: cid, skillId: skill.id, skillName: skill.name, enabled: true, deleted: false }),
    );
    const got = await emu.call("GET", emu.ac(CA, `/${cid}`), { bearer: admin.bearer });
    expect(got.body.engagementIds).toEqual([e.body.id]);
    const one = await emu.call("GET", emu.ac(engs(cid), `/${e.body.id}`), { bearer: admin.bearer });
    expect(one.body).toEqual(e.body);

    // skill in use by the engagement
    expectAcError(await emu.call("DELETE", emu.ac(SK, `/${skill.id}`), { bearer: admin.bearer }), 400, "skill-dependencies");
    // campaign with a live engagement
    expectAcError(await emu.call("DELETE", emu.ac(CA, `/${cid}`), { bearer: admin.bearer }), 400, "validation");
    expect((await emu.call("DELETE", emu.ac(engs(cid), `/${e.body.id}`), { bearer: admin.bearer })).status).toBe(200);
    expect((await emu.call("GET", emu.ac(CA, `/${cid}`), { bearer: admin.bearer })).body.engagementIds).toEqual([]);
    expect((await emu.call("DELETE", emu.ac(CA, `/${cid}`), { bearer: admin.bearer })).status).toBe(200);
    expectAcError(await emu.call("GET", emu.ac(CA, `/${cid}`), { bearer: admin.bearer }), 404, "not-found");
    expect((await emu.call("GET", emu.ac(CA, `/${cid}?include_deleted=true`), { bearer: admin.bearer })).body.isDeleted).toBe(true);
  });

  it("a deleted skill cannot be routed to, and an engagement update with a stale If-Match is 409", async () => {
    const skill = await createSkill();
    const dead = await createSkill();
    await emu.call("DELETE", emu.ac(SK, `/${dead.id}`), { bearer: admin.bearer });
    const c = await emu.call("POST", emu.ac(CA), { bearer: admin.bearer, body: { name: unique("C"), goalId: 1101 } });
    const cid = c.body.id;
    expectAcError(
      await emu.call("POST", emu.ac(engs(cid)), { bearer: admin.bearer, body: { name: "e", skillId: dead.id } }),
      400,
      "missing-reference",
    );
    const e = await emu.call("POST", emu.ac(engs(cid)), { bearer: admin.bearer, body: { name: "e", skillId: skill.id } });
    const r = rev(e);
    const upd = await emu.call("POST", emu.ac(engs(cid), `/${e.body.id}`), {
      bearer: admin.bearer,
      headers: { "x-http-method-override": "PUT", "if-match": String(r) },
      body: { name: "e2", skillId: skill.id, enabled: false },
    });
    expect(upd.status).toBe(200);
    expect(upd.body.enabled).toBe(false);
    expectAcError(
      await emu.call("PUT", emu.ac(engs(cid), `/${e.body.id}`), {
        bearer: admin.bearer,
        headers: { "if-match": String(r) },
        body: { name: "e3", skillId: skill.id },
      }),
      409,
      "revision-conflict",
    );
  });
});
