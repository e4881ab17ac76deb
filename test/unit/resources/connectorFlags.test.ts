import { FLAG_KEYS, FLAG_SPECS, FlagKey, FlagSpec, describeFlagExpectation } from "../../../sdk/src/resources/flags";
import { USER_FLAG_KEYS } from "../../../sdk/src/resources/schemas/connectorFlags";
import { SECRET_FLAG_KEYS } from "../../../sdk/src/model/flags";
import { QUAD, at, connector, failConnector, okConnector } from "./helpers";

/** Every flag of checked inputs, wherever the schema put it (secret ones travel in secretFlags). */
const allFlags = (inputs: { flags: object; secretFlags?: object }): Record<string, unknown> => ({ ...inputs.flags, ...inputs.secretFlags });

const spec = (key: FlagKey): FlagSpec => FLAG_SPECS[key];

/** A valid value of each type that differs from the default, so "parsed" is distinguishable from "defaulted". */
function sample(key: FlagKey): string | number | boolean {
  const type = spec(key).type;
  switch (type.kind) {
    case "string":
      return `value-of-${key}`;
    case "integer":
      return 4242;
    case "boolean":
      return spec(key).default !== true;
    case "enum":
      return type.values[type.values.length - 1];
  }
}

/** Credentials that make `flags` valid alongside `key` (the app-key flags need their whole quadruple). */
function base(key: FlagKey): Record<string, unknown> {
  if (key === "lpPassword") return {};
  return (QUAD as Record<string, unknown>)[key] !== undefined ? { ...QUAD } : { lpPassword: "pw-a1b2c3d4" };
}

const USER = USER_FLAG_KEYS.map((k) => [k] as [FlagKey]);
const CHAT_N_USER = USER_FLAG_KEYS.filter((k) => !spec(k).chat).map((k) => [k] as [FlagKey]);
const REFUSED_IN_FLAGS: Array<[FlagKey, string]> = [
  ["lpAccountId", "set by the provider"],
  ["lpAccountUser", "set by the provider from the 'agent' input"],
  ["lpUserRole", "set role on the connector instead"],
  ["enableAccessibility", "set accessibility on the connector instead"],
  ["fallbackSkillId", "set fallbackSkillId on the connector instead"],
  ["externalWebhookUrl", "set externalWebhookUrl on the connector instead"],
  ["useRedis", "marks useRedis N for both messaging and chat"],
];

describe("BotConnector flags: one way for secret flags", () => {
  it("moves every secret flag given in flags to secretFlags, once, and keeps the others in flags", () => {
    const checked = okConnector(
      connector({}, { ...QUAD, externalWebhookAPIKey: "k-123456", apigee_client_secret: "a-123456", messageDelay: 5 }),
    );
    expect(Object.keys(checked.secretFlags ?? {}).sort()).toEqual(
      Object.keys({ ...QUAD, externalWebhookAPIKey: 1, apigee_client_secret: 1 })
        .filter((k) => (SECRET_FLAG_KEYS as readonly string[]).includes(k))
        .sort(),
    );
    for (const k of SECRET_FLAG_KEYS) expect(checked.flags).not.toHaveProperty(k);
    expect(checked.flags).toMatchObject({ messageDelay: 5, lpAppKey: QUAD.lpAppKey });
  });

  it("accepts secret flags given apart, in secretFlags, the way the BotConnector class sends them", () => {
    const checked = okConnector({
      ...connector({}, { messageDelay: 5 }),
      flags: { messageDelay: 5 },
      secretFlags: { lpPassword: "pw-a1b2c3d4" },
    });
    expect(checked.secretFlags).toEqual({ lpPassword: "pw-a1b2c3d4" });
    expect(checked.flags).not.toHaveProperty("lpPassword");
  });
});

describe("BotConnector flags: every settable flag of the table", () => {
  it("settable = the table minus the six managed flags and useRedis", () => {
    expect(USER_FLAG_KEYS).toHaveLength(22);
    expect(FLAG_KEYS.filter((k) => !USER_FLAG_KEYS.includes(k)).sort()).toEqual(REFUSED_IN_FLAGS.map(([k]) => k).sort());
  });

  it.each(USER)("%s is accepted with its type and the seed's default applies when absent", (key) => {
    const value = sample(key);
    expect(allFlags(okConnector(connector({}, { ...base(key), [key]: value })))[key]).toEqual(value);
    if (spec(key).credential !== undefined) {
      // Credentials have no default (null); the credential rule below decides which must be present.
      expect(spec(key).default).toBeNull();
      return;
    }
    const withoutIt = allFlags(okConnector(connector({}, base(key))));
    // A null default means "unset": the key stays absent and nothing is sent.
    expect(withoutIt[key]).toEqual(spec(key).default ?? undefined);
    expect(key in withoutIt).toBe(spec(key).default !== null);
  });

  it.each(USER.filter(([k]) => spec(k).credential === undefined))("%s: null means unset (the default applies)", (key) => {
    const flags = allFlags(okConnector(connector({}, { ...base(key), [key]: null })));
    expect(flags[key]).toEqual(spec(key).default ?? undefined);
  });

  it("a null password is unset, so the credential rule asks for one", () => {
    expect(at(failConnector(connector({}, { lpPassword: null })), "flags.lpPassword")?.reason).toContain("is required");
  });
});

describe("BotConnector flags: chat connectors", () => {
  it.each(CHAT_N_USER)("%s (N for Chat) is refused for chat, naming the flag and messaging", (key) => {
    const f = at(failConnector(connector({ conversationType: "chat" }, { ...base(key), [key]: sample(key) })), `flags.${key}`);
    expect(f?.reason).toBe(
      `flags.${key} only applies to messaging connectors (the flags table marks it N for chat); ` +
        'remove it or set conversationType to "messaging"',
    );
  });

  it.each(USER_FLAG_KEYS.filter((k) => spec(k).chat).map((k) => [k]))("%s (Y for Chat) is accepted for chat", (key) => {
    const k = key as FlagKey;
    expect(allFlags(okConnector(connector({ conversationType: "chat" }, { ...base(k), [k]: sample(k) })))[k]).toEqual(sample(k));
  });

  it("gets no messaging-only defaults", () => {
    expect(allFlags(okConnector(connector({ conversationType: "chat" })))).toEqual({
      lpPassword: "pw-a1b2c3d4",
      defaultGreetingMessage: "hi",
    });
  });
});

describe("BotConnector flags: refused keys", () => {
  it.each(REFUSED_IN_FLAGS)("%s is refused in flags with a pointer (%s)", (key, pointer) => {
    const f = at(failConnector(connector({}, { lpPassword: "pw-a1b2c3d4", [key]: sample(key) })), `flags.${key}`);
    expect(f?.reason).toContain(`flags.${key} `);
    expect(f?.reason).toContain(pointer);
  });

  it("suggests the closest flag for a misspelt key", () => {
    expect(at(failConnector(connector({}, { lpPassword: "pw-a1b2c3d4", mesageDelay: 3 })), "flags.mesageDelay")?.reason).toBe(
      "unknown property 'flags.mesageDelay'; did you mean 'flags.messageDelay'?",
    );
  });
});

describe("BotConnector flags: wrong types", () => {
  const WRONG: Record<FlagSpec["type"]["kind"], unknown[]> = {
    string: [5, true, "", ["a"], {}],
    integer: ["300", 1.5, true, Number.NaN, {}],
    boolean: ["true", 1, 0, "false"],
    enum: ["VERTICAL_X", 1, "", true],
  };
  const rows = USER_FLAG_KEYS.flatMap((key) => WRONG[spec(key).type.kind].map((v) => [key, v] as [FlagKey, unknown]));

  it.each(rows)("%s refuses %p with the expected type in the reason", (key, value) => {
    const f = at(failConnector(connector({}, { ...base(key), [key]: value })), `flags.${key}`);
    expect(f?.reason).toBe(`flags.${key} must be ${describeFlagExpectation(key)}`);
  });
});

describe("BotConnector flags: numbers", () => {
  const integers = USER_FLAG_KEYS.filter((k) => spec(k).type.kind === "integer").map((k) => [k] as [FlagKey]);

  it.each(integers)("%s refuses a negative value", (key) => {
    expect(at(failConnector(connector({}, { lpPassword: "pw-a1b2c3d4", [key]: -1 })), `flags.${key}`)?.reason).toMatch(
      /≥ [01], e\.g\. \d+$/,
    );
  });

  it("messageResendMaxRetries must be at least 1 (it counts tries; 0 would never send)", () => {
    expect(
      at(failConnector(connector({}, { lpPassword: "pw-a1b2c3d4", messageResendMaxRetries: 0 })), "flags.messageResendMaxRetries")?.reason,
    ).toBe("flags.messageResendMaxRetries must be a whole number ≥ 1, e.g. 1");
  });

  it("other durations and counts accept 0", () => {
    const flags = okConnector(connector({}, { lpPassword: "pw-a1b2c3d4", messageDelay: 0, maxEscalationRetries: 0 })).flags;
    expect([flags.messageDelay, flags.maxEscalationRetries]).toEqual([0, 0]);
  });

  it("gives the example from the issue: flags.messageDelay", () => {
    expect(at(failConnector(connector({}, { lpPassword: "pw-a1b2c3d4", messageDelay: -300 })), "flags.messageDelay")?.reason).toBe(
      "flags.messageDelay must be a whole number of milliseconds ≥ 0, e.g. 300",
    );
  });
});

describe("BotConnector credentials", () => {
  it("accepts a password alone", () => {
    expect(allFlags(okConnector(connector({}, { lpPassword: "pw-a1b2c3d4" }))).lpPassword).toBe("pw-a1b2c3d4");
  });

  it("accepts the full app-key quadruple alone", () => {
    expect(allFlags(okConnector(connector({}, QUAD)))).toMatchObject(QUAD);
  });

  it("requires one of them", () => {
    const failures = failConnector(connector({}, {}));
    expect(failures).toEqual([
      { property: "flags.lpPassword", reason: expect.stringContaining("flags.lpPassword is required, or all of lpAppKey") },
    ]);
  });

  it("requires it even when flags is omitted", () => {
    expect(at(failConnector(connector({ flags: undefined })), "flags.lpPassword")).toBeDefined();
  });

  it.each(Object.keys(QUAD).map((k) => [k]))("names %s when the quadruple is incomplete", (missing) => {
    const partial: Record<string, string> = { ...QUAD };
    delete partial[missing];
    const failures = failConnector(connector({}, partial));
    expect(failures.map((f) => f.property)).toEqual([`flags.${missing}`]);
    expect(failures[0].reason).toContain("is required with the other app-key flags");
  });

  it("refuses a password combined with app-key flags", () => {
    expect(at(failConnector(connector({}, { lpPassword: "pw-a1b2c3d4", lpAppKey: "k" })), "flags.lpPassword")?.reason).toContain(
      "cannot be combined with the app-key flags",
    );
  });
});
