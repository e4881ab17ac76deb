import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

export interface OwnPackage {
  version: string;
  peerDependencies: Record<string, string>;
}

let cached: OwnPackage | undefined;

/** This package's own package.json (found from dist/cli/ when installed, sdk/src/cli/ in the repository). */
export function ownPackage(): OwnPackage {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as OwnPackage & { name?: string };
      if (pkg.name === "pulumi-liveengage") return (cached = pkg);
    }
    if (path.dirname(dir) === dir) throw new Error("pulumi-liveengage's package.json not found");
  }
}
