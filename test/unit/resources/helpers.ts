import { checkInputs, CheckFailure } from "../../../sdk/src/resources/check";
import { botConnectorInputsSchema, BotConnectorInputs } from "../../../sdk/src/resources/schemas/botConnector";

/** A minimal valid BotConnector input (password login). */
export function connector(overrides: Record<string, unknown> = {}, flags: Record<string, unknown> = { lpPassword: "pw-a1b2c3d4" }) {
  return { botId: "bot-1", agent: "cb-bot-1", conversationType: "messaging", flags, ...overrides };
}

/** The OAuth 1.0 app-key quadruple. */
export const QUAD = { lpAppKey: "app-key-1", lpAppSecret: "app-secret-1", lpAccessToken: "token-1", lpAccessTokenSecret: "token-secret-1" };

/** Checks connector inputs and expects success. */
export function okConnector(news: unknown): BotConnectorInputs {
  const r = checkInputs(botConnectorInputsSchema, news);
  expect(r.failures).toEqual([]);
  return r.inputs as BotConnectorInputs;
}

/** Checks connector inputs and returns the failures (expecting at least one). */
export function failConnector(news: unknown): CheckFailure[] {
  const r = checkInputs(botConnectorInputsSchema, news);
  expect(r.inputs).toBeUndefined();
  expect(r.failures.length).toBeGreaterThan(0);
  return r.failures;
}

/** The failure at `property`, or undefined. */
export function at(failures: CheckFailure[], property: string): CheckFailure | undefined {
  return failures.find((f) => f.property === property);
}
