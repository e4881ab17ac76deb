import { createLiveEngageClient } from "../../../sdk/src/client";
import { AuthenticationError, RateLimitError, ServerError, TransportError, ValidationError } from "../../../sdk/src/client/errors";
import { FAST_RETRY, json, passwordCreds, resetClientState, startFake, type FakeLiveEngage } from "../../helpers/fake-liveengage";

let fake: FakeLiveEngage;
beforeEach(async () => {
  resetClientState();
  fake = await startFake();
});
afterEach(() => fake.close());

const skillsPath = () => `/api/account/${fake.accountId}/configuration/le-users/skills`;
const client = (retry: object = FAST_RETRY) => createLiveEngageClient(passwordCreds(fake), { retry });

describe("retry policy over real HTTP", () => {
  it("retries a GET after 5xx and returns the eventual answer", async () => {
    let n = 0;
    fake.route("GET", skillsPath(), (_q, res) => (++n < 3 ? json(res, 503, { type: "internal" }) : json(res, 200, [{ id: 1, name: "a" }])));
    await expect(client().skills.list()).resolves.toEqual([{ id: 1, name: "a" }]);
    expect(fake.count("GET", skillsPath())).toBe(3);
  });

  it("gives up after the bounded number of 5xx retries with a ServerError", async () => {
    fake.route("GET", skillsPath(), (_q, res) => json(res, 500, { type: "internal", message: "down" }));
    const err = await client()
      .skills.list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 500, apiCode: "internal", method: "GET" });
    expect(fake.count("GET", skillsPath())).toBe(1 + FAST_RETRY.backoffMs.length);
  });

  it("waits the configured backoff between attempts", async () => {
    fake.route("GET", skillsPath(), (_q, res) => json(res, 502, {}));
    const started = Date.now();
    await expect(client({ ...FAST_RETRY, backoffMs: [120, 120] }).skills.list()).rejects.toBeInstanceOf(ServerError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(230);
  });

  it("does not retry a 400 and exposes the API's type", async () => {
    fake.route("POST", skillsPath(), (_q, res) => json(res, 400, { type: "duplicate-name", message: "name already used" }));
    const err = await client()
      .skills.create({ name: "dup" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).apiCode).toBe("duplicate-name");
    expect(fake.count("POST", skillsPath())).toBe(1);
    expect(fake.count("GET", skillsPath())).toBe(0);
  });

  it("honours Retry-After on 429 (seconds, not less)", async () => {
    let n = 0;
    fake.route("GET", skillsPath(), (_q, res) =>
      ++n === 1 ? json(res, 429, { type: "rate-limited" }, { "retry-after": "1" }) : json(res, 200, []),
    );
    const started = Date.now();
    await client().skills.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(n).toBe(2);
  });

  it("waits at least the floor when a 429 has no Retry-After", async () => {
    let n = 0;
    fake.route("GET", skillsPath(), (_q, res) => (++n === 1 ? json(res, 429, {}) : json(res, 200, [])));
    const started = Date.now();
    await client({ ...FAST_RETRY, rateLimitFloorMs: 200 }).skills.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("applies the longer floor to a rate-limited login", async () => {
    let n = 0;
    fake.route("POST", `/api/account/${fake.accountId}/login`, (_q, res) =>
      ++n === 1 ? json(res, 429, {}, { "retry-after": "0" }) : json(res, 200, { bearer: "b-after-429-xxxx" }),
    );
    fake.route("GET", skillsPath(), (_q, res) => json(res, 200, []));
    const started = Date.now();
    await client({ ...FAST_RETRY, rateLimitFloorMs: 10, loginRateLimitFloorMs: 300 }).skills.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(n).toBe(2);
  });

  it("raises RateLimitError when 429s outlast the budget, re-sending even a POST", async () => {
    fake.route("POST", skillsPath(), (_q, res) => json(res, 429, { type: "rate-limited" }, { "retry-after": "0" }));
    await expect(client().skills.create({ name: "x" })).rejects.toBeInstanceOf(RateLimitError);
    expect(fake.count("POST", skillsPath())).toBe(1 + FAST_RETRY.maxRateLimitRetries);
  });

  it("retries a GET whose connection was reset", async () => {
    let n = 0;
    fake.route("GET", skillsPath(), (_q, res) => (++n === 1 ? res.socket?.destroy() : json(res, 200, [])));
    await expect(client().skills.list()).resolves.toEqual([]);
    expect(n).toBe(2);
  });

  it("times out a silent server and reports a TransportError with the undici code", async () => {
    fake.route("GET", skillsPath(), () => undefined); // never answers
    const c = createLiveEngageClient(passwordCreds(fake), { retry: { ...FAST_RETRY, backoffMs: [5] }, timeouts: { headersMs: 100 } });
    const err = await c.skills.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ status: 0, transportCode: "UND_ERR_HEADERS_TIMEOUT" });
    expect(fake.count("GET", skillsPath())).toBe(2);
  });

  it("reports a refused connection as TransportError after retrying", async () => {
    const host = fake.host;
    await fake.close();
    const c = createLiveEngageClient({ accountId: "1", csdsDomain: host, username: "u", password: "p-refused" }, { retry: FAST_RETRY });
    const err = await c.skills.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).transportCode).toBe("ECONNREFUSED");
    fake = await startFake(); // afterEach closes it
  });

  it("re-logs in once on 401, then retries the request", async () => {
    fake.route("GET", skillsPath(), (q, res) =>
      q.headers.authorization === `Bearer ${fake.bearers[0]}`
        ? json(res, 401, { error: { message: "expired", internalCode: 10, responseStatus: "UNAUTHORIZED" } })
        : json(res, 200, []),
    );
    await expect(client().skills.list()).resolves.toEqual([]);
    expect(fake.bearers).toHaveLength(2);
    expect(fake.requests.filter((r) => r.path === skillsPath()).map((r) => r.headers.authorization)).toEqual([
      `Bearer ${fake.bearers[0]}`,
      `Bearer ${fake.bearers[1]}`,
    ]);
  });

  it("stops after one re-login when 401 persists", async () => {
    fake.route("GET", skillsPath(), (_q, res) =>
      json(res, 401, { error: { message: "no", internalCode: 10, responseStatus: "UNAUTHORIZED" } }),
    );
    const err = await client()
      .skills.list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).apiCode).toBe("UNAUTHORIZED");
    expect(fake.bearers).toHaveLength(2);
    expect(fake.count("GET", skillsPath())).toBe(2);
  });

  it("raises AuthenticationError for wrong credentials without retrying the login", async () => {
    fake.route("POST", `/api/account/${fake.accountId}/login`, (_q, res) =>
      json(res, 401, { error: { message: "bad credentials", internalCode: 10, responseStatus: "UNAUTHORIZED" } }),
    );
    await expect(client().skills.list()).rejects.toBeInstanceOf(AuthenticationError);
    expect(fake.count("POST", `/api/account/${fake.accountId}/login`)).toBe(1);
  });
});
