import { skillBody, skillSchema, skillToInput } from "../../../sdk/src/client/wire/skill";
import { userBody, userSchema, userToInput } from "../../../sdk/src/client/wire/user";
import { botSchema, connectorSchema, MASKED_SECRET } from "../../../sdk/src/client/wire/connector";

describe("response schemas are tolerant", () => {
  it("drops unknown fields and accepts numeric-string ids", () => {
    const s = skillSchema.parse({
      id: "3735471112",
      name: "bot-skill",
      deleted: false,
      futureField: { x: 1 },
      skillTransferList: ["1", 2],
    });
    expect(s).toEqual({ id: 3735471112, name: "bot-skill", deleted: false, skillTransferList: [1, 2] });
  });

  it("never surfaces a user's password even if the server sent one", () => {
    const u = userSchema.parse({ id: 1, loginName: "bot", passwordSh: "leaked", userTypeId: "2" });
    expect(u).not.toHaveProperty("passwordSh");
    expect(u.userTypeId).toBe(2);
  });

  it("masks secret connector configuration values and stringifies the rest", () => {
    const c = connectorSchema.parse({
      lpAccountId: 123,
      lpAccountUser: "bot",
      lpUserId: 42,
      botId: "b1",
      type: "messaging",
      deploymentEnvironment: "PRODUCTION",
      configurations: { lpPassword: "plain-text!", lpUserRole: "ASSIGNED_AGENT", enableAccessibility: true, lpAppSecret: "", x: null },
    });
    expect(c.lpAccountId).toBe("123");
    expect(c.lpUserId).toBe("42");
    expect(c.configurations).toEqual({
      lpPassword: MASKED_SECRET,
      lpUserRole: "ASSIGNED_AGENT",
      enableAccessibility: "true",
      lpAppSecret: "",
    });
  });

  it("accepts bots identified by id or chatBotId", () => {
    expect(botSchema.parse({ id: "a", name: "A", extra: 1 })).toEqual({ id: "a", name: "A", chatBotType: undefined });
    expect(botSchema.parse({ chatBotId: "b" }).id).toBe("b");
    expect(() => botSchema.parse({ name: "no id" })).toThrow();
  });
});

describe("request bodies are built from typed objects", () => {
  it("sends only known, defined skill fields", () => {
    const input = { name: "s", description: undefined, maxWaitTime: 60, sneaky: "x" } as unknown as Parameters<typeof skillBody>[0];
    expect(skillBody(input)).toEqual({ name: "s", maxWaitTime: 60 });
  });

  it("round-trips a read skill into an input without server-set fields", () => {
    const s = skillSchema.parse({ id: 5, name: "s", deleted: false, skillOrder: 3, dateUpdated: "x", description: null, maxWaitTime: 120 });
    expect(skillToInput(s)).toEqual({ name: "s", maxWaitTime: 120 });
  });

  it("keeps the password on user update (passwordSh: null) and sends the id", () => {
    const input = { loginName: "b", fullName: "B", nickname: "B", email: "b@x", isEnabled: true, maxChats: -1, profileIds: [2] };
    expect(userBody(input)).not.toHaveProperty("id");
    expect(userBody(input, 9)).toMatchObject({ id: 9, passwordSh: null });
    expect(userBody({ ...input, passwordSh: "new" }, 9)).toMatchObject({ passwordSh: "new" });
  });

  it("turns a read user into an input", () => {
    const u = userSchema.parse({
      id: 1,
      loginName: "b",
      fullName: "B",
      nickname: "B",
      email: "e",
      isEnabled: true,
      maxChats: -1,
      profileIds: [2],
      skillIds: [7],
      memberOf: { agentGroupId: -1, assignmentDate: "d" },
      userTypeId: 2,
      pid: "p",
    });
    expect(userToInput(u)).toEqual({
      loginName: "b",
      fullName: "B",
      nickname: "B",
      email: "e",
      isEnabled: true,
      maxChats: -1,
      profileIds: [2],
      skillIds: [7],
      memberOf: { agentGroupId: -1 },
      userTypeId: 2,
    });
  });
});
