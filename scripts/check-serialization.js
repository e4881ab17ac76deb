#!/usr/bin/env node
// Serializes every provider the package exports exactly as a Pulumi program does
// (runtime.serializeFunction, the code that produces `__provider` in state) and fails when one
// cannot be serialized, carries a secret, or grows past the budget.
//
// Plain Node on purpose, not jest: jest replaces the module registry, and Pulumi's closure
// serializer decides how to capture a module by looking it up in require.cache
// (pulumi/pulumi#3799). It runs against the packed copy in node_modules/pulumi-liveengage
// (scripts/link-self.js), the layout users get.
"use strict";
const path = require("node:path");

const BUDGET_BYTES = 8 * 1024;
const CANARIES = {
  LP_PASSWORD: "canary-password-7f3e1b",
  LP_APP_SECRET: "canary-app-secret-91c2",
  LP_ACCESS_TOKEN_SECRET: "canary-token-secret-55d0",
  LP_CLIENT_SECRET: "canary-client-secret-0a8e",
};
// Modules a serialized provider may require at run time: our own packed files, the SDK,
// the runtime dependencies, and Node builtins.
const ALLOWED_REQUIRE = /^(pulumi-liveengage\/|@pulumi\/pulumi|undici|zod|node:|crypto$|fs$|path$|os$|url$|util$|events$|stream$)/;

async function main() {
  Object.assign(process.env, CANARIES);
  const root = path.resolve(__dirname, "..");
  process.chdir(root); // module names are computed relative to the cwd, as in a user's program
  const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [root] }));
  const { allProviders } = require(path.join(root, "node_modules", "pulumi-liveengage", "dist", "providers.js")); // internal: not in the exports map;

  const fakeConfig = {
    get: (key) => (key.endsWith("password") ? CANARIES.LP_PASSWORD : key.endsWith("clientSecret") ? CANARIES.LP_CLIENT_SECRET : undefined),
    require: (key) => fakeConfig.get(key) ?? "x",
  };
  let failed = 0;
  const rows = [];
  for (const [name, provider] of Object.entries(allProviders)) {
    try {
      // A provider configured in this process must still serialize without what it was given.
      if (typeof provider.configure === "function") await provider.configure({ config: fakeConfig });
      const { text, containsSecrets } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
      const problems = [];
      if (text.length > BUDGET_BYTES) problems.push(`${text.length} bytes > budget ${BUDGET_BYTES}`);
      if (containsSecrets) problems.push("captured a secret Output");
      for (const [k, v] of Object.entries(CANARIES)) if (text.includes(v)) problems.push(`contains the value of ${k}`);
      const requires = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
      for (const r of requires) if (!ALLOWED_REQUIRE.test(r)) problems.push(`requires unexpected module "${r}"`);
      // What state records must load through the package's "exports" map, as in a user's program.
      for (const r of requires.filter((m) => m.startsWith("pulumi-liveengage/"))) {
        try {
          require.resolve(r, { paths: [root] });
        } catch {
          problems.push(`"${r}" is not loadable through package.json "exports"`);
        }
      }
      rows.push({ provider: name, bytes: text.length, requires: [...new Set(requires)].join(" "), ok: problems.length === 0 });
      if (problems.length) {
        failed++;
        console.error(`FAIL ${name}: ${problems.join("; ")}`);
      }
    } catch (err) {
      failed++;
      rows.push({ provider: name, bytes: -1, requires: "", ok: false });
      console.error(`FAIL ${name}: serialization threw: ${err && err.message}`);
    }
  }
  console.table(rows);
  const passed = rows.length - failed;
  console.log(`serialization: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
