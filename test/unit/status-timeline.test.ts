import { minConnected } from "../helpers/status-timeline";

describe("minConnected (test evidence helper)", () => {
  const h = (status: string, at: number) => ({ status, at });
  it("sees a rolling restart keep two of three connected", () => {
    const c = [
      { lpUserId: "1", history: [h("CONNECTED", 0), h("STOPPED", 10), h("STOPPED", 12), h("NOT_CONNECTED", 13), h("CONNECTED", 20)] },
      { lpUserId: "2", history: [h("CONNECTED", 0), h("STOPPED", 30), h("NOT_CONNECTED", 33), h("CONNECTED", 40)] },
      { lpUserId: "3", history: [h("CONNECTED", 0), h("STOPPED", 50), h("NOT_CONNECTED", 53), h("CONNECTED", 60)] },
    ];
    expect(minConnected(c, 5, 100)).toBe(2);
  });
  it("sees all-at-once drop to zero", () => {
    const c = ["1", "2", "3"].map((u) => ({ lpUserId: u, history: [h("CONNECTED", 0), h("STOPPED", 10), h("CONNECTED", 20)] }));
    expect(minConnected(c, 5, 100)).toBe(0);
  });
});
