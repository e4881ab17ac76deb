import { Semaphore } from "../../../sdk/src/client/semaphore";

describe("Semaphore", () => {
  it("never runs more than its limit at once and serves waiters in order", async () => {
    const s = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      s.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise<void>((r) => releases.push(r));
        running--;
      }),
    );
    for (let done = 0; done < 5; done++) {
      await new Promise((r) => setImmediate(r));
      expect(s.inFlight).toBeLessThanOrEqual(2);
      releases.shift()!();
    }
    await Promise.all(tasks);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(s.inFlight).toBe(0);
  });

  it("releases the permit when the task throws", async () => {
    const s = new Semaphore(1);
    await expect(s.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(s.run(async () => "ok")).resolves.toBe("ok");
  });

  it.each([0, -1, 1.5])("rejects limit %p", (n) => expect(() => new Semaphore(n)).toThrow(RangeError));
});
