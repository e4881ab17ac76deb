#!/usr/bin/env node
// Installs this package into its own node_modules the way a user gets it: `npm pack`, then the
// tarball unpacked into node_modules/pulumi-liveengage (its dependencies resolve from the
// project's node_modules, as they would from a user's).
//
// Why: Pulumi serializes dynamic providers into state. A module under node_modules is captured
// as `require("pulumi-liveengage/dist/...")`; the same module reached through a relative path or
// a symlink is copied by value. The demo stack, the examples and the e2e tests must exercise
// what users run, so they import "pulumi-liveengage" from this packed copy.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const packDir = path.join(root, ".pulumi", "pack");
const target = path.join(root, "node_modules", "pulumi-liveengage");

fs.mkdirSync(packDir, { recursive: true });
const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", packDir], {
  cwd: root,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
const tarball = path.join(packDir, out.trim().split("\n").pop());
// Unpack beside the target, then swap it in with renames: a Pulumi run that is loading the
// package at this moment sees the old copy or the new one, never a half-deleted folder.
const staging = `${target}.new-${process.pid}`;
const retired = `${target}.old-${process.pid}`;
fs.rmSync(staging, { recursive: true, force: true });
fs.mkdirSync(staging, { recursive: true });
// npm tarballs hold everything under "package/".
execFileSync("tar", ["-xzf", tarball, "-C", staging, "--strip-components=1"]);
fs.rmSync(tarball);
if (fs.existsSync(target)) fs.renameSync(target, retired);
fs.renameSync(staging, target);
fs.rmSync(retired, { recursive: true, force: true });
console.log(`[link-self] installed the packed package into ${path.relative(root, target)}`);

// Programs under .pulumi/ (e2e tests, benchmarks) get a package scope of their own, as every user's
// program has. Without it the nearest package.json is this repository's, and Node resolves
// require("pulumi-liveengage/…") from inside it to the package itself (self-reference through its
// "exports" map: ./dist, not node_modules), so Pulumi would serialize providers by value.
fs.mkdirSync(path.join(root, ".pulumi"), { recursive: true });
fs.writeFileSync(
  path.join(root, ".pulumi", "package.json"),
  JSON.stringify(
    { name: "liveengage-local-programs", private: true, description: "package scope for programs under .pulumi/ (scripts/link-self.js)" },
    null,
    2,
  ) + "\n",
);
