/**
 * The layer arrows (model ← client ← resources ← components, CLI on top; the emulator imports only
 * the model) are an ESLint rule (eslint.config.js), so `npm run lint` fails on a back-arrow. Here
 * deliberate back-arrows are linted as if they were files of the package, and must fail.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const RULE = "@typescript-eslint/no-restricted-imports";

/**
 * Lints each [file, code] with the project's eslint.config.js in a plain Node process (ESLint loads
 * its config with a dynamic import, which jest's module sandbox refuses), all in one run; `"*"`
 * lints the package's real sources. Returns the boundary rule's messages per input.
 */
function boundaryErrors(inputs: [file: string, code: string][]): string[][] {
  const script = `
    const { ESLint } = require("eslint");
    const path = require("node:path");
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const inputs = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
      const out = [];
      for (const [file, code] of inputs) {
        const results = file === "*"
          ? await eslint.lintFiles(["sdk/src/**/*.ts"])
          : await eslint.lintText(code + "\\nexport {};\\n", { filePath: path.join(process.cwd(), file) });
        out.push(results.flatMap((r) => r.messages.filter((m) => m.ruleId === ${JSON.stringify(RULE)})
          .map((m) => (file === "*" ? path.relative(process.cwd(), r.filePath) + ":" + m.line + " " : "") + m.message)));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const stdout = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, input: JSON.stringify(inputs), encoding: "utf8" });
  return JSON.parse(stdout) as string[][];
}

const BACK_ARROWS: [file: string, code: string, message: RegExp][] = [
  ["sdk/src/model/x.ts", 'import { ApiError } from "../client/errors";', /model must not import client/],
  ["sdk/src/client/x.ts", 'import { Skill } from "../resources";', /client must not import resources/],
  ["sdk/src/client/wire/x.ts", 'import type { SkillSpec } from "../../resources/specs/skill";', /client must not import resources/],
  ["sdk/src/resources/specs/x.ts", 'import { BotDeployment } from "../../components";', /resources must not import components/],
  ["sdk/src/components/x.ts", 'import { main } from "../cli/main";', /components must not import cli/],
  ["sdk/src/emulator/routes/x.ts", 'import { redact } from "../../client/redact";', /emulator must not import client/],
  ["sdk/src/emulator/x.ts", 'import * as pulumi from "@pulumi/pulumi";', /emulator must not depend on @pulumi/],
  ["sdk/src/client/x.ts", 'import * as pulumi from "@pulumi/pulumi";', /client must not depend on @pulumi/],
  ["sdk/src/resources/x.ts", 'import Fastify from "fastify";', /resources must not depend on fastify/],
  ["sdk/src/cli/x.ts", 'import { startEmulator } from "../emulator";', /cli must not import emulator/],
];

const FORWARD_ARROWS: [file: string, code: string][] = [
  ["sdk/src/client/x.ts", 'import { FLAG_SPECS } from "../model/flags";'],
  ["sdk/src/resources/specs/x.ts", 'import { createLiveEngageClient } from "../../client";'],
  ["sdk/src/components/x.ts", 'import { Skill } from "../resources";'],
  ["sdk/src/emulator/routes/x.ts", 'import { FLAG_SPECS } from "../../model/flags";\nimport Fastify from "fastify";'],
  // The CLI names the emulator's types; at run time it loads the emulator package by name.
  ["sdk/src/cli/x.ts", 'import type * as EmulatorCli from "../emulator/cli";'],
  ["sdk/src/resources/specs/x.ts", 'import { SKILL } from "./skill";'],
];

let results: string[][];
beforeAll(() => {
  results = boundaryErrors([...BACK_ARROWS.map(([f, c]) => [f, c] as [string, string]), ...FORWARD_ARROWS, ["*", ""]]);
}, 180_000);

describe("back-arrows fail the lint", () => {
  it.each(BACK_ARROWS.map((c, i) => [...c, i] as const))("%s: %s", (_file, _code, message, i) => {
    expect(results[i]).toEqual([expect.stringMatching(message)]);
  });
});

describe("arrows the right way pass", () => {
  it.each(FORWARD_ARROWS.map((c, i) => [...c, BACK_ARROWS.length + i] as const))("%s: %s", (_file, _code, i) => {
    expect(results[i]).toEqual([]);
  });
});

it("the package's own sources keep every arrow (what `npm run lint` checks in CI)", () => {
  expect(results[BACK_ARROWS.length + FORWARD_ARROWS.length]).toEqual([]);
});
