/**
 * Issue #8, bad input, through the real CLI: every case of test/helpers/bad-inputs.ts (invalid
 * resource inputs, invalid programs, invalid stack configuration) is run as `pulumi preview` of its
 * own program. Each must fail, name the property (or config key) in its message, never echo the
 * secret value, and make no write to the account (the emulator's request log has no POST/PUT/DELETE
 * other than logins).
 */
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import { BAD_INPUT_SECRET, BAD_INPUTS, EXISTING_SKILL, type BadInput } from "../helpers/bad-inputs";

function caseBody(c: BadInput): string {
  if (c.program) return c.program;
  return `new le.${c.resource!.type}("r", ${JSON.stringify(c.resource!.inputs)});`;
}

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const cases = {
${[...BAD_INPUTS.map((c) => `  ${JSON.stringify(c.id)}: () => { ${caseBody(c)} },`),
    `  "valid": () => { new le.Skill("ok", { name: "bi-valid-skill" }); new le.BotAgent("ok", { loginName: "bi-valid", nickname: "bot", fullName: "Bot", email: "b@example.com", password: pulumi.secret("long-enough-pw") }); },`].join("\n")}
};
const which = config.require("case");
if (!cases[which]) throw new Error("unknown case " + which);
cases[which]();
`;

const isApiWrite = (e: { method: string; route: string }) => e.method !== "GET" && !/\/login|\/refresh|\/logout|\/sentinel\//.test(e.route);

describeWithCli("invalid programs and configurations are refused at preview (real CLI)", () => {
  let emu: E2eEmulator;
  let program: TestProgram;
  const table: { id: string; what: string; property: string; refused: boolean; named: boolean; writes: number }[] = [];

  beforeAll(async () => {
    emu = await startE2eEmulator(50);
    program = await TestProgram.create("bad-inputs", { "index.js": PROGRAM });
    await emu.configure(program);
    // An existing skill, for the "name already used" case.
    const { createLiveEngageClient, shutdownLiveEngageClients } = await import("../../sdk/src/client");
    const le = createLiveEngageClient({ accountId: emu.emulator.accountId, csdsDomain: emu.emulator.host, username: "admin", password: emu.emulator.credentials.password });
    await le.skills.create({ name: EXISTING_SKILL });
    await shutdownLiveEngageClients();
  }, 120_000);

  afterAll(async () => {
    await program?.dispose();
    await emu?.close();
    console.log(`[bad-inputs] ${table.length} cases\n${table.map((r) => `${r.id}\t${r.property}\trefused=${r.refused}\tnamed=${r.named}\twrites=${r.writes}`).join("\n")}`);
  }, 120_000);

  it("previews the valid control program without error", async () => {
    await program.pulumi(["preview", "--config", "case=valid"]);
  }, 120_000);

  it.each(BAD_INPUTS.map((c) => [c.id, c] as const))("refuses %s", async (_id, c) => {
    for (const [key, value] of Object.entries(c.config ?? {})) {
      if (value === null) await program.pulumi(["config", "rm", key]);
      else await program.setConfig(key, value, key.endsWith("password"));
    }
    await emu.admin("DELETE", "/requests");
    const r = await program.pulumi(["preview", "--config", `case=${c.id}`], { allowFailure: true });
    const output = r.stdout + r.stderr;
    const log = await emu.admin<{ method: string; route: string }[]>("GET", "/requests");
    const writes = log.filter(isApiWrite).length;
    table.push({ id: c.id, what: c.what, property: c.property, refused: r.code !== 0, named: output.includes(c.property), writes });
    if (c.config) {
      await emu.configure(program);
      if ("messageDelay" in c.config) await program.pulumi(["config", "rm", "messageDelay"]);
    }
    expect({ code: r.code === 0 ? 0 : "failed", named: output.includes(c.property) ? c.property : output }).toEqual({ code: "failed", named: c.property });
    // A resource case is refused by the provider's check, not by the program crashing.
    if (!c.program) expect(output).not.toContain("failed with an unhandled exception");
    expect(output).not.toContain(BAD_INPUT_SECRET);
    if (c.secret) expect(output).not.toContain(c.secret);
    expect(output).not.toContain("noprod-password");
    expect(output).not.toContain("wrong-password");
    expect(writes).toBe(0);
  }, 120_000);
});
