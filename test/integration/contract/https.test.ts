/**
 * The emulator over https as LivePerson serves it, and the package's client trusting a CA given in
 * config: the Domain API hands out the https host, the client speaks https throughout, refuses a
 * certificate it was not told to trust, and the strict points re-examined for issue #13 (OAuth 1.0
 * signed over the https URL, the token endpoint's documented request forms, JWT tokens).
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Agent, request } from "undici";
import { createLiveEngageClient, TransportError } from "../../../sdk/src/client";
import { startEmulator, type RunningEmulator } from "../../../sdk/src/emulator";
import { FAST_RETRY, resetClientState } from "../../helpers/fake-liveengage";

let emu: RunningEmulator;
let tls: Agent;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, tls: true, httpPort: 0, connectDelayMs: 50 });
  tls = new Agent({ connect: { ca: emu.caCert } });
  dir = mkdtempSync(path.join(tmpdir(), "le-https-"));
});
afterAll(async () => {
  await tls?.close();
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => resetClientState());

async function call(method: string, url: string, o: { headers?: Record<string, string>; body?: string; dispatcher?: Agent } = {}) {
  const res = await request(url, { method: method as "GET", headers: o.headers, body: o.body, dispatcher: o.dispatcher ?? tls });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe("transport", () => {
  it("the Domain API advertises the https host; the plain-http listener answers the same", async () => {
    const r = await call("GET", `${emu.url}/api/account/${emu.accountId}/service/agentVep/baseURI.json?version=1.0`);
    expect(r.body).toEqual({ service: "agentVep", account: emu.accountId, baseURI: emu.host });
    const plain = await call("GET", `${emu.httpUrl}/api/account/${emu.accountId}/service/baseURI.json?version=1.0`, {
      dispatcher: new Agent(),
    });
    expect((plain.body!.baseURIs as { baseURI: string }[]).every((b) => b.baseURI === emu.host)).toBe(true);
  });

  it("the client trusts the CA from config (PEM text or a file) and speaks https to every service", async () => {
    const caFile = path.join(dir, "ca.pem");
    writeFileSync(caFile, emu.caCert!);
    for (const caCert of [emu.caCert!, caFile]) {
      resetClientState();
      const le = createLiveEngageClient(
        { accountId: emu.accountId, csdsDomain: emu.url, caCert, username: emu.credentials.username, password: emu.credentials.password },
        { retry: FAST_RETRY },
      );
      const skill = await le.skills.create({ name: `https-skill-${randomBytes(3).toString("hex")}` });
      expect((await le.skills.get(skill.id)).name).toBe(skill.name);
      expect((await le.bots.list()).map((b) => b.id)).toContain(emu.demoBotId);
    }
    const log = await call("GET", `${emu.url}/_emulator/requests`);
    expect((log.body as unknown as unknown[]).length).toBeGreaterThan(0);
  });

  it("OAuth 2.0 client credentials over https", async () => {
    const le = createLiveEngageClient(
      { accountId: emu.accountId, csdsDomain: emu.url, caCert: emu.caCert, ...emu.credentials.oauthClient },
      { retry: FAST_RETRY },
    );
    expect((await le.profiles.list()).length).toBeGreaterThan(0);
  });

  it("without the CA the client refuses the certificate (no silent http fallback)", async () => {
    const le = createLiveEngageClient(
      { accountId: emu.accountId, csdsDomain: emu.url, username: emu.credentials.username, password: emu.credentials.password },
      { retry: { ...FAST_RETRY, backoffMs: [] } },
    );
    const err = await le.skills.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(String((err as Error).message)).toMatch(/SELF_SIGNED|certificate/i);
  });

  it("a CA setting that is neither PEM nor a file is a configuration error naming the key", () => {
    expect(() =>
      createLiveEngageClient({ accountId: emu.accountId, csdsDomain: emu.url, caCert: "/no/such/ca.pem", username: "u", password: "p" }),
    ).toThrow(/liveengage:caCert must be a PEM certificate or the path of a PEM file/);
  });
});

describe("OAuth 2.0 token endpoint (RFC 6749 forms LivePerson's clients use)", () => {
  const tokenUrl = () => `${emu.url}/sentinel/api/account/${emu.accountId}/app/token?v=2.0`;
  const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
  const FORM = { "content-type": "application/x-www-form-urlencoded" };
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

  it("client authentication by HTTP Basic; a requested scope is granted and carried in the JWT", async () => {
    const c = emu.credentials.oauthClient;
    const r = await call("POST", tokenUrl(), {
      headers: { ...FORM, authorization: basic(c.clientId, c.clientSecret) },
      body: form({ grant_type: "client_credentials", scope: "users.external" }),
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "users.external" });
    const [h, p] = String(r.body!.access_token).split(".");
    expect(JSON.parse(Buffer.from(h!, "base64url").toString())).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(JSON.parse(Buffer.from(p!, "base64url").toString())).toMatchObject({ scope: "users.external", aud: emu.accountId });
  });

  it("refuses two client authentication methods at once, a wrong Basic secret, and a tampered JWT", async () => {
    const c = emu.credentials.oauthClient;
    const both = await call("POST", tokenUrl(), {
      headers: { ...FORM, authorization: basic(c.clientId, c.clientSecret) },
      body: form({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret }),
    });
    expect([both.status, both.body?.error]).toEqual([400, "invalid_request"]);
    const wrong = await call("POST", tokenUrl(), {
      headers: { ...FORM, authorization: basic(c.clientId, "nope") },
      body: form({ grant_type: "client_credentials" }),
    });
    expect([wrong.status, wrong.body?.error]).toEqual([401, "invalid_client"]);

    const ok = await call("POST", tokenUrl(), {
      headers: FORM,
      body: form({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret }),
    });
    const token = String(ok.body!.access_token);
    const skills = `${emu.url}/api/account/${emu.accountId}/configuration/le-users/skills?v=2.0`;
    expect((await call("GET", skills, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const [h, p, s] = token.split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, exp: (claims.exp as number) + 86_400 })).toString("base64url")}.${s}`;
    expect((await call("GET", skills, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });
});

describe("OAuth 1.0 signatures over the scheme the client used", () => {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  function signed(method: string, signedUrl: string): string {
    const k = emu.credentials.appKey;
    const u = new URL(signedUrl);
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
      .sort((x, y) => (x[0] === y[0] ? (x[1]! < y[1]! ? -1 : 1) : x[0]! < y[0]! ? -1 : 1))
      .map(([a, b]) => `${a}=${b}`)
      .join("&");
    const base = [method, enc(`${u.protocol}//${u.host}${u.pathname}`), enc(params)].join("&");
    o.oauth_signature = createHmac("sha1", `${enc(k.secret)}&${enc(k.accessTokenSecret)}`)
      .update(base)
      .digest("base64");
    return (
      "OAuth " +
      Object.entries(o)
        .map(([a, b]) => `${a}="${enc(b)}"`)
        .join(", ")
    );
  }

  it("accepts a signature over the https URL on https, refuses one over the http URL", async () => {
    const pathAndQuery = `/api/account/${emu.accountId}/configuration/le-users/skills?v=2.0`;
    const url = `${emu.url}${pathAndQuery}`;
    expect((await call("GET", url, { headers: { authorization: signed("GET", url) } })).status).toBe(200);
    expect((await call("GET", url, { headers: { authorization: signed("GET", `http://${emu.host}${pathAndQuery}`) } })).status).toBe(401);
  });
});
