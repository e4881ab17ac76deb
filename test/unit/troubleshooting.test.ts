/**
 * The troubleshooting entries are one fact in one place: the README's table is generated from them,
 * the dashboard shows them, and there is one for every component the status reports.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Component } from "../../sdk/src/emulator/status";
import * as model from "../../sdk/src/model/troubleshooting";

const ROOT = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gen = require(path.join(ROOT, "scripts", "gen-troubleshooting-table.js")) as {
  BLOCK: string;
  SCRIPT: string;
  renderTroubleshootingTable(m: unknown): string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markers = require(path.join(ROOT, "scripts", "gen-flags-table.js")) as {
  extractBlock(readme: string, name: string, script?: string): string | undefined;
};

describe("troubleshooting", () => {
  it("README's table is generated from the model (node scripts/gen-troubleshooting-table.js --write)", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(markers.extractBlock(readme, gen.BLOCK, gen.SCRIPT)).toBe(gen.renderTroubleshootingTable(model));
  });

  it("has one entry per status component, in the order the status reports them", () => {
    // A compile-time list: adding a component to the emulator's status without a fix fails typechecking here.
    const components: Record<Component["name"], true> = {
      botUser: true,
      role: true,
      login: true,
      skill: true,
      fallbackSkill: true,
      conversationType: true,
    };
    expect(model.TROUBLESHOOTING.map((t) => t.component)).toEqual(Object.keys(components));
  });

  it("finds an entry by component and nothing for an unknown one", () => {
    expect(model.troubleshootingFor("botUser")?.fix).toContain("`pulumi refresh` then `pulumi up`");
    expect(model.troubleshootingFor("nonsense")).toBeUndefined();
  });
});
