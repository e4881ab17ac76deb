import type { Connector, ConnectorInput } from "../../../sdk/src/client";
import { hasSettings, overlayEdit } from "../../../sdk/src/resources/connectorAdopt";

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

describe("overlayEdit (an edit keeps what a person set by hand)", () => {
  const declared = (cfg: Record<string, string> = {}): ConnectorInput => ({ ...body, configurations: { ...body.configurations, ...cfg } });

  it("overlays the declaration on the live keys, and sends no live secret (the mask would become its value)", () => {
    const edit = overlayEdit(live({}, { messageDelay: "900", handKey: "by hand", externalWebhookAPIKey: "********" }), declared());
    expect(edit.configurations).toEqual({ ...body.configurations, handKey: "by hand" });
    expect(Object.values(edit.configurations)).not.toContain("********");
    // The left-out secret is what the edit keeps: nothing to restart for.
    expect(hasSettings(live({}, { handKey: "by hand", externalWebhookAPIKey: "********" }), edit)).toBe(true);
  });

  it("clears the login the program does not declare: the other credential set is superseded, not a person's extra", () => {
    const quad = { lpAppKey: "hand-key", lpAppSecret: "********", lpAccessToken: "********", lpAccessTokenSecret: "********" };
    const edit = overlayEdit(live({}, quad), declared());
    expect(edit.configurations).toMatchObject({ lpPassword: "declared-pw", lpAppSecret: "", lpAccessToken: "", lpAccessTokenSecret: "" });
    expect(edit.configurations).not.toHaveProperty("lpAppKey");
    const { lpPassword: _pw, ...noPassword } = body.configurations;
    const toQuad = overlayEdit(live(), {
      ...body,
      configurations: { ...noPassword, lpAppKey: "k", lpAppSecret: "s", lpAccessToken: "t", lpAccessTokenSecret: "ts" },
    });
    expect(toQuad.configurations).toMatchObject({ lpPassword: "", lpAppKey: "k", lpAppSecret: "s" });
  });
});
