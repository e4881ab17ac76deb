/**
 * `liveengage export`: read an account (reads only), plan the program, write the project.
 */
import { mkdirSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import type { LiveEngageClient } from "../client";
import { planExport, type ExportOptions, type ExportPlan } from "./plan";
import { renderProjectFiles, secretCommands, type ProjectOptions } from "./render";
import { readAccount, type Progress } from "./snapshot";

export { planExport, type ExportPlan, type ExportOptions } from "./plan";
export { readAccount, type AccountSnapshot } from "./snapshot";
export { renderProjectFiles, renderIndex, secretCommands } from "./render";

export interface ExportSummary {
  accountId: string;
  out: string;
  files: string[];
  counts: ExportPlan["counts"];
  drift: ExportPlan["drift"];
  secrets: ExportPlan["secrets"];
  /** `pulumi config set --secret …` lines to run in the project. */
  secretCommands: string[];
  configDefaults: ExportPlan["configDefaults"];
  notes: string[];
}

/** Reads the account and writes the project into `out` (which must be empty or absent). */
export async function exportAccount(
  le: LiveEngageClient,
  options: ExportOptions & { out: string; progress?: Progress } & Omit<ProjectOptions, "projectName"> & { projectName?: string },
): Promise<ExportSummary> {
  const out = path.resolve(options.out);
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new Error(`--out ${options.out} is not empty; export writes a new project, choose an empty or new folder`);
  }
  const progress = options.progress ?? (() => undefined);
  const snapshot = await readAccount(le, progress, options.bots ? (b) => options.bots!.includes(b.id) : undefined);
  progress("planning the program");
  const plan = await planExport(snapshot, options);
  const files = renderProjectFiles(plan, {
    projectName: options.projectName ?? projectNameFor(out),
    packageSpec: options.packageSpec,
    pulumiSpec: options.pulumiSpec,
    command: options.command,
  });
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(out, name), text);
  progress(`wrote ${Object.keys(files).length} files to ${out}`);
  return {
    accountId: plan.accountId,
    out,
    files: Object.keys(files),
    counts: plan.counts,
    drift: plan.drift,
    secrets: plan.secrets,
    secretCommands: secretCommands(plan),
    configDefaults: plan.configDefaults,
    notes: plan.notes,
  };
}

function projectNameFor(dir: string): string {
  return (
    path
      .basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "") || "liveengage-export"
  );
}
