/** The adopt preview: every declared field that will change, live → declared; secrets named, never shown. */
import { describeAdopt } from "../../../sdk/src/resources/factory";
import { botAgentSpec, botConnectorSpec, skillSpec } from "../../../sdk/src/resources/specs";
import type { Connector, Skill, User } from "../../../sdk/src/client";

it("names each changed declared field with both values, and says undeclared fields are kept", () => {
  const existing = { id: 7, name: "s" } as Skill;
  const text = describeAdopt(
    skillSpec,
    existing,
    { name: "s", description: "new", maxWaitTime: 120, canTransfer: true, skillTransferList: ["2", "1"], adopt: true } as never,
    { name: "s", description: "old", maxWaitTime: 30, canTransfer: true, skillTransferList: ["1", "2"] },
  );
  expect(text).toBe(
    'adopting Skill name "s" (id 7) changes description: "old" → "new"; maxWaitTime: 30 → 120; fields the program does not declare keep their live values',
  );
});

it("never shows a secret: the password is named only", () => {
  const text = describeAdopt(
    botAgentSpec,
    { id: 9 } as User,
    { loginName: "b", email: "new@example.com", password: "pw-SECRET-123", adopt: true } as never,
    { loginName: "b", email: "old@example.com" },
  );
  expect(text).toContain('email: "old@example.com" → "new@example.com"');
  expect(text).toContain("password: (secret) will be written");
  expect(text).not.toContain("pw-SECRET-123");
});

it("compares a connector's flags one by one, hides its secret flags, and says a running connector restarts", () => {
  const connector = { botId: "bot", lpUserId: "5", lastManualOperation: "START" } as Connector;
  const text = describeAdopt(
    botConnectorSpec,
    { connector },
    {
      botId: "bot",
      agent: "a",
      flags: { messageDelay: 500, tileDisplay: "vertical" },
      secretFlags: { lpPassword: "pw-SECRET-123" },
      adopt: true,
    } as never,
    { botId: "bot", agent: "a", flags: { messageDelay: 300, tileDisplay: "vertical" }, secretFlags: { lpPassword: "********" } },
  );
  expect(text).toContain("(id bot/5) changes flags.messageDelay: 300 → 500; secretFlags: (secret) will be written");
  expect(text).not.toContain("pw-SECRET-123");
  expect(text).not.toContain("********");
  expect(text).toContain("adopting restarts the connector");
});

it("says a create without adopt takes an existing connector over, and why it exists", () => {
  const connector = { botId: "bot", lpUserId: "5", lastManualOperation: "START" } as Connector;
  const text = describeAdopt(
    botConnectorSpec,
    { connector },
    { botId: "bot", agent: "a", flags: { messageDelay: 500 }, secretFlags: { lpPassword: "pw-SECRET-123" } } as never,
    { botId: "bot", agent: "a", flags: { messageDelay: 300 }, secretFlags: { lpPassword: "********" } },
    "takeOver",
  );
  expect(text).toMatch(
    /^BotConnector botId "bot", agent "a" already exists \(id bot\/5\), left by an interrupted run or made by hand: creating it takes it over, which changes flags\.messageDelay: 300 → 500; secretFlags: \(secret\) will be written; fields the program does not declare keep their live values/,
  );
  expect(text).not.toContain("pw-SECRET-123");
});
