#!/usr/bin/env node
// Generates the README's flags reference (from FLAG_SPECS, sdk/src/resources/flags.ts) and its
// resource table (type tokens and replace fields, from the resource specs, sdk/src/resources/specs), so the README
// cannot drift from the code. test/unit/readme.test.ts fails when the README differs.
//
//   node scripts/gen-flags-table.js           print both generated blocks
//   node scripts/gen-flags-table.js --write   rewrite them in README.md (between the GENERATED markers)
//   node scripts/gen-flags-table.js --check   exit 1 when README.md differs
//
// Reads the build (dist/); run `npm run build` first. The render functions take the modules as
// arguments so the unit test can hand them the TypeScript sources.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const BLOCKS = ["flags", "resources"];
// `script` names the generator that owns the block (other generators reuse these helpers).
const begin = (name, script = "gen-flags-table.js") => `<!-- BEGIN GENERATED ${name}: node scripts/${script} --write -->`;
const end = (name) => `<!-- END GENERATED ${name} -->`;

const code = (v) => `\`${v}\``;
const cell = (text) => String(text).replace(/\|/g, "\\|");

function typeText(type) {
  switch (type.kind) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "integer":
      return type.unit === "milliseconds" ? `integer, ms, ≥ ${type.min}` : `integer, ≥ ${type.min}`;
    case "enum":
      return type.values.map((v) => code(`"${v}"`)).join(" or ");
    default:
      throw new Error(`unknown flag type ${JSON.stringify(type)}`);
  }
}

function defaultText(spec) {
  if (spec.default === null) return "—";
  return code(typeof spec.default === "string" ? `"${spec.default}"` : String(spec.default));
}

/**
 * @param flags       the flags module (FLAG_SPECS)
 * @param connector   the connectorFlags schema module (flagRefusal)
 * @param diff        the diff module (BOT_CONNECTOR_REPLACE_ON_CHANGE)
 */
function renderFlagsTable(flags, connector, diff) {
  const replaceOn = new Set(diff.BOT_CONNECTOR_REPLACE_ON_CHANGE);
  const rows = [
    "| Flag | Type | Default | Messaging | Chat | Secret | Set with | On change | What it does |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [key, spec] of Object.entries(flags.FLAG_SPECS)) {
    let setWith;
    let restart;
    if (spec.managed && spec.managed.by === "input") {
      setWith = `input ${code(spec.managed.input)}`;
      restart = replaceOn.has(spec.managed.input);
    } else if (spec.managed && spec.managed.by === "provider") {
      setWith = `provider, from ${spec.managed.from}`;
      // From an input ("the 'agent' input"): that input's rule; from the account: a new stack.
      const input = /'(\w+)' input/.exec(spec.managed.from);
      restart = input ? replaceOn.has(input[1]) : undefined;
    } else if (connector.flagRefusal(key) !== undefined) {
      setWith = "not supported (N for both types)";
      restart = undefined;
    } else {
      setWith = code(`flags.${key}`);
      restart = replaceOn.has("flags");
    }
    const onChange = restart === undefined ? "—" : restart ? "restart" : "in place";
    rows.push(
      `| ${[
        code(key),
        typeText(spec.type),
        defaultText(spec),
        spec.messaging ? "Y" : "N",
        spec.chat ? "Y" : "N",
        spec.secret ? "secret" : "",
        setWith,
        onChange,
        spec.description,
      ]
        .map(cell)
        .join(" | ")} |`,
    );
  }
  return rows.join("\n");
}

/** @param diff the diff module (DIFF_OPTIONS) */
function renderResourcesTable(diff) {
  const rows = ["| Resource | Type token | Changing these replaces it |", "|---|---|---|"];
  for (const [name, opts] of Object.entries(diff.DIFF_OPTIONS)) {
    const fields = opts.replaceOn.length ? opts.replaceOn.map(code).join(", ") : "nothing: every field is updated in place";
    const order = opts.deleteBeforeReplace ? " (the old one is deleted first)" : "";
    rows.push(`| ${code(name)} | ${code(`pulumi-nodejs:dynamic/liveengage:${name}`)} | ${cell(fields + order)} |`);
  }
  rows.push(
    `| ${code("BotDeployment")} (component) | ${code("liveengage:index:BotDeployment")} | ${cell("itself nothing: its children follow their own rows")} |`,
  );
  return rows.join("\n");
}

function renderBlocks(mods) {
  return {
    flags: renderFlagsTable(mods.flags, mods.connector, mods.diff),
    resources: renderResourcesTable(mods.diff),
  };
}

/** The text between a block's markers in `readme`, or undefined when the markers are missing. */
function extractBlock(readme, name, script) {
  const a = readme.indexOf(begin(name, script));
  const b = readme.indexOf(end(name));
  if (a < 0 || b < a) return undefined;
  return readme.slice(a + begin(name, script).length, b).trim();
}

function replaceBlock(readme, name, body, script) {
  const a = readme.indexOf(begin(name, script));
  const b = readme.indexOf(end(name));
  if (a < 0 || b < a) throw new Error(`README.md has no ${begin(name, script)} … ${end(name)} markers`);
  return `${readme.slice(0, a + begin(name, script).length)}\n${body}\n${readme.slice(b)}`;
}

function distModules(root) {
  const dist = path.join(root, "dist", "resources");
  return {
    flags: require(path.join(dist, "flags.js")),
    connector: require(path.join(dist, "schemas", "connectorFlags.js")),
    diff: require(path.join(dist, "specs", "index.js")),
  };
}

module.exports = { BLOCKS, begin, end, renderFlagsTable, renderResourcesTable, renderBlocks, extractBlock, replaceBlock };

if (require.main === module) {
  const root = path.resolve(__dirname, "..");
  const readmePath = path.join(root, "README.md");
  const blocks = renderBlocks(distModules(root));
  const mode = process.argv[2];
  if (mode === "--write") {
    let readme = fs.readFileSync(readmePath, "utf8");
    for (const name of BLOCKS) readme = replaceBlock(readme, name, blocks[name]);
    fs.writeFileSync(readmePath, readme);
    console.log(`[gen-flags-table] rewrote ${BLOCKS.join(", ")} in README.md`);
  } else if (mode === "--check") {
    const readme = fs.readFileSync(readmePath, "utf8");
    const stale = BLOCKS.filter((name) => extractBlock(readme, name) !== blocks[name]);
    if (stale.length) {
      console.error(`README.md is out of date (${stale.join(", ")}): run node scripts/gen-flags-table.js --write`);
      process.exit(1);
    }
    console.log("[gen-flags-table] README.md is up to date");
  } else {
    for (const name of BLOCKS) console.log(`${begin(name)}\n${blocks[name]}\n${end(name)}\n`);
  }
}
