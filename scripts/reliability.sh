#!/usr/bin/env bash
# Issue #8: the long reliability tests (faults, crashes, concurrency, the bad-input table through the
# real CLI, the emulator killed mid-run). Not part of `npm test` (their fast siblings are:
# test/integration/resources/bad-inputs.test.ts and test/e2e/secrets.test.ts). Needs the Pulumi CLI (scripts/install-pulumi.sh).
#   scripts/reliability.sh                 # everything (~10 min on 2 cores)
#   scripts/reliability.sh crash           # one file (a jest path pattern)
#   CRASH_SEEDS=7 scripts/reliability.sh crash   # replay one crash seed
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# npm packages, the Pulumi CLI, the build, and the packed copy the test programs require().
bash scripts/ensure-setup.sh
exec npx jest --config test/reliability/jest.config.js --runInBand "$@"
