/**
 * `liveengage export`: turns an existing account into a Pulumi program that adopts it. Reads only;
 * progress on stderr; the summary on stdout (a table, or JSON with --json).
 */
import { shutdownLiveEngageClients } from "../client";
import { exportAccount, type ExportSummary } from "../export";
import type { CommandSpec } from "./command";
import { cliClient, JSON_OPTION, STACK_OPTION } from "./credentials";
import { ownPackage } from "./own-package";

function regex(flag: string) {
  return (value: string): RegExp => {
    try {
      return new RegExp(value);
    } catch (e) {
      throw new Error(`${flag} must be a regular expression: ${(e as Error).message}`);
    }
  };
}

interface ExportOptions {
  out: string;
  stack?: string | boolean;
  bot?: string[];
  include?: RegExp;
  exclude?: RegExp;
  package?: string;
  json?: boolean;
}

export const exportCommand: CommandSpec = {
  name: "export",
  description:
    "write a Pulumi TypeScript program that adopts the account's skills, bot agents, campaigns, engagements, bots and connectors",
  options: [
    { name: "out", arg: "<dir>", required: true, description: "folder for the new project (created; must be empty)" },
    STACK_OPTION,
    { name: "bot", arg: "<id...>", description: "only these Conversation Builder bots, and what they need" },
    { name: "include", arg: "<regex>", description: "only objects whose name matches", parse: regex("--include") },
    {
      name: "exclude",
      arg: "<regex>",
      description: "leave out objects whose name matches (unless an exported object needs them)",
      parse: regex("--exclude"),
    },
    {
      name: "package",
      arg: "<spec>",
      description: "what the project's package.json depends on for pulumi-liveengage (default: ^<this version>)",
    },
    JSON_OPTION,
  ],
  async run(opts: ExportOptions) {
    const own = ownPackage();
    const le = cliClient(opts);
    try {
      const summary = await exportAccount(le, {
        out: opts.out,
        bots: opts.bot,
        include: opts.include,
        exclude: opts.exclude,
        packageSpec: opts.package ?? `^${own.version}`,
        pulumiSpec: own.peerDependencies["@pulumi/pulumi"],
        command: describeSelection(opts),
        progress: (line) => process.stderr.write(`export: ${line}\n`),
      });
      process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : humanSummary(summary));
    } finally {
      await shutdownLiveEngageClients();
    }
  },
};

/** The command as the program's header names it: what was selected, nothing local (paths, stacks). */
function describeSelection(opts: { bot?: string[]; include?: RegExp; exclude?: RegExp }): string {
  const parts = ["liveengage export"];
  if (opts.bot?.length) parts.push(`--bot ${opts.bot.join(" ")}`);
  if (opts.include) parts.push(`--include '${opts.include.source}'`);
  if (opts.exclude) parts.push(`--exclude '${opts.exclude.source}'`);
  return parts.join(" ");
}

function humanSummary(s: ExportSummary): string {
  const c = s.counts;
  const lines = [
    `exported account ${s.accountId} to ${s.out}:`,
    `  ${c.Skill} skill(s), ${c.Campaign} campaign(s), ${c.Engagement} engagement(s), ${c.BotDeployment} bot deployment(s),`,
    `  ${c.BotAgent} bot agent(s) and ${c.BotConnector} connector(s) declared one by one`,
  ];
  if (s.drift.length) {
    lines.push("", "drift among duplicate agents (the majority value is declared; `pulumi up` restarts the others):");
    for (const d of s.drift)
      lines.push(`  ${d.bot}: ${d.key} = ${d.declared}; ${d.divergent.map((x) => `${x.agent} has ${x.value}`).join(", ")}`);
  }
  if (s.secretCommands.length) {
    lines.push("", "secrets cannot be read back; in the project, run:");
    for (const cmd of s.secretCommands) lines.push(`  ${cmd}`);
  }
  for (const n of s.notes) lines.push(`note: ${n}`);
  lines.push("", `next: cd ${s.out} && npm install, then see README.md`);
  return `${lines.join("\n")}\n`;
}
