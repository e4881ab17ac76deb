// /_emulator endpoints (wire-contract §6): no API side effects, reset, seed, dump with secrets
// masked, counters and request log, status history, and fault injection.
import { request } from "undici";
import { Emu, unique, type Session } from "../../helpers/emulator-http";

let emu: Emu;
let admin: Session;
beforeEach(async () => {
  emu = await Emu.start();
  admin = await emu.login();
});
afterEach(() => emu.close());

const SK = "le-users/skills";

describe("no side effects", () => {
  it("reading every /_emulator endpoint changes neither revisions, state, counters nor the request log", async () => {
    await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: { name: unique("s") } });
    const rev0 = (await emu.call("GET", emu.ac(SK), { bearer: admin.bearer })).headers["ac-revision"];
    const state0 = (await emu.call("GET", "/_emulator/state")).text;
    const counters0 = (await emu.call("GET", "/_emulator/counters")).body;
    const log0 = (await emu.call("GET", "/_emulator/requests")).body;
    for (const p of [
      "/_emulator/state",
      `/_emulator/state?account=${emu.a}`,
      "/_emulator/counters",
      "/_emulator/requests",
      "/_emulator/requests?since=1",
      `/_emulator/status-history?account=${emu.a}`,
      "/_emulator/faults",
    ]) {
      expect((await emu.call("GET", p)).status).toBe(200);
    }
    expect((await emu.call("GET", "/_emulator/state")).text).toBe(state0);
    expect((await emu.call("GET", "/_emulator/counters")).body).toEqual(counters0);
    expect((await emu.call("GET", "/_emulator/requests")).body).toEqual(log0);
    const rev1 = (await emu.call("GET", emu.ac(SK), { bearer: admin.bearer })).headers["ac-revision"];
    expect(rev1).toBe(rev0);
  });
});

describe("state, seed, reset", () => {
  it("dumps the state with every secret masked", async () => {
    const r = await emu.call("GET", `/_emulator/state?account=${emu.a}`);
    expect(r.status).toBe(200);
    const acc = r.body.accounts[emu.a];
    expect(acc.users["1201"]).toEqual(expect.objectContaining({ loginName: "admin", passwordSh: "********" }));
    expect(acc.bots["demo-bot"].name).toBe("Demo Bot");
    for (const secret of [
      "admin-password",
      "noprod-password",
      "emulator-client-secret",
      "emulator-app-secret",
      "emulator-access-token-secret",
    ]) {
      expect(r.text).not.toContain(secret);
    }
    expect((await emu.call("GET", "/_emulator/state?account=nope")).status).toBe(404);
  });

  it("seeds accounts, users, bots, OAuth clients and app keys; refuses bad seeds without changing anything", async () => {
    const r = await emu.call("POST", "/_emulator/seed", {
      body: {
        accounts: [
          {
            accountId: "11112222",
            users: [{ loginName: "x-admin", password: "x-pw", profile: "Administrator" }],
            bots: [{ id: "b2", name: "B2" }],
            oauthClients: [{ clientId: "c2", clientSecret: "c2-secret" }],
          },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect((await emu.login("x-admin", "x-pw", "11112222")).body.config.isAdmin).toBe(true);
    const tok = await emu.call("POST", "/sentinel/api/account/11112222/app/token", {
      form: { client_id: "c2", client_secret: "c2-secret", grant_type: "client_credentials" },
    });
    expect(tok.status).toBe(200);
    const before = (await emu.call("GET", "/_emulator/state")).text;
    const dup = await emu.call("POST", "/_emulator/seed", {
      body: {
        accounts: [
          { accountId: "33334444", users: [{ loginName: "a", password: "p" }] },
          { accountId: "11112222", users: [{ loginName: "X-ADMIN", password: "p" }] },
        ],
      },
    });
    expect(dup.status).toBe(400);
    expect((await emu.call("POST", "/_emulator/seed", { body: { accounts: [{ accountId: "1", colour: 1 }] } })).status).toBe(400);
    expect((await emu.call("GET", "/_emulator/state")).text).toBe(before);
  });

  it("reset returns every account to the seed; revisions and ids never go backwards", async () => {
    const s = await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: { name: unique("gone") } });
    const rev = Number(s.headers["ac-revision"]);
    await emu.call("POST", "/_emulator/seed", { body: { accounts: [{ accountId: "99990000" }] } });
    expect((await emu.call("POST", "/_emulator/reset")).status).toBe(200);
    const list = await emu.call("GET", emu.ac(SK, "?include_deleted=true"), { bearer: admin.bearer });
    expect(list.body).toEqual([]);
    expect(Number(list.headers["ac-revision"])).toBeGreaterThan(rev);
    expect((await emu.call("GET", `/_emulator/state?account=99990000`)).status).toBe(404);
    const again = await emu.call("POST", emu.ac(SK), { bearer: admin.bearer, body: { name: unique("new") } });
    expect(again.body.id).toBeGreaterThan(s.body.id);
  });
});

describe("counters and request log", () => {
  it("counts per METHOD + route pattern and logs seq, method, route, url path, status, account", async () => {
    await emu.call("DELETE", "/_emulator/counters");
    await emu.call("DELETE", "/_emulator/requests");
    await emu.call("GET", emu.ac(SK, "/123"), { bearer: admin.bearer });
    await emu.call("GET", emu.ac(SK, "/456"), { bearer: admin.bearer });
    await emu.call("GET", emu.ac(SK), { bearer: admin.bearer });
    const c = await emu.call("GET", "/_emulator/counters");
    expect(c.body).toEqual({
      "GET /api/account/:a/configuration/le-users/skills/:id": 2,
      "GET /api/account/:a/configuration/le-users/skills": 1,
    });
    const log = (await emu.call("GET", "/_emulator/requests")).body;
    expect(log).toHaveLength(3);
    expect(log[0]).toEqual({
      seq: expect.any(Number),
      time: expect.any(String),
      method: "GET",
      route: "/api/account/:a/configuration/le-users/skills/:id",
      url: `/api/account/${emu.a}/configuration/le-users/skills/123`,
      status: 404,
      account: emu.a,
    });
    const since = (await emu.call("GET", `/_emulator/requests?since=${log[1].seq}`)).body;
    expect(since.map((e: { seq: number }) => e.seq)).toEqual([log[2].seq]);
  });
});

describe("fault injection", () => {
  const skills = () => emu.ac(SK);
  it("429 with Retry-After for the next N matching calls, in the API's error shape", async () => {
    const f = await emu.call("POST", "/_emulator/faults", {
      body: {
        kind: "429",
        retryAfterSeconds: 7,
        count: 2,
        match: { method: "GET", route: "/api/account/:a/configuration/le-users/skills" },
      },
    });
    expect(f.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const r = await emu.call("GET", skills(), { bearer: admin.bearer });
      expect(r.status).toBe(429);
      expect(r.headers["retry-after"]).toBe("7");
      expect(r.body.type).toBe("rate-limited");
    }
    expect((await emu.call("GET", skills(), { bearer: admin.bearer })).status).toBe(200);
    expect((await emu.call("GET", "/_emulator/faults")).body).toEqual([]);
  });

  it("5xx errors; only the matching method/route is affected; shapes follow the API family", async () => {
    await emu.call("POST", "/_emulator/faults", { body: { kind: "error", status: 503, match: { method: "POST" } } });
    const w = await emu.call("POST", skills(), { bearer: admin.bearer, body: { name: unique("f") } });
    expect(w.status).toBe(503);
    expect(w.body.type).toBe("internal");
    const login = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { username: "admin", password: "admin-password" } });
    expect(login.status).toBe(503);
    expect(login.body.error.responseStatus).toEqual(expect.any(String));
    expect((await emu.call("GET", skills(), { bearer: admin.bearer })).status).toBe(200);
    await emu.call("DELETE", "/_emulator/faults");
    // the failed write did not happen
    const list = await emu.call("GET", skills(), { bearer: admin.bearer });
    expect(list.body).toEqual([]);
  });

  it("rate 0 never fires, rate 1 always does", async () => {
    await emu.call("POST", "/_emulator/faults", { body: { kind: "error", rate: 0 } });
    expect((await emu.call("GET", skills(), { bearer: admin.bearer })).status).toBe(200);
    await emu.call("DELETE", "/_emulator/faults");
    await emu.call("POST", "/_emulator/faults", { body: { kind: "error", rate: 1, match: { route: "/api/account/:a/configuration/*" } } });
    expect((await emu.call("GET", skills(), { bearer: admin.bearer })).status).toBe(500);
    expect((await emu.call("GET", `/api/account/${emu.a}/service/agentVep/baseURI.json?version=1.0`)).status).toBe(200);
  });

  it("latency delays the answer", async () => {
    await emu.call("POST", "/_emulator/faults", { body: { kind: "latency", latencyMs: 300, count: 1 } });
    const t0 = Date.now();
    expect((await emu.call("GET", skills(), { bearer: admin.bearer })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it("reset closes the socket without an answer", async () => {
    await emu.call("POST", "/_emulator/faults", { body: { kind: "reset", count: 1 } });
    await expect(request(emu.url + skills(), { headers: { authorization: `Bearer ${admin.bearer}` } })).rejects.toThrow();
    expect((await emu.call("GET", skills(), { bearer: admin.bearer })).status).toBe(200);
    const log = (await emu.call("GET", "/_emulator/requests")).body;
    expect(log.some((e: { status: number }) => e.status === 0)).toBe(true);
  });

  it("refuses invalid rules", async () => {
    expect((await emu.call("POST", "/_emulator/faults", { body: { kind: "explode" } })).status).toBe(400);
    expect((await emu.call("POST", "/_emulator/faults", { body: { kind: "error", status: 404 } })).status).toBe(400);
    expect((await emu.call("POST", "/_emulator/faults", { body: { kind: "error", rate: 2 } })).status).toBe(400);
  });
});
