import {
  UNKNOWN,
  appKeyDeprecationWarning,
  botAgentWarnings,
  botConnectorWarnings,
  checkInputs,
  knownKeysAt,
  suggest,
} from "../../../sdk/src/resources/check";
import {
  botAgentInputsSchema,
  botConnectorInputsSchema,
  campaignInputsSchema,
  engagementInputsSchema,
  skillInputsSchema,
} from "../../../sdk/src/resources/schemas";
import { QUAD, connector, okConnector } from "./helpers";

// Distinctive, secret-looking values; none may ever appear in a failure reason or property.
const SECRETS = ["hunter2-Sup3rS3cret!", "sk_live_51HqZ7YtOPsecret", "AKIA-0000-SECRET-KEY-9", "p@ss w0rd with spaces"];
const [S1, S2, S3, S4] = SECRETS;

const CASES: Array<[string, Parameters<typeof checkInputs>[0], unknown]> = [
  [
    "secrets in typed connector flags",
    botConnectorInputsSchema,
    connector(
      {},
      {
        lpPassword: S1,
        messageDelay: S2,
        skipAgentMessage: S3,
        tileDisplay: S4,
        messageResendMaxRetries: S1,
        csdsDomain: 12,
        externalWebhookAPIKey: "",
      },
    ),
  ],
  [
    "secrets in managed and unsupported flags",
    botConnectorInputsSchema,
    connector(
      {},
      {
        lpPassword: S1,
        lpUserRole: S2,
        lpAccountUser: S3,
        useRedis: S4,
        enableAccessibility: S1,
        externalWebhookUrl: S2,
      },
    ),
  ],
  [
    "secrets in chat-only refusals and partial quadruples",
    botConnectorInputsSchema,
    connector(
      { conversationType: "chat" },
      {
        lpAppKey: S1,
        lpAppSecret: S2,
        apigee_client_secret: S3,
        externalWebhookAPIKey: S4,
      },
    ),
  ],
  [
    "secrets in connector fields",
    botConnectorInputsSchema,
    {
      botId: 5,
      agent: S4,
      conversationType: S1,
      role: S2,
      environment: S3,
      externalWebhookUrl: `http://${S1}.example.com`,
      fallbackSkillId: S4,
      customConfigurations: { lpPassword: S1, messageDelay: S2, other: 7 },
      flags: { lpPassword: S3, lpAppKey: S4 },
    },
  ],
  [
    "secrets in bot agent fields",
    botAgentInputsSchema,
    {
      loginName: S4,
      nickname: 3,
      fullName: "",
      email: S1,
      password: "Xy7!sEc",
      allowedAppKey: S2,
      role: S3,
      skillIds: [S1],
    },
  ],
  ["secrets in skill, campaign and engagement fields", skillInputsSchema, { name: "", maxWaitTime: S1, fallbackSkill: S4 }],
  ["secrets in campaign fields", campaignInputsSchema, { name: 1, goalId: S4, published: S1 }],
  ["secrets in engagement fields", engagementInputsSchema, { campaignId: S4, name: [], skillId: S4, channel: S2 }],
];

describe("checkInputs never echoes input values", () => {
  it.each(CASES)("%s", (_name, schema, news) => {
    const r = checkInputs(schema, news);
    expect(r.failures.length).toBeGreaterThan(2);
    const text = JSON.stringify(r.failures);
    for (const secret of [...SECRETS, "Xy7!sEc"]) expect(text).not.toContain(secret);
    // Every reason names its property.
    for (const f of r.failures) expect(f.reason).toContain(f.property === "" ? "inputs" : f.property);
  });

  it("does not echo a short bot password", () => {
    const r = checkInputs(botAgentInputsSchema, {
      loginName: "b",
      nickname: "n",
      fullName: "f",
      email: "b@example.com",
      password: "Xy7!sEc",
    });
    expect(r.failures).toEqual([{ property: "password", reason: "password must be at least 8 characters long" }]);
  });
});

describe("checkInputs", () => {
  it("removes __provider before validating (the shim puts it back)", () => {
    const r = checkInputs(campaignInputsSchema, { __provider: "exports.handler = ...", name: "c" });
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual({ name: "c", published: true, adopt: false });
  });

  it("refuses a non-object with a root failure", () => {
    expect(checkInputs(campaignInputsSchema, "x").failures).toEqual([{ property: "", reason: "inputs must be an object" }]);
  });

  it("reports unknown keys without a suggestion when nothing is close", () => {
    expect(checkInputs(campaignInputsSchema, { name: "c", zzzzzzzzzz: 1 }).failures).toEqual([
      { property: "zzzzzzzzzz", reason: "unknown property 'zzzzzzzzzz'; remove it" },
    ]);
  });

  it("drops failures at inputs that are unknown during preview and returns the raw inputs", () => {
    const news = { campaignId: UNKNOWN, name: "e", skillId: "2", enabled: UNKNOWN };
    const r = checkInputs(engagementInputsSchema, news);
    expect(r).toEqual({ inputs: news, failures: [], warnings: [] });
  });

  it("keeps other failures when some inputs are unknown", () => {
    const r = checkInputs(engagementInputsSchema, { campaignId: "1", name: "", skillId: "2", enabled: UNKNOWN });
    expect(r.failures.map((f) => f.property)).toEqual(["name"]);
  });

  it("returns warnings only for valid inputs", () => {
    const ok = checkInputs(botConnectorInputsSchema, connector({}, QUAD), { warnings: botConnectorWarnings });
    expect(ok.warnings).toHaveLength(1);
    const bad = checkInputs(botConnectorInputsSchema, connector({ botId: "" }, QUAD), { warnings: botConnectorWarnings });
    expect(bad.warnings).toEqual([]);
  });
});

describe("suggestions", () => {
  it("finds the nearest known key for typos and case slips", () => {
    expect(suggest("skilIds", ["skillIds", "role"])).toBe("skillIds");
    expect(suggest("MAXCHATS", ["maxChats", "maxAsyncChats"])).toBe("maxChats");
    expect(suggest("colour", ["name", "goalId"])).toBeUndefined();
  });

  it("reads the known keys of nested objects through defaults and transforms", () => {
    expect(knownKeysAt(botConnectorInputsSchema, ["flags"])).toContain("messageDelay");
    expect(knownKeysAt(botConnectorInputsSchema, [])).toContain("conversationType");
    expect(knownKeysAt(botConnectorInputsSchema, ["role"])).toEqual([]);
  });
});

describe("OAuth 1.0 app-key deprecation warning", () => {
  it("warns for a connector using the app-key quadruple", () => {
    const w = appKeyDeprecationWarning(okConnector(connector({}, QUAD)));
    expect(w).toContain("2026-05-31");
    expect(w).toContain("OAuth 2.0 client credentials");
    expect(w).not.toContain(QUAD.lpAppKey);
  });

  it("warns for a bot agent using allowedAppKey", () => {
    expect(botAgentWarnings({ allowedAppKey: "key-1" })).toEqual([expect.stringContaining("allowedAppKey uses an OAuth 1.0 app key")]);
  });

  it("is silent for password logins", () => {
    expect(appKeyDeprecationWarning(okConnector(connector()))).toBeUndefined();
    expect(botAgentWarnings({})).toEqual([]);
  });
});
