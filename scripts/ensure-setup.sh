#!/usr/bin/env bash
# Brings a checkout to a runnable state, doing only what is missing or stale:
# npm packages (one workspace lock: the component package at the root, packages/emulator), the
# pinned Pulumi CLI (scripts/install-pulumi.sh, cached), the build of sdk/ and of the emulator package,
# and the packed copy of the package in node_modules (scripts/link-self.js).
# `npm run demo` and `npm test` both start with it, so each works on a fresh clone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -d node_modules/@pulumi/pulumi ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] npm ci" >&2
  bash scripts/npm-install-locked.sh "$root"
fi
bash scripts/install-pulumi.sh
echo "[setup] building sdk/ into dist/ and the emulator package into packages/emulator/dist/" >&2
npx tsc -p tsconfig.json
npx tsc -p packages/emulator/tsconfig.json
node scripts/link-self.js
