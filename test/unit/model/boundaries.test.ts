/**
 * sdk/src/model is the leaf every layer derives its facts from: it imports nothing but itself, and
 * the emulator reaches into the rest of the package only through it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";

const src = join(__dirname, "../../../sdk/src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const imports = (source: string): string[] => [...source.matchAll(/(?:from\s+|require\(|import\()\s*["']([^"']+)["']/g)].map((m) => m[1]!);

const model = files(join(src, "model"));
// emulator/main.ts is the stand-alone binary's entry: it mounts the CLI command, it is not the emulator.
const emulator = files(join(src, "emulator")).filter((f) => relative(src, f) !== join("emulator", "main.ts"));

it("has model files to check", () => {
  expect(model.map((f) => relative(src, f)).sort()).toEqual(expect.arrayContaining(["model/flags.ts", "model/roles.ts", "model/conversationTypes.ts", "model/secretMask.ts"]));
});

it.each(model.map((f) => [relative(src, f), f]))("%s imports only the model", (_name, file) => {
  for (const spec of imports(readFileSync(file, "utf8"))) {
    expect(spec.startsWith("./")).toBe(true);
    expect(relative(join(src, "model"), resolve(dirname(file), spec)).startsWith("..")).toBe(false);
  }
});

it.each(emulator.map((f) => [relative(src, f), f]))("%s imports nothing of the package but the emulator and the model", (_name, file) => {
  for (const spec of imports(readFileSync(file, "utf8"))) {
    if (!spec.startsWith(".")) continue;
    const target = relative(src, resolve(dirname(file), spec));
    expect(target.startsWith("emulator") || target.startsWith("model")).toBe(true);
  }
});
