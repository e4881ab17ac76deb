/**
 * Credentials for the operations commands, resolved exactly as the provider resolves them
 * (resolveCredentials): stack config `liveengage:*` first, then the LP_* environment variables.
 * Stack config is read with `pulumi config --json --show-secrets` when --stack is given.
 */
import { execFileSync } from "node:child_process";
import { resolveCredentials, type ResolvedCredentials } from "../client";

export interface CredentialOptions {
  /** Read `liveengage:*` from this Pulumi stack of the project in the current directory. */
  stack?: string | boolean;
}

export function cliCredentials(opts: CredentialOptions, env: NodeJS.ProcessEnv = process.env): ResolvedCredentials {
  const config = opts.stack ? readStackConfig(typeof opts.stack === "string" ? opts.stack : undefined) : {};
  return resolveCredentials((key) => config[key], env);
}

function readStackConfig(stack: string | undefined): Record<string, string> {
  const args = ["config", "--json", "--show-secrets", ...(stack ? ["--stack", stack] : [])];
  let text: string;
  try {
    text = execFileSync("pulumi", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? "";
    throw new Error(`could not read the stack's config with \`pulumi ${args.slice(0, 2).join(" ")}\`: ${stderr.split("\n")[0] || (e as Error).message}`);
  }
  const parsed = JSON.parse(text) as Record<string, { value?: unknown }>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (v.value !== undefined) out[k] = String(v.value);
  return out;
}
