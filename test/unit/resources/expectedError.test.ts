/**
 * Expected errors leave a provider without a JavaScript stack trace: the dynamic-provider host
 * prints `${e}: ${e.stack}` for whatever a provider method throws (issue #16: a refused skill
 * delete printed a dozen `at …` frames). Programming errors keep theirs.
 */
import { ValidationError } from "../../../sdk/src/client";
import { quietly, withoutStackTrace } from "../../../sdk/src/resources/expectedError";

/** What the dynamic-provider host writes for an error a provider method threw. */
const printed = (e: unknown) => `${String(e)}: ${(e as Error).stack}`;

describe("expected errors without stack traces", () => {
  it("prints a LiveEngage refusal as one line with its message, keeping the cause", () => {
    const refusal = new ValidationError(
      "validation",
      400,
      "skill cannot be deleted because it is assigned to the following entities: user 7",
      { method: "DELETE", path: "/skills/5" },
      "skill-dependencies",
    );
    const quiet = withoutStackTrace(refusal) as Error;
    expect(printed(quiet)).toBe("liveengage: skill cannot be deleted because it is assigned to the following entities: user 7");
    expect(quiet.message).toBe(refusal.message);
    expect(quiet.cause).toBe(refusal);
  });

  it("keeps the stack trace of a programming error", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(withoutStackTrace(bug)).toBe(bug);
    expect(printed(bug)).toMatch(/\n\s+at /);
  });

  it("keeps what the engine reads from an error of a resource created but not initialized", () => {
    const failed = Object.assign(new Error("did not reach Connected"), { id: "bot/1", properties: { running: true }, reasons: ["x"] });
    expect(withoutStackTrace(failed)).toMatchObject({
      message: "did not reach Connected",
      id: "bot/1",
      properties: { running: true },
      reasons: ["x"],
    });
  });

  it("quietly rethrows what its function throws, quiet", async () => {
    await expect(
      quietly(async () => {
        throw new Error("refused");
      }),
    ).rejects.toMatchObject({ message: "refused", stack: "refused" });
    await expect(quietly(async () => 5)).resolves.toBe(5);
  });
});
