/**
 * Preview's reachability probe (preflight.ts) is one attempt, so that a mistyped host fails in
 * seconds. A connection the server accepted and then reset is not a mistyped host: the check goes
 * on (the operations retry it), where it used to fail the preview with "cannot be reached" — as it
 * did in the reliability suite under injected resets. A refused connection still fails it (the
 * bad-inputs tables cover that).
 */
import * as skill from "../../../sdk/src/resources/skill.provider";
import { clearDomainCache } from "../../../sdk/src/client/domain";
import { startHarness, type Harness } from "../../helpers/provider-harness";

describe("preview's reachability probe", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it("does not fail the check when the Domain API resets the connection once", async () => {
    clearDomainCache();
    await h.admin("POST", "/faults", { match: { route: "/api/account/:a/service/*" }, kind: "reset", count: 1 });
    const r = await skill.check({}, { name: "reachability-probe-skill" });
    expect(r.failures ?? []).toEqual([]);
    const served = await h.admin<{ route: string; status: number }[]>("GET", "/requests");
    expect(served.filter((e) => e.status === 0 && e.route.startsWith("/api/account/:a/service/"))).toHaveLength(1);
  }, 30_000); // ~0.2 s alone; with benches running alongside, its six calls once took over jest's default 5 s
});
