/** sdk/src/client stays a plain HTTP library: no Pulumi, resources, components or emulator imports (P1). */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "../../../sdk/src/client");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const imports = (source: string): string[] => [...source.matchAll(/(?:from\s+|require\(|import\()\s*["']([^"']+)["']/g)].map((m) => m[1]!);

it("has source files to check", () => {
  expect(files(root).length).toBeGreaterThan(10);
});

it.each(files(root).map((f) => [f.slice(root.length + 1), f]))("%s imports only allowed modules", (_name, file) => {
  for (const spec of imports(readFileSync(file, "utf8"))) {
    expect(spec).not.toMatch(/^@pulumi\//);
    expect(spec).not.toMatch(/(^|\/)(resources|components|emulator)(\/|$)/);
    if (spec.startsWith(".")) continue;
    expect(["undici", "zod"].includes(spec) || spec.startsWith("node:")).toBe(true);
  }
});
