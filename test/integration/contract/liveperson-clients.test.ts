/**
 * LivePerson's own published npm clients, unmodified dev dependencies, against the emulator over
 * https: node-agent-sdk (Domain API, password and app-key login, session refresh) and
 * liveperson-functions-client (Domain API, OAuth 2.0 client-credentials token, an RS256 JWT it
 * decodes for `exp`). They run in a child process that trusts the emulator's CA through
 * NODE_EXTRA_CA_CERTS, as a user's process would (see liveperson-clients.child.js).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../../sdk/src/emulator";
import { emulatorAdmin, type AdminCall } from "../../helpers/emulator-admin";

const CHILD = path.join(__dirname, "liveperson-clients.child.js");

interface AgentOutcome {
  userId?: string;
  agentId?: string;
  hasBearer: boolean;
  hasCsrf: boolean;
  errors: string[];
}
interface Outcome {
  password: AgentOutcome;
  appKey: AgentOutcome;
  wrongPassword: AgentOutcome;
  functions: { sentinel: string; jwtHeader: { alg: string }; claims: Record<string, unknown>; skillsStatus: number };
}
interface LogEntry {
  method: string;
  route: string;
  status: number;
}

let emu: RunningEmulator;
let admin: AdminCall;
let dir: string;
let outcome: Outcome;
let log: LogEntry[];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, tls: true, httpPort: 0, connectDelayMs: 50 });
  admin = emulatorAdmin(emu.url, emu.caCert);
  dir = mkdtempSync(path.join(tmpdir(), "lp-clients-"));
  const caFile = path.join(dir, "ca.pem");
  writeFileSync(caFile, emu.caCert!);
  // An API user (bot) whose login method is the seeded app key.
  await admin("POST", "/seed", {
    accounts: [
      {
        accountId: emu.accountId,
        users: [{ loginName: "api-bot", isApiUser: true, allowedAppKeys: emu.credentials.appKey.appKey, profile: "Agent", userTypeId: 2 }],
      },
    ],
  });
  const input = {
    accountId: emu.accountId,
    host: emu.host,
    httpHost: emu.httpUrl!.replace(/^http:\/\//, ""),
    admin: { username: emu.credentials.username, password: emu.credentials.password },
    apiUser: { username: "api-bot", ...emu.credentials.appKey },
    oauthClient: emu.credentials.oauthClient,
  };
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [CHILD],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, LP_CONTRACT: JSON.stringify(input) }, timeout: 60_000 },
      (err, out, errOut) => {
        if (err) reject(new Error(`LivePerson clients failed (${err.code}):\n${errOut}\n${out}`));
        else resolve(out);
      },
    );
  });
  outcome = JSON.parse(stdout.trim().split("\n").pop()!) as Outcome;
  log = await admin<LogEntry[]>("GET", "/requests");
}, 90_000);

afterAll(async () => {
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const calls = (method: string, route: string, status: number) =>
  log.filter((r) => r.method === method && r.route === route && r.status === status).length;

it("serves https with a certificate the clients verify (no TLS error, no http fallback)", () => {
  expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect(outcome.functions.sentinel).toBe(emu.host);
});

it("node-agent-sdk: Domain API over https, password login, then session refreshes", () => {
  expect(outcome.password).toMatchObject({ userId: "1201", agentId: expect.any(String), hasBearer: true, hasCsrf: true, errors: [] });
  expect(calls("POST", "/api/account/:a/refresh", 200)).toBeGreaterThanOrEqual(2); // both agents refreshed at least once
  expect(calls("POST", "/api/account/:a/refresh", 401)).toBe(0);
});

it("node-agent-sdk: app-key login of an API user", () => {
  expect(outcome.appKey).toMatchObject({ userId: expect.stringMatching(/^\d+$/), hasBearer: true, hasCsrf: true, errors: [] });
  expect(outcome.appKey.userId).not.toBe("1201");
});

it("node-agent-sdk: a wrong password is refused (401) and reported as an error", () => {
  expect(outcome.wrongPassword.hasBearer).toBe(false);
  expect(outcome.wrongPassword.errors.length).toBeGreaterThan(0);
  expect(calls("POST", "/api/account/:a/login", 401)).toBe(1);
});

it("liveperson-functions-client: OAuth 2.0 token is an RS256 JWT with the documented claims and a one-hour life, accepted by Account Config", () => {
  const { jwtHeader, claims, skillsStatus } = outcome.functions;
  expect(jwtHeader.alg).toBe("RS256");
  expect(claims).toMatchObject({
    aud: emu.accountId,
    sub: emu.credentials.oauthClient.clientId,
    scope: expect.any(String),
    iat: expect.any(Number),
    exp: expect.any(Number),
  });
  expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  expect(skillsStatus).toBe(200);
  expect(calls("POST", "/sentinel/api/account/:a/app/token", 200)).toBe(1);
});
