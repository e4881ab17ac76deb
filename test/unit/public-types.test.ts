// The public input types written by scripts/gen-public-types.js are those the zod schemas accept:
// a schema changed without regenerating fails here (issue #17: public typings without zod).
import { execFileSync } from "node:child_process";
import * as path from "node:path";

it("sdk/src/**/*.generated.ts match the schemas (node scripts/gen-public-types.js)", () => {
  expect(() =>
    execFileSync(process.execPath, [path.join(__dirname, "..", "..", "scripts", "gen-public-types.js"), "--check"], { stdio: "pipe" }),
  ).not.toThrow();
}, 120_000);
