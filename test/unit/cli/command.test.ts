// The CLI's command layer over util.parseArgs: option forms, usage errors apart from failures,
// --help with the exit codes, --version.
import { commandHelp, parseCommand, UsageError, type CommandSpec } from "../../../sdk/src/cli/command";
import { EXIT_CODES } from "../../../sdk/src/cli/exit-codes";
import { COMMANDS } from "../../../sdk/src/cli/main";
import { runCli } from "../../../sdk/src/cli/run";

const spec: CommandSpec = {
  name: "demo",
  description: "a command for the test",
  options: [
    { name: "stack", arg: "[name]", description: "a flag or a value" },
    { name: "bot", arg: "<id...>", description: "one or more values" },
    { name: "out", arg: "<dir>", description: "a value", required: true },
    { name: "json", description: "a flag" },
  ],
  exitCodes: [EXIT_CODES.failure, EXIT_CODES.drift],
  run: async () => {},
};

describe("parseCommand", () => {
  it("reads a flag-or-value option either way", () => {
    expect(parseCommand(spec, ["--out", "d", "--stack"])).toMatchObject({ stack: true });
    expect(parseCommand(spec, ["--stack", "--out", "d"])).toMatchObject({ stack: true, out: "d" });
    expect(parseCommand(spec, ["--stack", "dev", "--out", "d"])).toMatchObject({ stack: "dev" });
    expect(parseCommand(spec, ["--out", "d"]).stack).toBeUndefined();
  });

  it("reads a variadic option as `--bot a b` and as `--bot a --bot b`", () => {
    expect(parseCommand(spec, ["--bot", "a", "b", "--out", "d"]).bot).toEqual(["a", "b"]);
    expect(parseCommand(spec, ["--out", "d", "--bot", "a", "--bot", "b", "c"]).bot).toEqual(["a", "b", "c"]);
  });

  it.each([
    [["--json"], /required option --out/],
    [["--out", "d", "--nope"], /Unknown option '--nope'/],
    [["--out"], /argument missing/],
    [["--out", "d", "stray"], /Unexpected argument 'stray'/],
  ])("refuses %j as a usage error", (args, message) => {
    expect(() => parseCommand(spec, args)).toThrow(UsageError);
    expect(() => parseCommand(spec, args)).toThrow(message);
  });
});

describe("help and exit codes", () => {
  it("a command's help lists its options and the exit codes it uses", () => {
    const help = commandHelp("liveengage", spec);
    expect(help).toContain("--stack [name]");
    expect(help).toContain("--bot <id...>");
    expect(help).toMatch(/--out <dir>\s+a value \(required\)/);
    expect(help).toMatch(/Exit codes:\n\s+0\s+success.*\n\s+1\s+failure.*\n\s+2\s+drift.*\n\s+64\s+usage error/);
  });

  it("the exit codes are distinct", () => {
    const codes = Object.values(EXIT_CODES).map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("every command has --json and its own help", () => {
    for (const c of COMMANDS) {
      expect(c.options.map((o) => o.name)).toContain("json");
      expect(commandHelp("liveengage", c)).toContain(`Usage: liveengage ${c.name} [options]`);
    }
  });
});

describe("runCli", () => {
  let out = "";
  let err = "";
  beforeEach(() => {
    out = err = "";
    jest.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    jest.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });

  it("--version prints the package's version", async () => {
    expect(await runCli(["--version"], COMMANDS, "liveengage")).toBe(0);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(out.trim()).toBe((require("../../../package.json") as { version: string }).version);
  });

  it("usage errors exit 64, failures 1, --help 0", async () => {
    expect(await runCli(["nosuch"], [spec], "x")).toBe(EXIT_CODES.usage.code);
    expect(err).toMatch(/unknown command 'nosuch'/);
    expect(await runCli(["demo", "--bogus"], [spec], "x")).toBe(EXIT_CODES.usage.code);
    expect(await runCli(["demo", "--help"], [spec], "x")).toBe(0);
    expect(out).toContain("Usage: x demo [options]");
    const failing: CommandSpec = {
      ...spec,
      options: [],
      run: async () => {
        throw new Error("account unreachable");
      },
    };
    expect(await runCli(["demo"], [failing], "x")).toBe(EXIT_CODES.failure.code);
    expect(err).toContain("x demo: account unreachable");
  });

  it("the program's help lists every command and every exit code", async () => {
    expect(await runCli(["--help"], COMMANDS, "liveengage")).toBe(0);
    for (const c of COMMANDS) expect(out).toContain(`  ${c.name}`);
    for (const c of Object.values(EXIT_CODES)) expect(out).toContain(c.meaning);
  });
});
