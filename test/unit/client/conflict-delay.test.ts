import { conflictDelayMs } from "../../../sdk/src/client/accountConfig";

describe("the pause before re-reading after a revision conflict (issue #19)", () => {
  it("is random within a window that doubles from 100 ms and stops at 3.2 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((round) => conflictDelayMs(round, () => 0.999999))).toEqual([
      100, 200, 400, 800, 1600, 3200, 3200, 3200,
    ]);
    expect(conflictDelayMs(3, () => 0)).toBe(0);
    expect(conflictDelayMs(3, () => 0.5)).toBe(400);
  });
});
