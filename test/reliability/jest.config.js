// The long reliability tests (issue #8): faults, crashes, concurrency and the bad-input table, each
// driving the real Pulumi CLI against the emulator. Not part of the root config's projects (so not
// in `npm test`); run by scripts/reliability.sh. One file at a time: every test spawns the CLI.
const path = require("node:path");

module.exports = {
  displayName: "reliability",
  rootDir: path.resolve(__dirname, "..", ".."),
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/reliability/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }] },
  maxWorkers: 1,
  slowTestThreshold: 300,
  reporters: ["default", "<rootDir>/test/helpers/summary-reporter.js"],
};
