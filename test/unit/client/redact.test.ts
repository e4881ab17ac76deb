import { clearRegisteredSecrets, redact, registerSecret, REDACTED } from "../../../sdk/src/client/redact";

afterEach(() => clearRegisteredSecrets());

describe("redact", () => {
  it("removes registered secrets wherever they appear", () => {
    registerSecret("hunter2-password");
    expect(redact("login failed for hunter2-password!")).toBe(`login failed for ${REDACTED}!`);
  });

  it("ignores empty and tiny values (nothing to protect, much to mangle)", () => {
    registerSecret("", undefined, null, "1");
    expect(redact("id 1 of 10")).toBe("id 1 of 10");
  });

  it.each([
    ["Authorization: Bearer abc.def.ghi", "abc.def.ghi"],
    ['{"authorization":"Bearer 4b1e99"}', "4b1e99"],
    ["sent Bearer 0123456789abcdef to server", "0123456789abcdef"],
    ['OAuth oauth_consumer_key="k1", oauth_signature="sig%3D"', "sig%3D"],
    ["client_id=a&client_secret=s3cr3t&grant_type=client_credentials", "s3cr3t"],
    ["/path?access_token=tok123&v=1", "tok123"],
    ['{"password":"pw-in-json","username":"bob"}', "pw-in-json"],
    ['{"csrf": "csrf-value-1"}', "csrf-value-1"],
    ['{"passwordSh":"pw-sh"}', "pw-sh"],
    ['{"lpAppSecret":"app-sec"}', "app-sec"],
    ["cookie: Session_id=abcdef", "abcdef"],
    ["Session_id=abcdef; Path=/", "abcdef"],
  ])("removes credential-shaped text from %p", (text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it("keeps ordinary text", () => {
    expect(redact("GET /api/account/123/configuration/le-users/skills?v=2.0 -> 200 12ms")).toBe(
      "GET /api/account/123/configuration/le-users/skills?v=2.0 -> 200 12ms",
    );
  });
});
