/**
 * Credentials for the operations commands, resolved exactly as the provider resolves them
 * (resolveCredentials): stack config `liveengage:*` first, then the LP_* environment variables.
 * Stack config is read with `pulumi config --json --show-secrets` when --stack is given.
 */
import { execFileSync } from "node:child_process";
import { createLiveEngageClient, resolveCredentials, type ClientOptions, type LiveEngageClient, type ResolvedCredentials } from "../client";
import type { OptionSpec } from "./command";

export interface CredentialOptions {
  /** Read `liveengage:*` from this Pulumi stack of the project in the current directory. */
  stack?: string | boolean;
}

/** The `--stack [name]` option every account-reading command shares. */
export const STACK_OPTION: OptionSpec = {
  name: "stack",
  arg: "[name]",
  description: "read liveengage:* credentials from this Pulumi stack (default: LP_* environment variables)",
};
/** The `--json` option: machine-readable output on stdout. */
export const JSON_OPTION: OptionSpec = { name: "json", description: "machine-readable output (JSON on stdout)" };

/**
 * An operator at a terminal or a pipeline gate wants an answer in seconds: one quick retry of a
 * failed connection instead of the provider's 5/10/15 s backoff, and a 10 s answer timeout.
 */
export const CLI_CLIENT_OPTIONS: ClientOptions = Object.freeze({
  retry: { backoffMs: [500] },
  timeouts: { headersMs: 10_000, bodyMs: 10_000 },
});

export function cliClient(opts: CredentialOptions, options: ClientOptions = {}): LiveEngageClient {
  return createLiveEngageClient(cliCredentials(opts), { ...CLI_CLIENT_OPTIONS, ...options });
}

export function cliCredentials(opts: CredentialOptions, env: NodeJS.ProcessEnv = process.env): ResolvedCredentials {
  const config = opts.stack ? readStackConfig(typeof opts.stack === "string" ? opts.stack : undefined) : {};
  return resolveCredentials((key) => config[key], env);
}

/** Pulumi stack config as plain values (secrets decrypted). */
export function readStackConfig(stack: string | undefined): Record<string, string> {
  const parsed = JSON.parse(pulumiJson(["config", "--json", "--show-secrets", ...(stack ? ["--stack", stack] : [])])) as Record<
    string,
    { value?: unknown }
  >;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (v.value !== undefined) out[k] = String(v.value);
  return out;
}

/** Runs `pulumi <args>` in the current directory; its stdout, or an error naming the command. */
export function pulumiJson(args: string[]): string {
  try {
    return execFileSync("pulumi", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? "";
    throw new Error(
      `could not run \`pulumi ${args.slice(0, 2).join(" ")}\`: ${stderr.split("\n").find((l) => l.trim()) || (e as Error).message}`,
    );
  }
}
