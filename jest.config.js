// Three tiers, one runner: `npm test` runs them all; `--selectProjects <tier>` runs one.
//   unit         pure logic, no sockets
//   integration  real HTTP on loopback (the emulator, the client, provider lifecycles)
//   e2e          the real Pulumi CLI (built by scripts/install-pulumi.sh) against the emulator
const tsJest = ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }];
const tier = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: "node",
  rootDir: __dirname,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform: { "^.+\\.ts$": tsJest },
  ...extra,
});

module.exports = {
  projects: [
    tier("unit"),
    // Real HTTP on loopback: 5 s (jest's default) is a wall-time assertion in disguise on a loaded
    // 2-core machine; a generous ceiling still catches a hang.
    tier("integration", { testTimeout: 60_000 }),
    tier("e2e", { slowTestThreshold: 120 }),
  ],
  // e2e runs spawn the CLI; keep the overall run from oversubscribing a 2-core machine.
  maxWorkers: 2,
  reporters: ["default", "<rootDir>/test/helpers/summary-reporter.js"],
};
