// The CLI command's surface: name, options and their defaults (the running command is exercised by
// durability.test.ts, which spawns it).
import { camel, parseCommand, UsageError } from "../../../sdk/src/cli/command";
import { emulatorCommand } from "../../../sdk/src/cli/emulator-command";

it("declares `emulator` with the documented options and defaults", () => {
  expect(emulatorCommand.name).toBe("emulator");
  const defaults = Object.fromEntries(emulatorCommand.options.map((o) => [`--${o.name}`, o.default]));
  expect(defaults).toEqual({
    "--port": 4510,
    "--host": "127.0.0.1",
    "--data-dir": undefined,
    "--account": "12345678",
    "--username": "admin",
    "--password": "admin-password",
    "--connect-delay-ms": 1000,
    "--tls": undefined,
    "--tls-cert": undefined,
    "--tls-key": undefined,
    "--ca-out": undefined,
    "--http-port": undefined,
    "--status-vocabulary": "seed",
    "--json": undefined,
  });
  // Parsed names are camelCased, as the command reads them.
  expect(Object.keys(parseCommand(emulatorCommand, []))).toEqual(emulatorCommand.options.map((o) => camel(o.name)));
});

it("parses values and refuses a port that is not a valid TCP port as a usage error", () => {
  expect(parseCommand(emulatorCommand, ["--port", "0", "--data-dir", "/tmp/x", "--tls"])).toMatchObject({
    port: 0,
    dataDir: "/tmp/x",
    tls: true,
  });
  expect(() => parseCommand(emulatorCommand, ["--port", "70000"])).toThrow(UsageError);
  expect(() => parseCommand(emulatorCommand, ["--port", "70000"])).toThrow(/--port must be an integer/);
  expect(() => parseCommand(emulatorCommand, ["--status-vocabulary", "klingon"])).toThrow(/one of seed/);
  expect(() => parseCommand(emulatorCommand, ["--no-such-option"])).toThrow(UsageError);
});
