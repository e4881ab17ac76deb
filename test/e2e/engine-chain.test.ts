/**
 * The toolchain end to end: the real CLI (`pulumi up` of a program folder, run by the nodejs
 * language host) with the file backend, deploying a dynamic resource from this package as users
 * install it. preview → up → preview (no changes) → refresh (no changes) → update → destroy.
 */
import { describeWithCli, TestProgram } from "../helpers/pulumi-cli";

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { Noop } = require("pulumi-liveengage/dist/testing/noop.js"); // a test-only resource, not public
const config = new pulumi.Config();
const noop = new Noop("marker", { value: config.require("value") });
exports.value = noop.value;
exports.id = noop.id;
`;

describeWithCli("engine chain with the real CLI", () => {
  let program: TestProgram;

  beforeAll(async () => {
    program = await TestProgram.create("engine-chain", { "index.js": PROGRAM });
    await program.setConfig("value", "first");
  }, 120_000);

  afterAll(async () => {
    await program?.dispose();
  }, 120_000);

  it("previews a create, then deploys it", async () => {
    const preview = await program.preview();
    const creates = preview.steps.filter((s) => s.op === "create").map((s) => s.urn.split("::").pop());
    expect(creates).toEqual(expect.arrayContaining(["marker"]));
    expect(preview.steps.find((s) => s.urn.endsWith("::marker"))?.urn).toContain("pulumi-nodejs:dynamic/liveengage:Noop");

    await program.up();
    const outputs = await program.outputs();
    expect(outputs.value).toBe("first");
    expect(typeof outputs.id).toBe("string");
  }, 300_000);

  it("shows no changes on preview and refresh of an unchanged program", async () => {
    await program.previewNoChanges();
    await program.refreshNoChanges();
  }, 300_000);

  it("stores the provider in state as a require of the packed package, not a copy", async () => {
    const state = await program.exportState();
    const marker = state.resources.find((r) => r.urn.endsWith("::marker"));
    const provider = String(marker?.outputs?.__provider ?? "");
    expect(provider).toContain("exports.handler");
    expect(provider.length).toBeLessThan(8 * 1024);
  }, 120_000);

  it("updates in place when an input changes, keeping the id", async () => {
    const before = await program.outputs();
    await program.setConfig("value", "second");
    const preview = await program.preview();
    expect(preview.steps.find((s) => s.urn.endsWith("::marker"))?.op).toBe("update");
    await program.up();
    const after = await program.outputs();
    expect(after.value).toBe("second");
    expect(after.id).toBe(before.id);
  }, 300_000);

  it("destroys everything", async () => {
    await program.destroy();
    const state = await program.exportState();
    expect(state.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toHaveLength(0);
  }, 300_000);
});
