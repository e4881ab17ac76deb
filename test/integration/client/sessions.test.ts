import { createLiveEngageClient } from "../../../sdk/src/client";
import { ConfigurationError } from "../../../sdk/src/client/errors";
import { FAST_RETRY, json, passwordCreds, resetClientState, startFake, type FakeLiveEngage } from "../../helpers/fake-liveengage";

let fake: FakeLiveEngage;
beforeEach(async () => {
  resetClientState();
  fake = await startFake();
});
afterEach(() => fake.close());

const skillsPath = () => `/api/account/${fake.accountId}/configuration/le-users/skills`;
const domainCalls = () => fake.requests.filter((r) => r.path.endsWith("/baseURI.json")).length;

describe("shared sessions", () => {
  it("50 concurrent callers on several clients cause one login", async () => {
    fake.route("GET", skillsPath(), (_q, res) => setTimeout(() => json(res, 200, []), 5));
    const clients = [1, 2, 3].map(() => createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY }));
    await Promise.all(Array.from({ length: 50 }, (_, i) => clients[i % 3]!.skills.list()));
    expect(fake.bearers).toHaveLength(1);
    // Domain API answers are cached per account+service for the process.
    const before = domainCalls();
    await clients[0]!.skills.list();
    expect(domainCalls()).toBe(before);
  });

  it("50 concurrent 401s on an expired token cause one re-login", async () => {
    fake.route("GET", skillsPath(), (q, res) =>
      q.headers.authorization === `Bearer ${fake.bearers[0]}`
        ? json(res, 401, { error: { message: "expired", internalCode: 10 } })
        : json(res, 200, []),
    );
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await Promise.all(Array.from({ length: 50 }, () => c.skills.list()));
    expect(fake.bearers).toHaveLength(2);
  });

  it("does not share a session between different passwords of the same user", async () => {
    fake.route("GET", skillsPath(), (_q, res) => json(res, 200, []));
    await createLiveEngageClient(passwordCreds(fake, "password-one"), { retry: FAST_RETRY }).skills.list();
    await createLiveEngageClient(passwordCreds(fake, "password-two"), { retry: FAST_RETRY }).skills.list();
    expect(fake.bearers).toHaveLength(2);
  });

  it("logs in with the app-key quadruple", async () => {
    fake.route("GET", skillsPath(), (_q, res) => json(res, 200, []));
    const creds = {
      accountId: fake.accountId,
      csdsDomain: fake.host,
      username: "bot",
      appKey: "ak-1",
      appSecret: "as-1",
      accessToken: "at-1",
      accessTokenSecret: "ats-1",
    };
    await createLiveEngageClient(creds, { retry: FAST_RETRY }).skills.list();
    const login = fake.requests.find((r) => r.path.endsWith("/login"))!;
    expect(login.query.get("v")).toBe("1.3");
    expect(login.body).toEqual({ username: "bot", appKey: "ak-1", secret: "as-1", accessToken: "at-1", accessTokenSecret: "ats-1" });
  });

  it("uses OAuth 2.0 client credentials from sentinel as a Bearer", async () => {
    fake.route("GET", skillsPath(), (_q, res) => json(res, 200, []));
    const creds = { accountId: fake.accountId, csdsDomain: fake.host, clientId: "cid-1", clientSecret: "csecret-1" };
    await createLiveEngageClient(creds, { retry: FAST_RETRY }).skills.list();
    const token = fake.requests.find((r) => r.path.endsWith("/app/token"))!;
    expect(token.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(token.body).toEqual({ client_id: "cid-1", client_secret: "csecret-1", grant_type: "client_credentials" });
    expect(fake.requests.find((r) => r.path === skillsPath())!.headers.authorization).toBe(`Bearer ${fake.bearers[0]}`);
    expect(fake.count("POST", `/api/account/${fake.accountId}/login`)).toBe(0);
  });

  it("sends the documented versions and select=$all", async () => {
    fake.route("GET", /\/configuration\//, (_q, res) => json(res, 200, []));
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await Promise.all([c.skills.list(), c.users.list(), c.profiles.list(), c.goals.list(), c.campaigns.list(), c.engagements.list(7)]);
    const seen = Object.fromEntries(
      fake.requests
        .filter((r) => r.path.includes("/configuration/"))
        .map((r) => [r.path.split("/configuration/")[1], `${r.query.get("v")} ${r.query.get("select")}`]),
    );
    expect(seen).toEqual({
      "le-users/skills": "2.0 $all",
      "le-users/users": "6.0 $all",
      "le-users/profiles": "4.0 $all",
      "le-goals/goals": "3.0 $all",
      "le-campaigns/campaigns": "3.4 $all",
      "le-campaigns/campaigns/7/engagements": "3.4 $all",
    });
  });
});

describe("concurrency limit", () => {
  it("keeps at most 8 requests per account in flight by default", async () => {
    let inFlight = 0;
    let peak = 0;
    fake.route("GET", skillsPath(), (_q, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, []);
      }, 30);
    });
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await Promise.all(Array.from({ length: 30 }, () => c.skills.list()));
    expect(peak).toBe(8);
  });

  it("honours a configured limit", async () => {
    let inFlight = 0;
    let peak = 0;
    fake.route("GET", skillsPath(), (_q, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, []);
      }, 20);
    });
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY, concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => c.skills.list()));
    expect(peak).toBe(3);
  });
});

describe("https only, except loopback", () => {
  it("refuses a plain-http Domain API host that is not loopback", () => {
    expect(() => createLiveEngageClient({ accountId: "1", csdsDomain: "http://api.example.com", username: "u", password: "p" })).toThrow(
      ConfigurationError,
    );
  });

  it("refuses a plain-http service host from the Domain API, sending nothing to it", async () => {
    fake.route("GET", /\/service\/accountConfigReadOnly\/baseURI\.json$/, (_q, res) =>
      json(res, 200, { service: "accountConfigReadOnly", account: fake.accountId, baseURI: "http://10.1.2.3:8080" }),
    );
    const c = createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY });
    await expect(c.skills.list()).rejects.toThrow(/Refusing plain http to 10\.1\.2\.3:8080/);
    expect(fake.count("GET", skillsPath())).toBe(0);
  });

  it("speaks http to the loopback emulator host", async () => {
    fake.route("GET", skillsPath(), (_q, res) => json(res, 200, []));
    await createLiveEngageClient(passwordCreds(fake), { retry: FAST_RETRY }).skills.list();
    expect(fake.count("GET", skillsPath())).toBe(1);
  });
});
