#!/usr/bin/env node
// Generates the README's troubleshooting table from TROUBLESHOOTING (sdk/src/model/troubleshooting.ts),
// the same entries `liveengage dashboard` shows next to a failing component, so the two cannot drift.
// test/unit/troubleshooting.test.ts fails when the README differs.
//
//   node scripts/gen-troubleshooting-table.js           print the generated block
//   node scripts/gen-troubleshooting-table.js --write   rewrite it in README.md (between the GENERATED markers)
//   node scripts/gen-troubleshooting-table.js --check   exit 1 when README.md differs
//
// Reads the build (dist/); run `npm run build` first. The render function takes the module as an
// argument so the unit test can hand it the TypeScript source.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
// One implementation of the GENERATED markers, shared with the flags tables.
const { extractBlock, replaceBlock } = require("./gen-flags-table.js");

const BLOCK = "troubleshooting";
const SCRIPT = path.basename(__filename);
const cell = (text) => String(text).replace(/\|/g, "\\|");

/** @param model the troubleshooting module (TROUBLESHOOTING) */
function renderTroubleshootingTable(model) {
  return [
    "| Failing component | Why | Fix |",
    "|---|---|---|",
    ...model.TROUBLESHOOTING.map((t) => `| \`${t.component}\` | ${cell(t.why)} | ${cell(t.fix)} |`),
  ].join("\n");
}

module.exports = { BLOCK, SCRIPT, renderTroubleshootingTable };

if (require.main === module) {
  const root = path.resolve(__dirname, "..");
  const readmePath = path.join(root, "README.md");
  const table = renderTroubleshootingTable(require(path.join(root, "dist", "model", "troubleshooting.js")));
  const mode = process.argv[2];
  if (mode === "--write") {
    fs.writeFileSync(readmePath, replaceBlock(fs.readFileSync(readmePath, "utf8"), BLOCK, table, SCRIPT));
    console.log(`[gen-troubleshooting-table] rewrote ${BLOCK} in README.md`);
  } else if (mode === "--check") {
    if (extractBlock(fs.readFileSync(readmePath, "utf8"), BLOCK, SCRIPT) !== table) {
      console.error("README.md's troubleshooting table is out of date: run node scripts/gen-troubleshooting-table.js --write");
      process.exit(1);
    }
    console.log("[gen-troubleshooting-table] README.md is up to date");
  } else {
    console.log(table);
  }
}
