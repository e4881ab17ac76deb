// ESLint: typescript-eslint's recommended rules, and the layer boundaries of docs/architecture.md as a
// rule: model ← client ← resources ← components (the CLI, export and the dashboard on top); the
// emulator, its own package, imports nothing of the package but the model. An import against an
// arrow fails `npm run lint` (test/unit/lint-boundaries.test.ts shows it).
"use strict";
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

const SRC = "sdk/src";
const ALL_LAYERS = ["model", "client", "resources", "components", "cli", "export", "dashboard", "emulator", "testing"];

/** Who may import whom, inside the package (relative imports only; the table is the architecture). */
const MAY_IMPORT = {
  model: [],
  client: ["model"],
  resources: ["model", "client"],
  components: ["model", "client", "resources"],
  emulator: ["model"],
  testing: ["model", "client", "resources"],
  export: ["model", "client", "resources", "components"],
  dashboard: ["model", "client", "resources", "cli"],
  // The operations tier: the CLI and the dashboard it serves read through each other's readers.
  cli: ["model", "client", "resources", "components", "export", "dashboard"],
};

/** Third-party modules a layer must not import (the emulator's server framework stays in its package). */
const FORBIDDEN_PACKAGES = {
  model: ["@pulumi/*", "undici", "fastify"],
  client: ["@pulumi/*", "fastify"],
  emulator: ["@pulumi/*", "undici", "commander"],
};
const COMPONENT_PACKAGE_FORBIDS = ["fastify"];

function boundaryRule(layer) {
  const forbidden = ALL_LAYERS.filter((l) => l !== layer && !MAY_IMPORT[layer].includes(l));
  const patterns = forbidden.map((l) => ({
    // From anywhere under sdk/src/<layer>/, any number of "../" then the forbidden layer's folder.
    regex: `^(\\.\\./)+${l}(/.*)?$`,
    message: `${layer} must not import ${l}: the arrows are model ← client ← resources ← components (CLI on top); the emulator imports only the model (docs/architecture.md).`,
    // The CLI may name the emulator's types; at run time it loads the emulator package by name.
    ...(layer === "cli" && l === "emulator" ? { allowTypeImports: true } : {}),
  }));
  const packages =
    layer === "emulator" ? FORBIDDEN_PACKAGES.emulator : [...new Set([...(FORBIDDEN_PACKAGES[layer] ?? []), ...COMPONENT_PACKAGE_FORBIDS])];
  for (const name of packages) {
    patterns.push({ group: [name], message: `${layer} must not depend on ${name} (docs/architecture.md).` });
  }
  return {
    files: [`${SRC}/${layer}/**/*.ts`],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
  };
}

module.exports = tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", ".pulumi/**", "coverage/**", "test/e2e/artifacts/**", "bench/results/**"],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        exports: "writable",
        __dirname: "readonly",
        __filename: "readonly",
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        setImmediate: "readonly",
        URL: "readonly",
        fetch: "readonly",
        AbortController: "readonly",
        AbortSignal: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        structuredClone: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Off on purpose: expected failures are rethrown as a sentence naming the fix, and the error
      // they replace can carry request details or a stack trace the user should not be shown.
      "preserve-caught-error": "off",
    },
  },
  {
    // Plain-Node scripts, benchmarks and jest configs are CommonJS JavaScript.
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The emulator's wire tests read arbitrary JSON bodies field by field, as a client would.
    files: ["test/integration/emulator/**/*.ts", "test/helpers/emulator-http.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The dashboard's page script runs in the browser.
    files: [`${SRC}/dashboard/static/**/*.js`],
    languageOptions: {
      sourceType: "script",
      globals: { window: "readonly", document: "readonly", EventSource: "readonly", location: "readonly", Node: "readonly" },
    },
  },
  ...Object.keys(MAY_IMPORT).map(boundaryRule),
);

module.exports.MAY_IMPORT = MAY_IMPORT;
