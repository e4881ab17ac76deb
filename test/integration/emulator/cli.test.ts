// The emulator command's surface: options and their defaults, refusals naming the option (the running
// command is exercised by durability.test.ts and test/e2e/package.test.ts, which spawn it).
import { EMULATOR_USAGE, parseEmulatorArgs } from "../../../sdk/src/emulator/cli";

it("parses no arguments into the documented defaults", () => {
  expect(parseEmulatorArgs([])).toEqual({
    port: 4510,
    host: "127.0.0.1",
    dataDir: undefined,
    account: "12345678",
    username: "admin",
    password: "admin-password",
    connectDelayMs: 1000,
    tls: undefined,
    tlsCert: undefined,
    tlsKey: undefined,
    caOut: undefined,
    httpPort: undefined,
    statusVocabulary: "seed",
  });
});

it("reads every option", () => {
  const opts = parseEmulatorArgs([
    "--port",
    "0",
    "--host",
    "0.0.0.0",
    "--data-dir",
    "/tmp/x",
    "--account",
    "999",
    "--username",
    "u",
    "--password",
    "p",
    "--connect-delay-ms",
    "50",
    "--tls",
    "--ca-out",
    "/tmp/ca.pem",
    "--http-port",
    "0",
    "--status-vocabulary",
    "bot-status",
  ]);
  expect(opts).toMatchObject({
    port: 0,
    host: "0.0.0.0",
    dataDir: "/tmp/x",
    account: "999",
    connectDelayMs: 50,
    tls: true,
    httpPort: 0,
    statusVocabulary: "bot-status",
  });
});

it.each([
  [["--port", "70000"], /--port must be an integer between 0 and 65535/],
  [["--connect-delay-ms=-1"], /--connect-delay-ms must be an integer/],
  [["--status-vocabulary", "klingon"], /--status-vocabulary must be one of/],
  [["--bogus"], /Unknown option '--bogus'/],
  [["stray"], /Unexpected argument/],
])("refuses %j naming the option", (args, message) => {
  expect(() => parseEmulatorArgs(args as string[])).toThrow(message);
});

it("answers --help with the usage, which lists every option", () => {
  expect(parseEmulatorArgs(["--help"])).toBeUndefined();
  for (const flag of ["--port", "--data-dir", "--tls-cert", "--ca-out", "--http-port", "--status-vocabulary"])
    expect(EMULATOR_USAGE).toContain(flag);
});
