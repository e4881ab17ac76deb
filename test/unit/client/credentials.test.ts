import { checkCredentials, credentialIdentity, resolveCredentials } from "../../../sdk/src/client/credentials";
import { ConfigurationError } from "../../../sdk/src/client/errors";

const fromMap = (m: Record<string, string>) => (k: string) => m[k];
const none = () => undefined;

describe("resolveCredentials", () => {
  it("reads liveengage:* config keys and picks username/password", () => {
    const c = resolveCredentials(fromMap({ "liveengage:accountId": "123", "liveengage:username": "u", "liveengage:password": "p" }), {});
    expect(c).toEqual({ accountId: "123", username: "u", password: "p", authMethod: "password" });
  });

  it("falls back to LP_* environment variables, config winning over env", () => {
    const env = { LP_ACCOUNT_ID: "env-acct", LP_USERNAME: "env-user", LP_PASSWORD: "env-pw", LP_CSDS_DOMAIN: "127.0.0.1:4510" };
    const c = resolveCredentials(fromMap({ "liveengage:username": "cfg-user" }), env);
    expect(c).toEqual({
      accountId: "env-acct",
      username: "cfg-user",
      password: "env-pw",
      csdsDomain: "127.0.0.1:4510",
      authMethod: "password",
    });
  });

  it("treats empty strings as unset", () => {
    const env = { LP_ACCOUNT_ID: "1", LP_USERNAME: "u", LP_PASSWORD: "p" };
    expect(resolveCredentials(fromMap({ "liveengage:username": "  " }), env).username).toBe("u");
  });

  it("prefers OAuth 2.0 when client id and secret are set", () => {
    const env = { LP_ACCOUNT_ID: "1", LP_CLIENT_ID: "cid", LP_CLIENT_SECRET: "cs", LP_USERNAME: "u", LP_PASSWORD: "p", LP_APP_KEY: "k" };
    expect(resolveCredentials(none, env).authMethod).toBe("oauth2");
  });

  it("picks the app-key quadruple (with username) over a password", () => {
    const env = {
      LP_ACCOUNT_ID: "1",
      LP_USERNAME: "bot",
      LP_PASSWORD: "p",
      LP_APP_KEY: "k",
      LP_APP_SECRET: "s",
      LP_ACCESS_TOKEN: "t",
      LP_ACCESS_TOKEN_SECRET: "ts",
    };
    expect(resolveCredentials(none, env).authMethod).toBe("appKey");
  });

  it.each([
    [{}, ["liveengage:accountId (or LP_ACCOUNT_ID)", "liveengage:username (or LP_USERNAME)", "liveengage:password (or LP_PASSWORD)"]],
    [{ LP_ACCOUNT_ID: "1", LP_USERNAME: "u" }, ["liveengage:password (or LP_PASSWORD)"]],
    [{ LP_ACCOUNT_ID: "1", LP_CLIENT_ID: "cid" }, ["liveengage:clientSecret (or LP_CLIENT_SECRET)"]],
    [
      { LP_ACCOUNT_ID: "1", LP_APP_KEY: "k", LP_ACCESS_TOKEN: "t" },
      [
        "liveengage:username (or LP_USERNAME)",
        "liveengage:appSecret (or LP_APP_SECRET)",
        "liveengage:accessTokenSecret (or LP_ACCESS_TOKEN_SECRET)",
      ],
    ],
  ])("names the missing keys for %p", (env, missing) => {
    let err: unknown;
    try {
      resolveCredentials(none, env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).missingKeys).toEqual(missing);
    for (const m of missing) expect((err as Error).message).toContain(m);
  });

  it("never puts a configured value in the error", () => {
    const env = { LP_ACCOUNT_ID: "acct-77", LP_USERNAME: "someone", LP_APP_KEY: "appkey-visible?", LP_APP_SECRET: "very-secret-value" };
    let err: ConfigurationError | undefined;
    try {
      resolveCredentials(none, env);
    } catch (e) {
      err = e as ConfigurationError;
    }
    const everything = JSON.stringify({ ...err }) + String(err?.message) + String(err?.stack);
    for (const v of Object.values(env)) expect(everything).not.toContain(v);
  });
});

describe("credentialIdentity", () => {
  const base = checkCredentials({ accountId: "1", username: "u", password: "p1" });
  it("is stable and contains no secret", () => {
    expect(credentialIdentity(base)).toBe(credentialIdentity({ ...base }));
    expect(credentialIdentity(base)).not.toContain("p1");
  });
  it("differs by password, account, host and user", () => {
    const id = credentialIdentity(base);
    expect(credentialIdentity({ ...base, password: "p2" })).not.toBe(id);
    expect(credentialIdentity({ ...base, accountId: "2" })).not.toBe(id);
    expect(credentialIdentity({ ...base, csdsDomain: "127.0.0.1:1" })).not.toBe(id);
    expect(credentialIdentity({ ...base, username: "v" })).not.toBe(id);
  });
});
