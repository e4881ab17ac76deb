// The client never sends a secret's read-back mask as its value (issue #17): LiveEngage would store
// "********" as the password and the agent would turn Not Connected. Refused before any request.
import { createLiveEngageClient, MaskedSecretError } from "../../../sdk/src/client";
import { MASKED_SECRET } from "../../../sdk/src/client/wire/connector";

// Port 1 on loopback: any request that were sent would fail with ECONNREFUSED, not MaskedSecretError.
const le = createLiveEngageClient(
  { accountId: "123", csdsDomain: "127.0.0.1:1", username: "u", password: "p" },
  { retry: { backoffMs: [] } },
);

const connector = (configurations: Record<string, string>) => ({
  deploymentEnvironment: "STAGING" as const,
  type: "messaging" as const,
  lpAccountId: "123",
  lpAccountUser: "bot-1",
  botId: "b1",
  configurations,
});

it.each(["add", "edit"] as const)("connectors.%s refuses a masked secret flag, naming the key and never a value", async (op) => {
  const error = await le.connectors[op]("42", connector({ lpPassword: MASKED_SECRET, messageDelay: "300" })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MaskedSecretError);
  expect((error as MaskedSecretError).keys).toEqual(["lpPassword"]);
  expect((error as Error).message).toMatch(/refusing to send the connector of bot-1 on bot b1: lpPassword holds the mask/);
});

it("a real secret value is sent (and fails here only because nothing listens)", async () => {
  const error = await le.connectors.add("42", connector({ lpPassword: "Real-Secret-1" })).catch((e: unknown) => e);
  expect(error).not.toBeInstanceOf(MaskedSecretError);
});

it("users refuse a masked password", async () => {
  const error = await le.users.create({ loginName: "bot-1", passwordSh: "********" } as never).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MaskedSecretError);
});
