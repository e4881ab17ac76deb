/**
 * What a Pulumi program loads with the package (issue #18). A program only declares resources:
 * the HTTP client (undici), the schemas (zod) and the lifecycles are the provider process's
 * business, loaded there on the first call (resources/lazyLifecycle.ts). Loading them in every
 * program cost over 0.25 s — a fifth of a 50-bot program's own time.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** The modules a fresh Node process has loaded after requiring `entry` and declaring resources. */
function modulesLoadedBy(script: string): string[] {
  const child = spawnSync(process.execPath, ["-r", path.join(ROOT, "test/helpers/ts-register.js"), "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as string[];
}

const listModules = `process.stdout.write(JSON.stringify(Object.keys(require.cache).map((p) => require("path").relative(process.cwd(), p))))`;

it("a program loads neither the HTTP client nor zod nor the lifecycles", () => {
  const loaded = modulesLoadedBy(`
    const pulumi = require("@pulumi/pulumi");
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs }, "p", "s", false);
    const le = require("./sdk/src/index.ts");
    new le.BotDeployment("bot", {
      botId: "b", conversationType: "messaging",
      agents: { count: 2, loginNamePrefix: "a", email: "a@example.com", credentials: { password: () => pulumi.secret("pw-123456") } },
      skill: { name: "s" }, routing: { campaignName: "c", engagementName: "e" },
    });
    ${listModules}`);
  expect(loaded.filter((m) => /node_modules\/(undici|zod)\//.test(m))).toEqual([]);
  // The client's typed errors are public (programs catch them by class): those two small modules only.
  const heavy = /sdk\/src\/(client\/(?!errors\.ts|redact\.ts)|resources\/(lifecycles|factory|specs\/|schemas\/))/;
  expect(loaded.filter((m) => heavy.test(m))).toEqual([]);
  // The control: the program did load the resources it declared.
  expect(loaded).toEqual(expect.arrayContaining([path.join("sdk", "src", "resources", "botConnector.provider.ts")]));
});

it("a provider module loads its lifecycle on the first call (the provider process)", () => {
  const loaded = modulesLoadedBy(`
    const skill = require("./sdk/src/resources/skill.provider.ts");
    skill.check({}, { name: "" }).then(() => { ${listModules} });`);
  expect(loaded).toEqual(expect.arrayContaining([path.join("sdk", "src", "resources", "lifecycles.ts")]));
  expect(loaded.some((m) => /node_modules\/zod\//.test(m))).toBe(true);
});
