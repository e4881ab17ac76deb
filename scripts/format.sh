#!/usr/bin/env bash
# `npm run format`: formats every file prettier covers (.prettierrc.json, .prettierignore).
# The first run also deletes the ".prettierignore" section of files awaiting the one-time reformat,
# so from then on `npm run format:check` (in .ci/run) covers the whole code base.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sed -i '/^# >>> awaiting the one-time reformat/,$d' .prettierignore
npx prettier --write --log-level warn .
