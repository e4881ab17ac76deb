/**
 * Issue #17: a user's own `tsc` with Pulumi's default TypeScript template (`pulumi new typescript`:
 * its tsconfig.json, no skipLibCheck, no esModuleInterop) must compile a program importing the
 * package. It failed with 64 errors inside zod's and pino's typings, which the public typings pulled
 * in (scripts/gen-public-types.js now writes the public input types as plain types).
 * The package is the packed copy in node_modules (scripts/link-self.js), as users install it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ROOT } from "../helpers/pulumi-cli";

/** pulumi/templates typescript/tsconfig.json. */
const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as le from "pulumi-liveengage";

const config = new pulumi.Config();
const skill = new le.Skill("skill", { name: "support" });
const deployment = new le.BotDeployment("support", {
  botId: config.require("botId"),
  conversationType: "messaging",
  agents: { count: 2, loginNamePrefix: "support-bot", email: "bots@example.com", credentials: { password: (i: number) => config.requireSecret("password" + i) } },
  skill: { existingSkillId: skill.id },
  flags: { messageDelay: 300, tileDisplay: "vertical" },
});
new le.BotConnector("extra", { botId: "b", agent: "extra-bot", conversationType: "messaging", flags: { lpPassword: config.requireSecret("extra") } });
export const agents = deployment.agents;
export const drift = deployment.drift;
export function isConflict(e: unknown): boolean {
  return e instanceof le.ConflictError;
}
`;

it("a fresh `pulumi new typescript` project importing the package passes `tsc --noEmit` (no skipLibCheck)", async () => {
  const pkg = path.join(ROOT, "node_modules", "pulumi-liveengage", "package.json");
  expect(existsSync(pkg)).toBe(true); // the packed copy (npm test's setup runs scripts/link-self.js)
  const dir = path.join(ROOT, ".pulumi", "e2e", `typings-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  // The project's dependencies as npm would install them next to the package: links to the repository's.
  for (const name of readdirSync(path.join(ROOT, "node_modules"))) {
    if (!name.startsWith(".")) symlinkSync(path.join(ROOT, "node_modules", name), path.join(dir, "node_modules", name));
  }
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 4));
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({
      name: "fresh",
      main: "index.ts",
      devDependencies: { "@types/node": "*", typescript: "*" },
      dependencies: { "@pulumi/pulumi": "*", "pulumi-liveengage": "*" },
    }),
  );
  writeFileSync(path.join(dir, "index.ts"), PROGRAM);
  try {
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", dir, "--pretty", "false"],
        { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: stdout + stderr }),
      );
    });
    expect(result).toEqual({ code: 0, output: "" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);
