import { computeDrift } from "../../../sdk/src/resources/drift";

describe("computeDrift", () => {
  const agent = (name: string, configuration: Record<string, unknown>) => ({ agent: name, configuration });

  it("finds nothing when the agents agree with each other and the declaration", () => {
    const cfg = { messageDelay: 300, tileDisplay: "vertical" };
    expect(computeDrift([agent("a", cfg), agent("b", { messageDelay: "300", tileDisplay: "vertical" })], cfg)).toEqual([]);
  });

  it("names the flag and the value per agent when one agent differs", () => {
    const drift = computeDrift([agent("a", { messageDelay: 300 }), agent("b", { messageDelay: 900 }), agent("c", { messageDelay: 300 })]);
    expect(drift).toEqual([{ flag: "messageDelay", values: { a: 300, b: 900, c: 300 } }]);
  });

  it("reports a flag all agents changed the same way when it differs from the declaration", () => {
    const drift = computeDrift([agent("a", { skipAgentMessage: true }), agent("b", { skipAgentMessage: true })], {
      skipAgentMessage: false,
    });
    expect(drift).toEqual([{ flag: "skipAgentMessage", declared: false, values: { a: true, b: true } }]);
  });

  it("reports a key set on one agent only", () => {
    expect(computeDrift([agent("a", { extra: "x" }), agent("b", {})])).toEqual([{ flag: "extra", values: { a: "x", b: undefined } }]);
  });

  it("ignores per-agent identity and credential keys", () => {
    expect(computeDrift([agent("a", { lpAccountUser: "a", lpPassword: "********" }), agent("b", { lpAccountUser: "b" })])).toEqual([]);
  });
});
