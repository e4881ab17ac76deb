#!/usr/bin/env bash
# Typechecks every examples/<name>/ program against the packed package, as a user would compile it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -d node_modules/pulumi-liveengage ] || node scripts/link-self.js
count=0
for dir in examples/*/; do
  [ -f "$dir/tsconfig.json" ] || continue
  echo "typecheck $dir"
  npx tsc -p "$dir/tsconfig.json" --noEmit
  count=$((count + 1))
done
echo "typechecked $count example(s)"
