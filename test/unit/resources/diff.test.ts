import { DiffOptions, DiffOutcome, deepEqual, diffInputs } from "../../../sdk/src/resources/diff";
import { BOT_CONNECTOR_REPLACE_ON_CHANGE, DIFF_OPTIONS } from "../../../sdk/src/resources/specs";
import { checkInputs } from "../../../sdk/src/resources/check";
import { botConnectorInputsSchema, skillInputsSchema } from "../../../sdk/src/resources/schemas";
import { connector } from "./helpers";
import * as botConnectorProvider from "../../../sdk/src/resources/botConnector.provider";

type Row = [string, Record<string, unknown>, Record<string, unknown>, DiffOutcome];

const checked = (news: unknown) => checkInputs(botConnectorInputsSchema, news).inputs as unknown as Record<string, unknown>;
const conn = checked(connector());
const none: DiffOutcome = { changes: false, replaces: [] };
const update: DiffOutcome = { changes: true, replaces: [] };
const replace = (...keys: string[]): DiffOutcome => ({ changes: true, replaces: keys, deleteBeforeReplace: true });

describe("BotConnector diff", () => {
  const rows: Row[] = [
    ["identical normalized inputs", conn, checked(connector()), none],
    ["__provider differs", { ...conn, __provider: "a" }, { ...conn, __provider: "b" }, none],
    ["adopt flipped (create-only)", conn, { ...conn, adopt: true }, none],
    ["running stopped", conn, { ...conn, running: false }, update],
    ["connectTimeoutSeconds (steers the provider only: no change)", conn, { ...conn, connectTimeoutSeconds: 30 }, none],
    ["a flag value", conn, { ...conn, flags: { ...(conn.flags as object), messageDelay: 301 } }, replace("flags")],
    ["a flag added", conn, { ...conn, flags: { ...(conn.flags as object), csdsDomain: "d" } }, replace("flags")],
    ["undefined flag vs absent", conn, { ...conn, flags: { ...(conn.flags as object), csdsDomain: undefined } }, none],
    ["customConfigurations added", conn, { ...conn, customConfigurations: { a: "1" } }, replace("customConfigurations")],
    ["undefined vs absent top-level", conn, { ...conn, customConfigurations: undefined }, none],
    ["role and environment", conn, { ...conn, role: "MANAGER", environment: "production" }, replace("role", "environment")],
    ["agent and running", conn, { ...conn, agent: "other", running: false }, replace("agent")],
  ];
  it.each(rows)("%s", (_name, olds, news, expected) => {
    expect(diffInputs(olds, news, DIFF_OPTIONS.BotConnector)).toEqual(expected);
  });

  it.each(BOT_CONNECTOR_REPLACE_ON_CHANGE.map((k) => [k]))("%s replaces, deleting first", (key) => {
    expect(diffInputs({ ...conn, [key]: "old" }, { ...conn, [key]: "new" }, DIFF_OPTIONS.BotConnector)).toEqual(replace(key));
  });

  it("ignores output-only keys listed in ignore", () => {
    const opts: DiffOptions = { ...DIFF_OPTIONS.BotConnector, ignore: ["adopt", "status", "lpUserId"] };
    expect(diffInputs({ ...conn, status: "CONNECTED", lpUserId: "1" }, conn, opts)).toEqual(none);
    expect(diffInputs({ ...conn, status: "CONNECTED" }, conn, DIFF_OPTIONS.BotConnector)).toEqual(update);
  });
});

describe("BotConnector diff through its provider (flags and custom keys compared as declared)", () => {
  const kept = {
    ...conn,
    customConfigurations: { handKey: "by hand" },
    secretFlags: { ...(conn.secretFlags as object), externalWebhookAPIKey: "********" },
  };
  const rows: Row[] = [
    // Set by hand and recorded by an adopt or a refresh: every edit keeps it, so it is no change.
    ["an undeclared custom key and secret flag recorded", kept, conn, none],
    ["an undeclared flag recorded", { ...conn, flags: { ...(conn.flags as object), csdsDomain: "d" } }, conn, none],
    ["a declared custom key changed", kept, { ...conn, customConfigurations: { handKey: "declared" } }, replace("customConfigurations")],
    ["a custom key newly declared", conn, { ...conn, customConfigurations: { a: "1" } }, replace("customConfigurations")],
    ["a declared flag changed", kept, { ...conn, flags: { ...(conn.flags as object), messageDelay: 301 } }, replace("flags")],
  ];
  it.each(rows)("%s", async (_name, olds, news, expected) => {
    expect(await botConnectorProvider.diff("bot/1", olds, news)).toEqual(expected);
  });
});

describe("diff of the other resources", () => {
  const skill = checkInputs(skillInputsSchema, { name: "s", skillTransferList: ["1", "2"] }).inputs as Record<string, unknown>;
  const agent = { loginName: "b", skillIds: ["1", "2"], role: "ASSIGNED_AGENT", password: "pw-a1b2c3d4" };
  const rows: Array<[string, keyof typeof DIFF_OPTIONS, Record<string, unknown>, Record<string, unknown>, DiffOutcome]> = [
    ["skill unchanged", "Skill", skill, { ...skill }, none],
    ["skill renamed (PUT)", "Skill", skill, { ...skill, name: "t" }, update],
    ["skill transfer list reordered (a set)", "Skill", skill, { ...skill, skillTransferList: ["2", "1"] }, none],
    ["skill transfer list changed", "Skill", skill, { ...skill, skillTransferList: ["1"] }, update],
    ["agent loginName", "BotAgent", agent, { ...agent, loginName: "c" }, { changes: true, replaces: ["loginName"] }],
    ["agent skills reordered", "BotAgent", agent, { ...agent, skillIds: ["2", "1"] }, none],
    ["agent password", "BotAgent", agent, { ...agent, password: "pw-zzzzzzzz" }, update],
    ["campaign renamed", "Campaign", { name: "a" }, { name: "b" }, update],
    [
      "engagement moved",
      "Engagement",
      { campaignId: "1", name: "e" },
      { campaignId: "2", name: "e" },
      { changes: true, replaces: ["campaignId"] },
    ],
    ["engagement disabled", "Engagement", { campaignId: "1", enabled: true }, { campaignId: "1", enabled: false }, update],
  ];
  it.each(rows)("%s", (_name, resource, olds, news, expected) => {
    expect(diffInputs(olds, news, DIFF_OPTIONS[resource])).toEqual(expected);
  });
});

describe("deepEqual", () => {
  it.each([
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [{ a: { b: [1] } }, { a: { b: [1] } }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: null }, {}, false],
    [[], {}, false],
    ["1", 1, false],
    [{ a: [{ x: 1 }] }, { a: [{ x: 2 }] }, false],
  ])("%p vs %p → %p", (a, b, equal) => {
    expect(deepEqual(a, b)).toBe(equal);
    expect(deepEqual(b, a)).toBe(equal);
  });
});
