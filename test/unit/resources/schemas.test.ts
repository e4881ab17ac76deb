import { botConnectorWarnings, checkInputs } from "../../../sdk/src/resources/check";
import {
  botAgentInputsSchema,
  botConnectorInputsSchema,
  campaignInputsSchema,
  connectorConfigurations,
  engagementInputsSchema,
  isAllowedWebhookUrl,
  skillInputsSchema,
} from "../../../sdk/src/resources/schemas";
import { QUAD, at, connector, failConnector, okConnector } from "./helpers";

describe("Skill inputs", () => {
  it("applies defaults and trims the name", () => {
    expect(checkInputs(skillInputsSchema, { name: "  bot-skill " }).inputs).toEqual({
      name: "bot-skill",
      maxWaitTime: 120,
      canTransfer: true,
      fallbackWhenAllAgentsAreAway: true,
      adopt: false,
    });
  });

  it("treats skillTransferList as a set (sorted, de-duplicated)", () => {
    expect(checkInputs(skillInputsSchema, { name: "s", skillTransferList: ["3", "1", "3"] }).inputs?.skillTransferList).toEqual(["1", "3"]);
  });

  it.each([
    [{ name: "   " }, "name"],
    [{ name: "s", maxWaitTime: -1 }, "maxWaitTime"],
    [{ name: "s", maxWaitTime: 1.5 }, "maxWaitTime"],
    [{ name: "s", autoCloseInSeconds: "60" }, "autoCloseInSeconds"],
    [{ name: "s", canTransfer: "yes" }, "canTransfer"],
    [{ name: "s", skillTransferList: [1] }, "skillTransferList.0"],
    [{ name: "s", adopt: 1 }, "adopt"],
  ])("refuses %p at %s", (news, property) => {
    const r = checkInputs(skillInputsSchema, news);
    expect(r.failures.map((f) => f.property)).toEqual([property]);
    expect(r.failures[0].reason.startsWith(`${property} must be`)).toBe(true);
  });

  it("refuses unknown keys with a suggestion", () => {
    expect(checkInputs(skillInputsSchema, { name: "s", maxWaitTim: 3 }).failures).toEqual([
      { property: "maxWaitTim", reason: "unknown property 'maxWaitTim'; did you mean 'maxWaitTime'?" },
    ]);
  });
});

describe("BotAgent inputs", () => {
  const agent = { loginName: "cb-bot-1", nickname: "CB Bot", fullName: "CB Bot 1", email: "bot@example.com" };

  it("applies defaults", () => {
    expect(checkInputs(botAgentInputsSchema, { ...agent, password: "pw-a1b2c3d4", skillIds: ["9", "2"] }).inputs).toEqual({
      ...agent,
      password: "pw-a1b2c3d4",
      skillIds: ["2", "9"],
      role: "ASSIGNED_AGENT",
      enabled: true,
      maxChats: -1,
      adopt: false,
    });
  });

  it("accepts an app key instead of a password", () => {
    expect(checkInputs(botAgentInputsSchema, { ...agent, allowedAppKey: "key-1" }).inputs?.allowedAppKey).toBe("key-1");
  });

  it.each([
    [{ password: "pw-a1b2c3d4", loginName: "cb bot" }, "loginName"],
    [{ password: "pw-a1b2c3d4", email: "not-an-email" }, "email"],
    [{ password: "short" }, "password"],
    [{}, "password"],
    [{ password: "pw-a1b2c3d4", allowedAppKey: "k" }, "allowedAppKey"],
    [{ password: "pw-a1b2c3d4", role: "ADMIN" }, "role"],
    [{ password: "pw-a1b2c3d4", maxChats: -2 }, "maxChats"],
    [{ password: "pw-a1b2c3d4", maxAsyncChats: -1 }, "maxAsyncChats"],
  ])("refuses %p at %s", (extra, property) => {
    const r = checkInputs(botAgentInputsSchema, { ...agent, ...extra });
    expect(r.failures.map((f) => f.property)).toEqual([property]);
    expect(r.failures[0].reason).toMatch(new RegExp(`^${property}`));
  });

  it("reports the login-method rule together with field errors", () => {
    const r = checkInputs(botAgentInputsSchema, { ...agent, email: "x" });
    expect(r.failures.map((f) => f.property).sort()).toEqual(["email", "password"]);
  });
});

describe("Campaign and Engagement inputs", () => {
  it("applies campaign defaults", () => {
    expect(checkInputs(campaignInputsSchema, { name: "Bot campaign" }).inputs).toEqual({
      name: "Bot campaign",
      published: true,
      adopt: false,
    });
  });

  it("applies engagement defaults", () => {
    expect(checkInputs(engagementInputsSchema, { campaignId: "1", name: "e", skillId: "2" }).inputs).toEqual({
      campaignId: "1",
      name: "e",
      skillId: "2",
      channel: "messaging",
      enabled: true,
      adopt: false,
    });
  });

  it("refuses a missing skill and an unknown channel", () => {
    const r = checkInputs(engagementInputsSchema, { campaignId: "1", name: "e", channel: "sms" });
    expect(r.failures.map((f) => f.property).sort()).toEqual(["channel", "skillId"]);
    expect(at(r.failures, "channel")?.reason).toBe('channel must be one of "messaging", "chat"');
  });
});

describe("BotConnector inputs", () => {
  it("applies defaults", () => {
    const inputs = okConnector(connector());
    expect(inputs).toMatchObject({
      role: "ASSIGNED_AGENT",
      environment: "demo",
      running: true,
      accessibility: true,
      connectTimeoutSeconds: 600,
      adopt: false,
    });
    expect(inputs.flags.messageDelay).toBe(300);
  });

  it("requires conversationType, with no default", () => {
    expect(at(failConnector(connector({ conversationType: undefined })), "conversationType")?.reason).toBe(
      'conversationType must be one of "messaging", "chat"',
    );
  });

  it.each([
    ["https://hooks.example.com/bot", true],
    ["http://127.0.0.1:4510/hook", true],
    ["http://localhost/hook", true],
    ["http://[::1]:80/hook", true],
    ["http://hooks.example.com/bot", false],
    ["ftp://hooks.example.com", false],
    ["not a url", false],
  ])("externalWebhookUrl %s allowed: %p", (url, allowed) => {
    expect(isAllowedWebhookUrl(url)).toBe(allowed);
    const r = checkInputs(botConnectorInputsSchema, connector({ externalWebhookUrl: url }));
    expect(r.failures.map((f) => f.property)).toEqual(allowed ? [] : ["externalWebhookUrl"]);
  });

  it.each([
    ["connectTimeoutSeconds", 0],
    ["environment", "staging"],
    ["running", "yes"],
    ["agent", "a b"],
    ["botId", ""],
  ])("refuses %s = %p", (property, value) => {
    expect(at(failConnector(connector({ [property]: value })), property)).toBeDefined();
  });
});

describe("BotConnector customConfigurations", () => {
  it("passes keys outside the table through, with a warning", () => {
    const r = checkInputs(botConnectorInputsSchema, connector({ customConfigurations: { disableGreetings: "true" } }), {
      warnings: botConnectorWarnings,
    });
    expect(r.inputs?.customConfigurations).toEqual({ disableGreetings: "true" });
    expect(r.warnings).toEqual([
      "customConfigurations.disableGreetings is not in the flags table and is passed to the connector unchecked; " +
        "check its spelling against the connector documentation",
    ]);
  });

  it("suggests the flag a misspelt key resembles", () => {
    expect(botConnectorWarnings({ flags: {}, customConfigurations: { messagedelay: "3" } })[0]).toContain(
      "did you mean flags.messageDelay?",
    );
  });

  it("warns nothing without custom keys or app keys", () => {
    expect(botConnectorWarnings(okConnector(connector()))).toEqual([]);
  });

  it.each([
    ["messageDelay", "set flags.messageDelay instead"],
    ["csdsDomain", "set flags.csdsDomain instead"],
    ["lpUserRole", "set role on the connector instead"],
    ["externalWebhookUrl", "set externalWebhookUrl on the connector instead"],
    ["lpAccountId", "set by the provider"],
    ["useRedis", "N for both messaging and chat"],
  ])("refuses the table key %s with a pointer (%s)", (key, pointer) => {
    const f = at(failConnector(connector({ customConfigurations: { [key]: "x" } })), `customConfigurations.${key}`);
    expect(f?.reason).toContain(`customConfigurations.${key} `);
    expect(f?.reason).toContain(pointer);
  });

  it("refuses non-string values", () => {
    expect(
      at(failConnector(connector({ customConfigurations: { disableGreetings: true } })), "customConfigurations.disableGreetings")?.reason,
    ).toContain("must be a string");
  });
});

describe("connectorConfigurations (wire form)", () => {
  it("puts first-class inputs in as their flags, then typed flags, then custom keys — all strings", () => {
    const inputs = okConnector(
      connector(
        {
          role: "MANAGER",
          accessibility: false,
          fallbackSkillId: "77",
          conversationType: "chat",
          customConfigurations: { disableGreetings: "true" },
        },
        QUAD,
      ),
    );
    expect(connectorConfigurations(inputs, "12345678")).toEqual({
      lpAccountId: "12345678",
      lpAccountUser: "cb-bot-1",
      ...QUAD,
      lpUserRole: "MANAGER",
      enableAccessibility: "false",
      fallbackSkillId: "77",
      defaultGreetingMessage: "hi",
      disableGreetings: "true",
    });
  });
});
