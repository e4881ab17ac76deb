/**
 * Tests that need a real part (the Pulumi CLI, a browser, …): locally a missing part skips them with
 * a printed reason; under CI=true it fails the run, so CI can never go green without exercising it.
 */
export function describeRequiring(part: { missing: string | undefined }, name: string, body: () => void): void {
  const reason = part.missing;
  if (reason === undefined) {
    describe(name, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("has what it needs", () => {
        throw new Error(`CI=true and ${reason}`);
      });
    });
    return;
  }
  console.warn(`SKIPPED "${name}": ${reason}`);
  describe.skip(name, body);
}
