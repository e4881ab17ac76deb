/**
 * Users' state records each provider as `require("pulumi-liveengage/dist/resources/<x>.provider.js")`
 * and the engine calls that module's exports. These paths and exports must not move; the upgrade
 * e2e test (test/e2e/upgrade.test.ts) runs old state against them through the real engine.
 */
import { existsSync } from "node:fs";
import path from "node:path";

const RECORDED_IN_STATE = ["skill", "botAgent", "campaign", "engagement", "botConnector"];
const LIFECYCLE = ["configure", "check", "diff", "create", "read", "update", "delete"];

it.each(RECORDED_IN_STATE)("resources/%s.provider exists at its recorded path and exports the whole lifecycle", (name) => {
  const file = path.join(__dirname, "../../../sdk/src/resources", `${name}.provider.ts`);
  expect(existsSync(file)).toBe(true);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Record<string, unknown>;
  expect(LIFECYCLE.filter((m) => typeof mod[m] !== "function")).toEqual([]);
});
