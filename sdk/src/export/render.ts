/**
 * The exported project's files: index.ts from the plan, and what makes it a project (Pulumi.yaml,
 * package.json, tsconfig.json, README.md with the next steps).
 */
import type { ExportPlan } from "./plan";
import { render } from "./code";

export interface ProjectOptions {
  /** Pulumi project name. */
  projectName: string;
  /** What package.json depends on for pulumi-liveengage (a version range, or `file:` a packed tarball). */
  packageSpec: string;
  /** The @pulumi/pulumi range. */
  pulumiSpec: string;
  /** The command line that made the export, for the header. */
  command: string;
}

const IMPORT_ORDER = ["BotAgent", "BotConnector", "BotDeployment", "Campaign", "Engagement", "Skill"] as const;

const SECTIONS: { kinds: string[]; title: string }[] = [
  { kinds: ["Skill"], title: "Skills" },
  { kinds: ["Campaign", "Engagement"], title: "Campaigns and their engagements" },
  { kinds: ["BotDeployment"], title: "Bots whose agents form a failover set: one BotDeployment each" },
  { kinds: ["BotAgent", "BotConnector"], title: "Bot agents and connectors declared one by one" },
];

export function renderIndex(plan: ExportPlan, opts: ProjectOptions): string {
  const used = new Set(plan.declarations.map((d) => d.kind));
  const imports = IMPORT_ORDER.filter((k) => used.has(k));
  const lines: string[] = [
    `// Exported from LiveEngage account ${plan.accountId} by \`${opts.command}\`.`,
    "// Every object below exists in that account: `adopt: true` takes it over as it is on the first",
    "// `pulumi up` (nothing is created or deleted there). On an empty account the same program creates",
    "// everything. Secrets cannot be read back from LiveEngage: set them first (README.md).",
    'import * as pulumi from "@pulumi/pulumi";',
  ];
  if (imports.length) lines.push(`import { ${imports.join(", ")} } from "pulumi-liveengage";`);
  lines.push("", "const config = new pulumi.Config();");
  if (plan.botIdConfigs.length) {
    lines.push("", "// Conversation Builder bots are not managed here: their ids are config, defaulting to this account's.");
    for (const b of plan.botIdConfigs)
      lines.push(`const ${b.variable} = config.get(${JSON.stringify(b.key)}) ?? ${JSON.stringify(b.botId)};`);
  }
  for (const section of SECTIONS) {
    const decls = plan.declarations.filter((d) => section.kinds.includes(d.kind));
    if (!decls.length) continue;
    lines.push("", `// ${section.title}`);
    for (const d of decls) {
      if (d.comment?.length || d.before?.length) lines.push("");
      for (const c of d.comment ?? []) lines.push(`// ${c}`.trimEnd());
      for (const b of d.before ?? []) lines.push(b);
      lines.push(`const ${d.variable} = new ${d.kind}(${JSON.stringify(d.resourceName)}, ${render(d.args)});`);
    }
  }
  const deployments = plan.declarations.filter((d) => d.kind === "BotDeployment");
  if (deployments.length) {
    lines.push("", "// Each bot's agents with their status, and any drift between them.");
    lines.push(
      `export const bots = {\n${deployments.map((d) => `  ${JSON.stringify(d.resourceName)}: { agents: ${d.variable}.agents, drift: ${d.variable}.drift },`).join("\n")}\n};`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function renderProjectFiles(plan: ExportPlan, opts: ProjectOptions): Record<string, string> {
  return {
    "Pulumi.yaml": [
      `name: ${opts.projectName}`,
      `description: "LiveEngage account ${plan.accountId}, exported by liveengage export"`,
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    typescript: true",
      "main: index.ts",
      "",
    ].join("\n"),
    "package.json": `${JSON.stringify(
      {
        name: opts.projectName,
        private: true,
        main: "index.ts",
        dependencies: { "@pulumi/pulumi": opts.pulumiSpec, "pulumi-liveengage": opts.packageSpec },
        devDependencies: { "@types/node": "^20.11.0", typescript: "^5.9.3" },
      },
      null,
      2,
    )}\n`,
    "tsconfig.json": `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: "ES2020",
          module: "commonjs",
          moduleResolution: "node",
          esModuleInterop: true,
          skipLibCheck: true,
          noEmit: true,
          types: ["node"],
        },
        files: ["index.ts"],
      },
      null,
      2,
    )}\n`,
    ".gitignore": "node_modules/\n",
    "index.ts": renderIndex(plan, opts),
    "README.md": renderReadme(plan, opts),
  };
}

/** The exact commands to run for the secrets. */
export function secretCommands(plan: ExportPlan): string[] {
  return plan.secrets.map((s) => `pulumi config set --secret ${s.key} '<${s.what}>'`);
}

function renderReadme(plan: ExportPlan, opts: ProjectOptions): string {
  const c = plan.counts;
  const out: string[] = [
    `# ${opts.projectName}`,
    "",
    `Exported from LiveEngage account ${plan.accountId} by \`${opts.command}\`: ${c.Skill} skill(s), ${c.Campaign} campaign(s),`,
    `${c.Engagement} engagement(s), ${c.BotDeployment} bot deployment(s), ${c.BotAgent} bot agent(s) and ${c.BotConnector} connector(s) declared one by one.`,
    "Every object is declared with `adopt: true`: the first `pulumi up` takes it over as it is, creating and",
    "deleting nothing; fields the resources do not model are kept as they are in LiveEngage.",
    "",
    "## Next steps",
    "",
    "```sh",
    "npm install",
    "pulumi stack init <stack>",
    `pulumi config set liveengage:accountId ${plan.accountId}`,
    '# and the credentials, as for any program of pulumi-liveengage (README of the package, "Configuration")',
    ...secretCommands(plan),
    "pulumi preview   # adopts everything; only drifted agents show a change",
    "pulumi up",
    "```",
    "",
  ];
  if (plan.secrets.length) {
    out.push(
      "## Secrets",
      "",
      "LiveEngage never returns passwords, app secrets or secret flags, so this program reads them from",
      "config. Set each one before the first `pulumi up` (the commands above); a connector logs in with its agent's",
      "password, so use the agents' current passwords.",
      "",
    );
  }
  if (plan.drift.length) {
    out.push(
      "## Drift found at export",
      "",
      "Duplicate agents disagreed; the program declares the value most agents have, and the first",
      "`pulumi up` restarts only these agents, one at a time:",
      "",
      "| Bot | Setting | Declared | Agents that differ |",
      "|---|---|---|---|",
    );
    for (const d of plan.drift)
      out.push(`| ${d.bot} | ${d.key} | ${d.declared} | ${d.divergent.map((x) => `${x.agent}: ${x.value}`).join(", ")} |`);
    out.push("");
  }
  if (plan.configDefaults.length) {
    out.push(
      "## Ids of things this program does not manage",
      "",
      "They are config, defaulting to this account's values; set them when applying the program to another account:",
      "",
    );
    for (const d of plan.configDefaults) out.push(`- \`${d.key}\` (default \`${d.value}\`): ${d.what}`);
    out.push("");
  }
  if (plan.notes.length) {
    out.push("## Notes", "");
    for (const n of plan.notes) out.push(`- ${n}`);
    out.push("");
  }
  return out.join("\n");
}
