import type { Connector, ConnectorInput } from "../../../sdk/src/client";
import { hasSettings } from "../../../sdk/src/resources/connectorAdopt";

const body: ConnectorInput = {
  deploymentEnvironment: "STAGING",
  type: "messaging",
  lpAccountId: "1",
  lpAccountUser: "bot-1",
  botId: "b",
  configurations: {
    lpAccountId: "1",
    lpAccountUser: "bot-1",
    lpPassword: "declared-pw",
    messageDelay: "300",
    enableAccessibility: "true",
    custom: "x",
  },
};
const live = (over: Partial<Connector> = {}, cfg: Record<string, string> = {}): Connector => ({
  lpAccountId: "1",
  lpAccountUser: "bot-1",
  lpUserId: "7",
  botId: "b",
  type: "messaging",
  deploymentEnvironment: "STAGING",
  configurations: {
    lpAccountId: "1",
    lpAccountUser: "bot-1",
    lpPassword: "********",
    messageDelay: "300",
    enableAccessibility: "TRUE",
    custom: "x",
    ...cfg,
  },
  ...over,
});

describe("hasSettings (adopt without a restart)", () => {
  it("is true when only the spelling differs and secrets are set on both sides (they cannot be read back)", () => {
    expect(hasSettings(live(), body)).toBe(true);
  });
  it("is false on any flag, custom key, environment or type difference, or a secret set on one side only", () => {
    expect(hasSettings(live({}, { messageDelay: "999" }), body)).toBe(false);
    expect(hasSettings(live({}, { custom: "y" }), body)).toBe(false);
    expect(hasSettings(live({}, { extra: "z" }), body)).toBe(false);
    expect(hasSettings(live({ deploymentEnvironment: "PRODUCTION" }), body)).toBe(false);
    expect(hasSettings(live({ type: "chat" }), body)).toBe(false);
    expect(hasSettings(live({}, { lpPassword: "" }), body)).toBe(false);
  });
});
