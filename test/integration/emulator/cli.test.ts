// The CLI command's surface: name, options and their defaults (the running command is exercised by
// durability.test.ts, which spawns it).
import { Command } from "commander";
import { registerEmulatorCommand } from "../../../sdk/src/cli/emulator-command";

it("registers `emulator` with the documented options and defaults", () => {
  const program = new Command();
  registerEmulatorCommand(program);
  const cmd = program.commands.find((c) => c.name() === "emulator")!;
  expect(cmd).toBeDefined();
  const defaults = Object.fromEntries(cmd.options.map((o) => [o.long, o.defaultValue]));
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
  });
});

it("refuses a port that is not a valid TCP port", async () => {
  const program = new Command().exitOverride();
  registerEmulatorCommand(program);
  program.commands[0].exitOverride().configureOutput({ writeErr: () => {} });
  await expect(program.parseAsync(["node", "x", "emulator", "--port", "70000"])).rejects.toThrow(/--port must be an integer/);
});
