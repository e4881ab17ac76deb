/**
 * The rolling rollout's turns (resources/rolloutGate.ts): restarts of one deployment one at a time,
 * each holding the turn from its stop until its replacement is up; births and plain deletes never wait.
 */
import { bookRestart, createInTurn, deleteInTurn, resetRolloutGate } from "../../../sdk/src/resources/rolloutGate";

const turn = (member: string, group = "fleet") => ({ group, member });
const tick = () => new Promise((r) => setImmediate(r));

/** A step that records when it starts and ends, and finishes when told. */
function step(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return {
    run: async () => {
      log.push(`${name}>`);
      await done;
      log.push(`<${name}`);
    },
    finish,
  };
}

afterEach(() => resetRolloutGate());

describe("rollout gate", () => {
  it("lets the next restart's stop wait until the previous replacement is up", async () => {
    const log: string[] = [];
    bookRestart("c1", turn("1"));
    bookRestart("c2", turn("2"));
    const del1 = step(log, "delete-1");
    const del2 = step(log, "delete-2");
    const create1 = step(log, "create-1");
    const d1 = deleteInTurn("c1", del1.run);
    const d2 = deleteInTurn("c2", del2.run);
    await tick();
    expect(log).toEqual(["delete-1>"]);
    del1.finish();
    await d1;
    await tick();
    expect(log).toEqual(["delete-1>", "<delete-1"]); // delete-2 still waits: create-1 has not run
    const c1 = createInTurn(turn("1"), create1.run);
    await tick();
    expect(log).toEqual(["delete-1>", "<delete-1", "create-1>"]);
    create1.finish();
    await c1;
    await tick();
    expect(log.at(-1)).toBe("delete-2>");
    del2.finish();
    await d2;
  });

  it("runs creates that replace nothing (a first deploy) all at once", async () => {
    const log: string[] = [];
    const steps = ["1", "2", "3"].map((m) => step(log, `create-${m}`));
    const runs = steps.map((s, i) => createInTurn(turn(String(i + 1)), s.run));
    await tick();
    expect(log).toEqual(["create-1>", "create-2>", "create-3>"]);
    steps.forEach((s) => s.finish());
    await Promise.all(runs);
  });

  it("runs deletes without a booked restart (destroy, fewer agents) all at once", async () => {
    const log: string[] = [];
    const steps = ["1", "2"].map((m) => step(log, `delete-${m}`));
    const runs = steps.map((s, i) => deleteInTurn(`c${i + 1}`, s.run));
    await tick();
    expect(log).toEqual(["delete-1>", "delete-2>"]);
    steps.forEach((s) => s.finish());
    await Promise.all(runs);
  });

  it("keeps deployments apart: one deployment's restart does not wait for another's", async () => {
    const log: string[] = [];
    bookRestart("a1", turn("1", "a"));
    bookRestart("b1", turn("1", "b"));
    const a = step(log, "a");
    const b = step(log, "b");
    const runs = [deleteInTurn("a1", a.run), deleteInTurn("b1", b.run)];
    await tick();
    expect(log).toEqual(["a>", "b>"]);
    a.finish();
    b.finish();
    await Promise.all(runs);
  });

  it("gives the turn back when the stop fails, or when the replacement fails", async () => {
    bookRestart("c1", turn("1"));
    bookRestart("c2", turn("2"));
    await expect(
      deleteInTurn("c1", async () => {
        throw new Error("stop refused");
      }),
    ).rejects.toThrow("stop refused");
    await deleteInTurn("c2", async () => undefined);
    await expect(
      createInTurn(turn("2"), async () => {
        throw new Error("never Connected");
      }),
    ).rejects.toThrow("never Connected");
    bookRestart("c3", turn("3"));
    let ran = false;
    await deleteInTurn("c3", async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
