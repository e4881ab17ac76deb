/**
 * Secrets must not appear in any error message, log line or enumerable property of a thrown
 * object. The fake server misbehaves on purpose: it echoes credentials back in error bodies.
 */
import { inspect } from "node:util";
import { createLiveEngageClient } from "../../../sdk/src/client";
import { FAST_RETRY, json, resetClientState, startFake, type FakeLiveEngage } from "../../helpers/fake-liveengage";

let fake: FakeLiveEngage;
beforeEach(async () => {
  resetClientState();
  fake = await startFake();
});
afterEach(() => fake.close());

const SECRETS = {
  password: "Pw-7f3a9c1e-secret",
  appSecret: "AppSecret-51be",
  accessToken: "AccessTok-c0ffee",
  accessTokenSecret: "AccessTokSecret-beef",
  clientSecret: "ClientSecret-9d9d",
  userPassword: "NewUserPw-1234",
  connectorPassword: "ConnectorPw-5678",
};
const FORBIDDEN = [...Object.values(SECRETS), "csrf-cccc", "sess-ssss", "bearer-1-", "jwt-1-", "cb-"];

function everythingAbout(e: unknown): string {
  const err = e as Error & Record<string, unknown>;
  return [err.message, err.stack, JSON.stringify({ ...err }), inspect(err, { depth: 4 }), String(err)].join("\n");
}

it("keeps credentials out of errors and logs", async () => {
  const logs: string[] = [];
  const errors: unknown[] = [];
  const capture = (p: Promise<unknown>) =>
    p.then(
      () => errors.push(new Error("expected a failure")),
      (e: unknown) => errors.push(e),
    );
  const echo =
    (status: number) =>
    (q: { raw: string; headers: Record<string, unknown> }, res: Parameters<Parameters<FakeLiveEngage["route"]>[2]>[1]) =>
      json(res, status, {
        type: "validation",
        message: `rejected ${q.raw} with ${String(q.headers.authorization)} cookie=${String(q.headers.cookie)}`,
      });

  fake.route("POST", /\/configuration\/le-users\/users$/, echo(400));
  fake.route("GET", /\/configuration\/le-users\/skills$/, echo(500));
  fake.route("POST", /\/bot_users\/42$/, (q, res) =>
    json(res, 400, { success: false, errorCode: "INVALID_REQUEST", message: `bad body ${q.raw} auth ${String(q.headers.authorization)}` }),
  );

  const pw = createLiveEngageClient(
    { accountId: fake.accountId, csdsDomain: fake.host, username: "admin", password: SECRETS.password },
    { retry: FAST_RETRY, log: (l) => logs.push(l) },
  );
  await capture(
    pw.users.create({
      loginName: "b",
      fullName: "B",
      nickname: "B",
      email: "e",
      isEnabled: true,
      maxChats: -1,
      profileIds: [2],
      passwordSh: SECRETS.userPassword,
    }),
  );
  await capture(pw.skills.list());
  await capture(
    pw.connectors.add("42", {
      deploymentEnvironment: "STAGING",
      type: "messaging",
      lpAccountId: fake.accountId,
      lpAccountUser: "b",
      botId: "bot",
      configurations: { lpPassword: SECRETS.connectorPassword },
    }),
  );

  // Wrong app-key and OAuth credentials: the login endpoints echo what they got.
  fake.route("POST", `/api/account/${fake.accountId}/login`, (q, res) =>
    json(res, 401, { error: { message: `unknown key in ${q.raw}`, internalCode: 10, responseStatus: "UNAUTHORIZED" } }),
  );
  fake.route("POST", `/sentinel/api/account/${fake.accountId}/app/token`, (q, res) =>
    json(res, 401, { error: "invalid_client", error_description: `client rejected: ${q.raw}` }),
  );
  const appKey = createLiveEngageClient(
    {
      accountId: fake.accountId,
      csdsDomain: fake.host,
      username: "bot",
      appKey: "ak",
      appSecret: SECRETS.appSecret,
      accessToken: SECRETS.accessToken,
      accessTokenSecret: SECRETS.accessTokenSecret,
    },
    { retry: FAST_RETRY, log: (l) => logs.push(l) },
  );
  await capture(appKey.skills.list());
  const oauth = createLiveEngageClient(
    { accountId: fake.accountId, csdsDomain: fake.host, clientId: "cid", clientSecret: SECRETS.clientSecret },
    { retry: FAST_RETRY, log: (l) => logs.push(l) },
  );
  await capture(oauth.skills.list());

  expect(errors).toHaveLength(5);
  for (const e of errors) expect(e).toHaveProperty("status");
  // The bodies did contain the secrets: the test would be vacuous otherwise.
  expect(fake.requests.some((r) => r.raw.includes(SECRETS.password))).toBe(true);
  expect(fake.requests.some((r) => r.raw.includes(SECRETS.connectorPassword))).toBe(true);
  expect(logs.length).toBeGreaterThan(5);
  const haystack = errors.map(everythingAbout).join("\n") + logs.join("\n");
  for (const secret of FORBIDDEN) expect(haystack).not.toContain(secret);
  expect(haystack).not.toMatch(/Bearer (?!\[REDACTED\])/);
  expect(haystack).toContain("[REDACTED]");
});
