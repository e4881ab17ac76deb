#!/usr/bin/env bash
# Installs the npm packages of one folder (default: the repository root) exactly from its committed
# package-lock.json with `npm ci`, then proves the lock is in sync: a fresh resolution
# (`npm install --package-lock-only`) must leave it byte-for-byte unchanged.
#
# Why both: `npm ci` refuses a lock that misses entries package.json now implies, and the registry
# can change what it serves (it once lacked, then gained, the non-Linux @unrs/resolver-binding-*
# builds, which the lock records even though only Linux builds install here). Either way the fix is
# the same, and this script says it instead of failing with a bare diff.
#
# Usage: scripts/npm-install-locked.sh [folder]
set -euo pipefail
dir="${1:-.}"
cd "$dir"
how_to_fix() {
  cat >&2 <<MSG

[lock] $1
[lock] The committed $(pwd)/package-lock.json is out of sync with package.json or with what the
[lock] npm registry now serves. To fix it, on a fresh clone:
[lock]     (cd $(pwd) && rm -rf node_modules && npm install --no-audit --no-fund)
[lock]     git add package-lock.json && git commit -m "Refresh package-lock.json"
[lock] then check that 'npm ci' succeeds and leaves 'git status' clean.
MSG
  exit 1
}
if ! npm ci --no-audit --no-fund; then
  how_to_fix "npm ci refused the lock file (see the npm error above)."
fi
before="$(mktemp)"; trap 'rm -f "$before"' EXIT
cp package-lock.json "$before"
npm install --package-lock-only --no-audit --no-fund >/dev/null
if ! cmp -s package-lock.json "$before"; then
  diff -u "$before" package-lock.json | head -40 >&2 || true
  cp "$before" package-lock.json
  how_to_fix "a fresh resolution changes package-lock.json (first lines of the difference above)."
fi
echo "[lock] $(pwd)/package-lock.json: installed with npm ci, in sync with the registry" >&2
