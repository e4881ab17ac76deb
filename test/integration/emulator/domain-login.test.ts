// Domain API, Login Service, OAuth 2.0 client credentials and bearer checks (wire-contract §1–2).
import { createHmac, randomBytes } from "crypto";
import { Emu, sleep, botUserBody, unique } from "../../helpers/emulator-http";
import { SERVICE_NAMES } from "../../../sdk/src/emulator";

let emu: Emu;
beforeAll(async () => {
  emu = await Emu.start();
});
afterAll(() => emu.close());

describe("Domain API", () => {
  it("resolves every contract service name to the emulator host:port", async () => {
    for (const service of SERVICE_NAMES) {
      const r = await emu.call("GET", `/api/account/${emu.a}/service/${service}/baseURI.json?version=1.0`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ service, account: emu.a, baseURI: emu.e.host });
    }
    expect(SERVICE_NAMES).toHaveLength(16);
  });

  it.each(["/api/account", "/csdr/account"])("lists all services under %s", async (prefix) => {
    const r = await emu.call("GET", `${prefix}/${emu.a}/service/baseURI.json?version=1.0`);
    expect(r.status).toBe(200);
    expect(r.body.baseURIs).toHaveLength(SERVICE_NAMES.length);
    expect(r.body.baseURIs).toContainEqual({ service: "accountConfigReadWrite", account: emu.a, baseURI: emu.e.host });
  });

  it("rejects a missing version (400), an unknown account (401), an unknown or mis-cased service (404)", async () => {
    expect((await emu.call("GET", `/api/account/${emu.a}/service/agentVep/baseURI.json`)).status).toBe(400);
    const unknownAccount = await emu.call("GET", `/api/account/999/service/agentVep/baseURI.json?version=1.0`);
    expect(unknownAccount.status).toBe(401);
    expect(unknownAccount.body.type).toBe("invalid-site");
    expect((await emu.call("GET", `/api/account/${emu.a}/service/nope/baseURI.json?version=1.0`)).status).toBe(404);
    expect((await emu.call("GET", `/api/account/${emu.a}/service/AgentVep/baseURI.json?version=1.0`)).status).toBe(404);
  });
});

function expectLoginError(r: { status: number; body: any }, status: number, internalCode: number, responseStatus: string) {
  expect(r.status).toBe(status);
  expect(r.body.error).toEqual(
    expect.objectContaining({ internalCode, responseStatus, message: expect.any(String), time: expect.any(String) }),
  );
}

describe("Login Service", () => {
  it("logs in with username/password: login body and Session_id cookie", async () => {
    const r = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { username: "admin", password: "admin-password" } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      expect.objectContaining({
        csrf: expect.any(String),
        wsuk: expect.any(String),
        sessionTTl: "28800000",
        bearer: expect.stringMatching(/^[0-9a-f]{64}$/),
        config: expect.objectContaining({
          loginName: "admin",
          userId: "1201",
          isAdmin: true,
          accountTimeZoneId: "UTC",
          userPrivileges: ["BOT_STATUS_ACCESS"],
        }),
        accountData: { agentGroupsData: { items: [{ id: -1, deleted: false, name: "Main Group" }], revision: 1 } },
      }),
    );
    expect(r.body.config.userPid).toEqual(expect.any(String));
    expect(r.body.csdsCollectionResponse.baseURIs).toContainEqual({ service: "agentVep", account: emu.a, baseURI: emu.e.host });
    expect(String(r.headers["set-cookie"])).toMatch(/^Session_id=[0-9a-f]+;/);
  });

  it("refuses wrong credentials and unknown users with 401 internalCode 10, without echoing the password", async () => {
    const wrong = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, {
      body: { username: "admin", password: "Sup3rSecretGuess" },
    });
    expectLoginError(wrong, 401, 10, "UNAUTHORIZED");
    expect(wrong.text).not.toContain("Sup3rSecretGuess");
    const unknown = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { username: "ghost", password: "x" } });
    expectLoginError(unknown, 401, 10, "UNAUTHORIZED");
  });

  it("refuses an unknown account with 401 and a bad body or missing v with 400 internalCode 1", async () => {
    expectLoginError(
      await emu.call("POST", `/api/account/999/login?v=1.3`, { body: { username: "admin", password: "admin-password" } }),
      401,
      10,
      "UNAUTHORIZED",
    );
    expectLoginError(await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { username: "admin" } }), 400, 1, "BAD_REQUEST");
    expectLoginError(
      await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { username: "admin", password: "p", extra: 1 } }),
      400,
      1,
      "BAD_REQUEST",
    );
    expectLoginError(await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: "{not json" }), 400, 1, "BAD_REQUEST");
    expectLoginError(
      await emu.call("POST", `/api/account/${emu.a}/login`, { body: { username: "admin", password: "admin-password" } }),
      400,
      1,
      "BAD_REQUEST",
    );
  });

  it("refreshes with csrf + cookie, refuses a bad csrf or cookie with the CSRF 401 body, and logout revokes the bearer", async () => {
    const s = await emu.login();
    const ok = await emu.call("POST", `/api/account/${emu.a}/refresh?v=1.3`, { body: { csrf: s.csrf }, headers: { cookie: s.cookie } });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe("");
    const badCsrf = await emu.call("POST", `/api/account/${emu.a}/refresh?v=1.3`, {
      body: { csrf: "nope" },
      headers: { cookie: s.cookie },
    });
    expectLoginError(badCsrf, 401, 10, "UNAUTHORIZED");
    expect(badCsrf.body.error.message).toMatch(/^CSRF token invalid!/);
    const noCookie = await emu.call("POST", `/api/account/${emu.a}/refresh?v=1.3`, { body: { csrf: s.csrf } });
    expect(noCookie.body.error.message).toMatch(/^CSRF token invalid!/);

    expect((await emu.call("GET", emu.ac("le-users/skills"), { bearer: s.bearer })).status).toBe(200);
    const out = await emu.call("POST", `/api/account/${emu.a}/logout?v=1.3`, { body: { csrf: s.csrf }, headers: { cookie: s.cookie } });
    expect(out.status).toBe(200);
    const after = await emu.call("GET", emu.ac("le-users/skills"), { bearer: s.bearer });
    expectLoginError(after, 401, 10, "UNAUTHORIZED");
    const again = await emu.call("POST", `/api/account/${emu.a}/logout?v=1.3`, { body: { csrf: s.csrf }, headers: { cookie: s.cookie } });
    expect(again.status).toBe(401);
  });

  it("a new login does not revoke earlier bearers", async () => {
    const a = await emu.login();
    const b = await emu.login();
    expect(a.bearer).not.toBe(b.bearer);
    expect((await emu.call("GET", emu.ac("le-users/skills"), { bearer: a.bearer })).status).toBe(200);
  });

  it("logs an API user in with the app-key quadruple, checked against allowedAppKeys and the account's keys", async () => {
    const admin = await emu.login();
    const skill = await emu.call("POST", emu.ac("le-users/skills"), { bearer: admin.bearer, body: { name: unique("apikey-skill") } });
    const k = emu.e.credentials.appKey;
    const login = unique("api-bot");
    const created = await emu.call("POST", emu.ac("le-users/users"), {
      bearer: admin.bearer,
      body: { ...botUserBody(login, [skill.body.id]), passwordSh: undefined, isApiUser: true, allowedAppKeys: k.appKey },
    });
    expect(created.status).toBe(201);
    const quad = {
      username: login,
      appKey: k.appKey,
      secret: k.secret,
      accessToken: k.accessToken,
      accessTokenSecret: k.accessTokenSecret,
    };
    const ok = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: quad });
    expect(ok.status).toBe(200);
    expect(ok.body.config.loginName).toBe(login);
    expect(ok.body.config.isAdmin).toBe(false);

    const badSecret = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { ...quad, secret: "wrong-secret-value" } });
    expectLoginError(badSecret, 401, 10, "UNAUTHORIZED");
    expect(badSecret.text).not.toContain("wrong-secret-value");
    // a key registered on the account but not allowed for this user
    await emu.call("POST", "/_emulator/seed", {
      body: {
        accounts: [{ accountId: emu.a, appKeys: [{ appKey: "other-key", secret: "s", accessToken: "t", accessTokenSecret: "ts" }] }],
      },
    });
    const notAllowed = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, {
      body: { username: login, appKey: "other-key", secret: "s", accessToken: "t", accessTokenSecret: "ts" },
    });
    expectLoginError(notAllowed, 401, 10, "UNAUTHORIZED");
    // one login method or the other
    const pw = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { username: login, password: "bot-Passw0rd!" } });
    expectLoginError(pw, 401, 10, "UNAUTHORIZED");
    const adminByKey = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { ...quad, username: "admin" } });
    expectLoginError(adminByKey, 401, 10, "UNAUTHORIZED");
  });

  it("refuses a disabled user", async () => {
    await emu.call("POST", "/_emulator/seed", {
      body: { accounts: [{ accountId: emu.a, users: [{ loginName: "disabled-user", password: "pw-disabled", isEnabled: false }] }] },
    });
    const r = await emu.call("POST", `/api/account/${emu.a}/login?v=1.3`, { body: { username: "disabled-user", password: "pw-disabled" } });
    expectLoginError(r, 401, 10, "UNAUTHORIZED");
  });
});

describe("bearer checks", () => {
  it("every Account Config call needs a valid bearer for the URL's account (401, Login Service body)", async () => {
    expectLoginError(await emu.call("GET", emu.ac("le-users/skills")), 401, 10, "UNAUTHORIZED");
    expectLoginError(await emu.call("GET", emu.ac("le-users/skills"), { bearer: "f".repeat(64) }), 401, 10, "UNAUTHORIZED");
    expectLoginError(
      await emu.call("GET", emu.ac("le-users/skills"), { headers: { authorization: "Basic eDp5" } }),
      401,
      10,
      "UNAUTHORIZED",
    );
    await emu.call("POST", "/_emulator/seed", { body: { accounts: [{ accountId: "55555555" }] } });
    const s = await emu.login();
    expectLoginError(
      await emu.call("GET", emu.ac("le-users/skills", "", "2.0", "55555555"), { bearer: s.bearer }),
      401,
      10,
      "UNAUTHORIZED",
    );
  });

  it("a bearer expires after sessionTTl unless refreshed", async () => {
    const short = await Emu.start({ sessionTtlMs: 300 });
    try {
      const s = await short.login();
      expect(s.body.sessionTTl).toBe("300");
      await sleep(200);
      expect(
        (await short.call("POST", `/api/account/${short.a}/refresh?v=1.3`, { body: { csrf: s.csrf }, headers: { cookie: s.cookie } }))
          .status,
      ).toBe(200);
      await sleep(200);
      expect((await short.call("GET", short.ac("le-users/skills"), { bearer: s.bearer })).status).toBe(200);
      await sleep(350);
      expect((await short.call("GET", short.ac("le-users/skills"), { bearer: s.bearer })).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it("a deleted user's bearer stops working", async () => {
    const admin = await emu.login();
    await emu.call("POST", "/_emulator/seed", {
      body: { accounts: [{ accountId: emu.a, users: [{ loginName: "short-lived-admin", password: "pw-x", profile: "Administrator" }] }] },
    });
    const s = await emu.login("short-lived-admin", "pw-x");
    const list = await emu.call("GET", emu.ac("le-users/users", "?select=$all"), { bearer: admin.bearer });
    const id = list.body.find((u: any) => u.loginName === "short-lived-admin").id;
    expect((await emu.call("DELETE", emu.ac("le-users/users", `/${id}`), { bearer: admin.bearer })).status).toBe(200);
    expect((await emu.call("GET", emu.ac("le-users/skills"), { bearer: s.bearer })).status).toBe(401);
  });
});

describe("OAuth 2.0 client credentials (sentinel)", () => {
  const path = () => `/sentinel/api/account/${emu.a}/app/token`;
  it("issues a Bearer token usable on Account Config with administrator rights", async () => {
    const c = emu.e.credentials.oauthClient;
    const r = await emu.call("POST", path(), {
      form: { client_id: c.clientId, client_secret: c.clientSecret, grant_type: "client_credentials" },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600 });
    const w = await emu.call("POST", emu.ac("le-users/skills"), { bearer: r.body.access_token, body: { name: unique("oauth-skill") } });
    expect(w.status).toBe(201);
    const cb = await emu.cbToken(r.body.access_token);
    expect(cb.result.privileges).toContain("BOT_STATUS_ACCESS");
  });

  it("answers RFC 6749 errors: invalid_client 401, unsupported_grant_type 400", async () => {
    const c = emu.e.credentials.oauthClient;
    const bad = await emu.call("POST", path(), {
      form: { client_id: c.clientId, client_secret: "nope-secret", grant_type: "client_credentials" },
    });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ error: "invalid_client", error_description: expect.any(String) });
    expect(bad.text).not.toContain("nope-secret");
    const grant = await emu.call("POST", path(), {
      form: { client_id: c.clientId, client_secret: c.clientSecret, grant_type: "password" },
    });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe("unsupported_grant_type");
    const json = await emu.call("POST", path(), { body: { client_id: c.clientId } });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe("invalid_request");
  });
});

describe("OAuth 1.0 signed requests (app key of the account)", () => {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  function header(method: string, url: string, secret: string) {
    const k = emu.e.credentials.appKey;
    const u = new URL(url);
    const o: Record<string, string> = {
      oauth_consumer_key: k.appKey,
      oauth_token: k.accessToken,
      oauth_nonce: randomBytes(8).toString("hex"),
      oauth_timestamp: String(Math.floor(Date.now() / 1000)),
      oauth_signature_method: "HMAC-SHA1",
      oauth_version: "1.0",
    };
    const params = [...u.searchParams.entries(), ...Object.entries(o)]
      .map(([a, b]) => [enc(a), enc(b)])
      .sort((x, y) => (x[0] === y[0] ? (x[1] < y[1] ? -1 : 1) : x[0] < y[0] ? -1 : 1))
      .map(([a, b]) => `${a}=${b}`)
      .join("&");
    const base = [method, enc(`${u.protocol}//${u.host}${u.pathname}`), enc(params)].join("&");
    o.oauth_signature = createHmac("sha1", `${enc(secret)}&${enc(k.accessTokenSecret)}`)
      .update(base)
      .digest("base64");
    return (
      "OAuth " +
      Object.entries(o)
        .map(([a, b]) => `${a}="${enc(b)}"`)
        .join(", ")
    );
  }

  it("accepts a correctly signed request and refuses a wrong signature", async () => {
    const path = emu.ac("le-users/skills", "?select=$all");
    const ok = await emu.call("GET", path, { headers: { authorization: header("GET", emu.url + path, emu.e.credentials.appKey.secret) } });
    expect(ok.status).toBe(200);
    const bad = await emu.call("GET", path, { headers: { authorization: header("GET", emu.url + path, "not-the-secret") } });
    expect(bad.status).toBe(401);
  });
});
