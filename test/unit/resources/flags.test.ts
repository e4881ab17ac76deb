import {
  APP_KEY_FLAG_KEYS,
  FLAG_KEYS,
  FLAG_SPECS,
  FlagKey,
  MANAGED_FLAG_KEYS,
  SECRET_FLAG_KEYS,
  applyFlagDefaults,
  configurationsToFlags,
  describeFlagExpectation,
  flagAppliesTo,
  flagSpec,
  flagsToConfigurations,
  isFlagKey,
} from "../../../sdk/src/resources/flags";

// An independent transcription of the seed's Flags table ("Deploying to LiveEngage"):
// [key, default, Messaging, Chat, Required]. The flags module must agree with it row by row.
const SEED_TABLE: ReadonlyArray<[string, string | number | boolean | null, "Y" | "N", "Y" | "N", "Y" | "N"]> = [
  ["lpAccountId", null, "Y", "Y", "Y"],
  ["lpAccountUser", null, "Y", "Y", "Y"],
  ["lpPassword", null, "Y", "Y", "Y"],
  ["lpAppKey", null, "Y", "Y", "Y"],
  ["lpAppSecret", null, "Y", "Y", "Y"],
  ["lpAccessToken", null, "Y", "Y", "Y"],
  ["lpAccessTokenSecret", null, "Y", "Y", "Y"],
  ["csdsDomain", null, "Y", "Y", "N"],
  ["lpUserRole", "ASSIGNED_AGENT", "Y", "N", "N"],
  ["enableAccessibility", true, "Y", "Y", "N"],
  ["fallbackSkillId", null, "Y", "Y", "N"],
  ["fallbackEscalationTime", 3 * 1000 * 60, "Y", "N", "N"],
  ["defaultGreetingMessage", "hi", "Y", "Y", "N"],
  ["defaultStepupMessage", "_STEPUP_", "Y", "N", "N"],
  ["messageDelay", 300, "Y", "N", "N"],
  ["skipAgentMessage", false, "Y", "N", "N"],
  ["tileDisplay", "vertical", "Y", "N", "N"],
  ["messageResendMaxRetries", 1, "Y", "N", "N"],
  ["retryMessageInterval", 30000, "Y", "N", "N"],
  ["maxEscalationRetries", 5, "Y", "N", "N"],
  ["ringAcceptWait", 100, "Y", "N", "N"],
  ["useRedis", "WEBSOCKET", "N", "N", "N"],
  ["externalWebhookUrl", null, "Y", "Y", "N"],
  ["externalWebhookAPIKey", null, "Y", "N", "N"],
  ["apigee_auth_url", null, "Y", "N", "N"],
  ["apigee_grant_type", null, "Y", "N", "N"],
  ["apigee_audience", null, "Y", "N", "N"],
  ["apigee_client_id", null, "Y", "N", "N"],
  ["apigee_client_secret", null, "Y", "N", "N"],
];

describe("the flags table", () => {
  it("has exactly the seed's 29 keys, in the seed's order", () => {
    expect(FLAG_KEYS).toEqual(SEED_TABLE.map(([key]) => key));
    expect(FLAG_KEYS).toHaveLength(29);
  });

  it.each(SEED_TABLE)("%s: default %p, messaging %s, chat %s, required %s", (key, def, msg, chat, req) => {
    expect(isFlagKey(key)).toBe(true);
    const spec = FLAG_SPECS[key as FlagKey];
    expect(spec.default).toEqual(def);
    expect(spec.messaging).toBe(msg === "Y");
    expect(spec.chat).toBe(chat === "Y");
    expect(spec.required).toBe(req === "Y");
    expect(spec.description.length).toBeGreaterThan(0);
  });

  it("types the values: durations and counts are integers, enums list their values", () => {
    expect(FLAG_SPECS.messageDelay.type).toEqual({ kind: "integer", unit: "milliseconds", min: 0 });
    expect(FLAG_SPECS.maxEscalationRetries.type).toEqual({ kind: "integer", unit: "count", min: 0 });
    expect(FLAG_SPECS.messageResendMaxRetries.type).toEqual({ kind: "integer", unit: "count", min: 1 });
    expect(FLAG_SPECS.skipAgentMessage.type).toEqual({ kind: "boolean" });
    expect(FLAG_SPECS.tileDisplay.type).toEqual({ kind: "enum", values: ["vertical", "horizontal"] });
    expect(FLAG_SPECS.lpUserRole.type).toEqual({ kind: "enum", values: ["ASSIGNED_AGENT", "MANAGER"] });
    expect(FLAG_SPECS.useRedis.type).toEqual({ kind: "enum", values: ["WEBSOCKET", "REDIS"] });
  });

  it("marks exactly the six secret flags (lpAccessToken included: decided once, in the model)", () => {
    expect([...SECRET_FLAG_KEYS].sort()).toEqual([
      "apigee_client_secret",
      "externalWebhookAPIKey",
      "lpAccessToken",
      "lpAccessTokenSecret",
      "lpAppSecret",
      "lpPassword",
    ]);
  });

  it("marks the flags set by first-class inputs or the provider as managed", () => {
    expect([...MANAGED_FLAG_KEYS].sort()).toEqual([
      "enableAccessibility",
      "externalWebhookUrl",
      "fallbackSkillId",
      "lpAccountId",
      "lpAccountUser",
      "lpUserRole",
    ]);
    expect(FLAG_SPECS.lpUserRole.managed).toEqual({ by: "input", input: "role" });
    expect(FLAG_SPECS.enableAccessibility.managed).toEqual({ by: "input", input: "accessibility" });
  });

  it("marks the credential flags: a password, or the app-key quadruple", () => {
    expect(FLAG_SPECS.lpPassword.credential).toBe("password");
    expect(APP_KEY_FLAG_KEYS.map((k) => flagSpec(k).credential)).toEqual(["appKey", "appKey", "appKey", "appKey"]);
  });

  it("selects the Messaging or Chat column", () => {
    expect(flagAppliesTo("messageDelay", "messaging")).toBe(true);
    expect(flagAppliesTo("messageDelay", "chat")).toBe(false);
    expect(flagAppliesTo("useRedis", "messaging")).toBe(false);
    expect(flagAppliesTo("csdsDomain", "chat")).toBe(true);
  });

  it("describes expectations without values", () => {
    expect(describeFlagExpectation("messageDelay")).toBe("a whole number of milliseconds ≥ 0, e.g. 300");
    expect(describeFlagExpectation("messageResendMaxRetries")).toBe("a whole number ≥ 1, e.g. 1");
    expect(describeFlagExpectation("tileDisplay")).toBe('one of "vertical", "horizontal"');
  });
});

describe("applyFlagDefaults", () => {
  it("fills every non-null, unmanaged default of the Messaging column, keeping given values", () => {
    expect(applyFlagDefaults({ messageDelay: 0 }, "messaging")).toEqual({
      defaultGreetingMessage: "hi",
      defaultStepupMessage: "_STEPUP_",
      fallbackEscalationTime: 180000,
      messageDelay: 0,
      skipAgentMessage: false,
      tileDisplay: "vertical",
      messageResendMaxRetries: 1,
      retryMessageInterval: 30000,
      maxEscalationRetries: 5,
      ringAcceptWait: 100,
    });
  });

  it("fills only Chat-column defaults for chat", () => {
    expect(applyFlagDefaults({}, "chat")).toEqual({ defaultGreetingMessage: "hi" });
  });
});

describe("wire conversion", () => {
  it("writes strings, booleans as true/false, integers in decimal, and omits null/unset", () => {
    expect(
      flagsToConfigurations({
        lpUserRole: "MANAGER",
        enableAccessibility: false,
        messageDelay: 3000,
        skipAgentMessage: true,
        csdsDomain: undefined,
        fallbackSkillId: null as unknown as string,
      }),
    ).toEqual({ lpUserRole: "MANAGER", enableAccessibility: "false", messageDelay: "3000", skipAgentMessage: "true" });
  });

  it("round-trips typed flags", () => {
    const flags = applyFlagDefaults({ lpPassword: "pw-a1b2c3d4", csdsDomain: "hc1n.dev.lprnd.net" }, "messaging");
    expect(configurationsToFlags(flagsToConfigurations(flags))).toEqual({ flags, extra: {} });
  });

  it("parses tolerantly: case-insensitive booleans and enums, masked secrets dropped, the rest kept as extra", () => {
    expect(
      configurationsToFlags({
        enableAccessibility: "TRUE",
        tileDisplay: "Horizontal",
        messageDelay: " 300 ",
        lpPassword: "********",
        ringAcceptWait: "soon",
        disableGreetings: "true",
      }),
    ).toEqual({
      flags: { enableAccessibility: true, tileDisplay: "horizontal", messageDelay: 300 },
      extra: { ringAcceptWait: "soon", disableGreetings: "true" },
    });
  });
});
