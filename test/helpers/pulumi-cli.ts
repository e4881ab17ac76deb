/**
 * Drives the real Pulumi CLI (built by scripts/install-pulumi.sh) through scripts/pulumi, which
 * sets the offline environment: file backend and PULUMI_HOME inside the project, no update
 * check, no plugin download.
 *
 * Programs live under .pulumi/e2e/<name>/ inside the repository so that `require` from the
 * program, and from the dynamic provider process (whose cwd is the program folder), resolves
 * `pulumi-liveengage` to the packed copy in the project's node_modules: the layout users get.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { describeRequiring } from "./requires";

export const ROOT = path.resolve(__dirname, "..", "..");
const PULUMI = path.join(ROOT, "scripts", "pulumi");
const CLI_BIN = path.join(ROOT, ".pulumi", "bin", "pulumi");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** e2e tests need the CLI (skipped locally with a reason when it is missing, failing under CI=true). */
export function describeWithCli(name: string, body: () => void): void {
  const missing = existsSync(CLI_BIN)
    ? undefined
    : `the Pulumi CLI is missing at ${path.relative(ROOT, CLI_BIN)}; run scripts/install-pulumi.sh`;
  describeRequiring({ missing }, name, body);
}

export function runPulumi(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      PULUMI,
      [...args, "--non-interactive"],
      { cwd: opts.cwd, env: { ...process.env, ...opts.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        const result = { code, stdout, stderr };
        if (code !== 0 && !opts.allowFailure) {
          reject(new Error(`pulumi ${args.join(" ")} exited ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
        } else {
          resolve(result);
        }
      },
    );
  });
}

/** One step of `pulumi preview --json`. */
export interface PreviewStep {
  op: string;
  urn: string;
  diffReasons?: string[];
  replaceReasons?: string[];
}

export interface PreviewJson {
  steps: PreviewStep[];
  changeSummary: Record<string, number>;
  diagnostics?: { message: string; severity: string; urn?: string }[];
}

/** A throw-away program folder with its own stack on the project's file backend. */
export class TestProgram {
  readonly dir: string;
  readonly stack: string;

  private constructor(
    dir: string,
    stack: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.dir = dir;
    this.stack = stack;
  }

  static async create(name: string, files: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<TestProgram> {
    const id = `${name}-${randomBytes(4).toString("hex")}`;
    const dir = path.join(ROOT, ".pulumi", "e2e", id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\ndescription: e2e program ${id}\nmain: index.js\n`);
    for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
    const program = new TestProgram(dir, id, env);
    await program.pulumi(["stack", "init", id]);
    return program;
  }

  /** A stack for a program folder that already exists (e.g. one `liveengage export` wrote). */
  static async inDir(dir: string, stack: string, env: NodeJS.ProcessEnv = {}): Promise<TestProgram> {
    const program = new TestProgram(dir, stack, env);
    await program.pulumi(["stack", "init", stack]);
    return program;
  }

  pulumi(args: string[], opts: { allowFailure?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
    return runPulumi(args, { cwd: this.dir, env: { ...this.env, ...opts.env }, allowFailure: opts.allowFailure });
  }

  setConfig(key: string, value: string, secret = false): Promise<RunResult> {
    return this.pulumi(["config", "set", key, value, ...(secret ? ["--secret"] : ["--plaintext"])]);
  }

  async preview(): Promise<PreviewJson> {
    const r = await this.pulumi(["preview", "--json"]);
    return JSON.parse(r.stdout) as PreviewJson;
  }

  up(): Promise<RunResult> {
    return this.pulumi(["up", "--yes", "--skip-preview"]);
  }

  /** Fails (rejects) when the preview shows any change. */
  previewNoChanges(): Promise<RunResult> {
    return this.pulumi(["preview", "--expect-no-changes"]);
  }

  refreshNoChanges(): Promise<RunResult> {
    return this.pulumi(["refresh", "--yes", "--expect-no-changes"]);
  }

  refresh(): Promise<RunResult> {
    return this.pulumi(["refresh", "--yes", "--skip-preview"]);
  }

  destroy(): Promise<RunResult> {
    return this.pulumi(["destroy", "--yes", "--skip-preview"]);
  }

  async outputs(): Promise<Record<string, unknown>> {
    const r = await this.pulumi(["stack", "output", "--json", "--show-secrets"]);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  /** The stack's state file as text (the file backend stores it as JSON). */
  async exportState(): Promise<{ text: string; resources: { type: string; urn: string; outputs?: Record<string, unknown> }[] }> {
    const r = await this.pulumi(["stack", "export"]);
    const parsed = JSON.parse(r.stdout) as {
      deployment: { resources?: { type: string; urn: string; outputs?: Record<string, unknown> }[] };
    };
    return { text: r.stdout, resources: parsed.deployment.resources ?? [] };
  }

  /** Removes the stack (and whatever it still holds in state) and the folder. */
  async dispose(): Promise<void> {
    // A killed run leaves the stack locked; `stack rm` refuses a locked stack.
    await this.pulumi(["cancel", "--yes"], { allowFailure: true });
    await this.pulumi(["stack", "rm", "--yes", "--force", this.stack], { allowFailure: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
