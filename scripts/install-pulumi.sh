#!/usr/bin/env bash
# Installs the Pulumi CLI this project is pinned to into .pulumi/bin (ignored by git).
#
# Order of preference:
#   1. a `pulumi` of the pinned version already on PATH (plus the language host next to it);
#   2. the cached build in .pulumi/bin from an earlier run (idempotent: seconds);
#   3. a build from source through the Go module proxy: tiny wrapper modules that `go get`
#      github.com/pulumi/pulumi/pkg/v3 at the pinned tag (the CLI) and the nodejs language host
#      (see LANGUAGE_HOST_SDK_VERSION below for why it comes from an older sdk/v3).
# Without Go, it says how to install the CLI the usual way and exits 1.
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-v3.248.0}"
# The nodejs language host (needed for `pulumi up` of a program folder) is, since v3.69.0, its own
# Go module, github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3. That module has no
# tags, and this machine's Go module proxy answers 403 for it at every version, tag and commit
# (tried: the v3.248.0 release commit dc7edd58, master, latest). The last release that shipped the
# host *inside* sdk/v3 is v3.68.0, a tagged module the proxy serves; the language-host protocol is
# backward compatible, and test/e2e proves this pairing end to end with the v3.248.0 engine.
LANGUAGE_HOST_SDK_VERSION="${LANGUAGE_HOST_SDK_VERSION:-v3.68.0}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.pulumi/bin"
build="$root/.pulumi/build"
stamp="$bin/.version"
mkdir -p "$bin"

log() { printf '[install-pulumi] %s\n' "$*" >&2; }

version_of() { "$1" version 2>/dev/null | tr -d '[:space:]'; }

# The dynamic provider plugin is a 4-line sh script shipped inside @pulumi/pulumi; the engine
# finds it next to the `pulumi` binary, so it must sit in the same folder.
install_dynamic_provider_script() {
  local src="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ ! -f "$src" ]; then
    log "node_modules/@pulumi/pulumi is missing: run 'npm ci' first"
    exit 1
  fi
  cp "$src" "$bin/pulumi-resource-pulumi-nodejs"
  chmod +x "$bin/pulumi-resource-pulumi-nodejs"
}

# 1. A pinned pulumi on PATH (outside our own bin folder): link it in.
if ambient="$(PATH="$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$bin" | paste -sd: -)" command -v pulumi 2>/dev/null)" \
   && [ "$(version_of "$ambient")" = "$PULUMI_VERSION" ] \
   && [ -x "$(dirname "$ambient")/pulumi-language-nodejs" ]; then
  ln -sf "$ambient" "$bin/pulumi"
  ln -sf "$(dirname "$ambient")/pulumi-language-nodejs" "$bin/pulumi-language-nodejs"
  install_dynamic_provider_script
  log "using $ambient ($PULUMI_VERSION)"
  exit 0
fi

# 2. Cached build.
if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$PULUMI_VERSION" ] \
   && [ "$(version_of "$bin/pulumi")" = "$PULUMI_VERSION" ]; then
  install_dynamic_provider_script
  log "cached: $bin/pulumi $PULUMI_VERSION"
  exit 0
fi

# 3. Build from source.
if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
[install-pulumi] Go is not installed, so the Pulumi CLI cannot be built here.
Install the Pulumi CLI $PULUMI_VERSION the usual way and re-run this script:
    curl -fsSL https://get.pulumi.com | sh -s -- --version ${PULUMI_VERSION#v}
    export PATH="\$HOME/.pulumi/bin:\$PATH"
(or install Go >= 1.25 from https://go.dev/dl/ and re-run).
MSG
  exit 1
fi

export GOTOOLCHAIN=local          # never download a toolchain
export GOFLAGS=-mod=mod
# sum.golang.org has no record of some pulumi module versions the proxy serves (pkg/v3 v3.248.0
# answers 404 there); their hashes are still pinned in each wrapper's go.sum once resolved.
export GONOSUMDB="github.com/pulumi/pulumi/*"
export CGO_ENABLED=0

# go_build <wrapper dir> <sdk version for the stamp> <package> <output> <go get args...>
# A wrapper module per binary: the CLI and the old language host need different sdk/v3 versions.
go_build() {
  local dir="$1" stamp_version="$2" pkg="$3" out="$4"
  shift 4
  mkdir -p "$dir"
  (
    cd "$dir"
    if [ ! -f go.mod ]; then
      printf 'module local/pulumibuild\n\ngo 1.25.11\n\n%s\n' \
        "// Copied from pulumi/pkg's go.mod: replaces of dependencies are ignored, so the wrapper repeats it.
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e" > go.mod
      printf '//go:build tools\n\n// Package pulumibuild pins one Pulumi binary so go build can name it.\npackage pulumibuild\n\nimport _ "%s"\n' "$pkg" > tools.go
    fi
    log "resolving $pkg"
    go get "$@"
    log "building $(basename "$out") (a cold build takes a few minutes)"
    go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$stamp_version" \
      -o "$out" "$pkg"
  )
}

go_build "$build/cli" "$PULUMI_VERSION" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$bin/pulumi" \
  "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
go_build "$build/language-host" "$LANGUAGE_HOST_SDK_VERSION" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs \
  "$bin/pulumi-language-nodejs" "github.com/pulumi/pulumi/sdk/v3@$LANGUAGE_HOST_SDK_VERSION"
install_dynamic_provider_script
echo "$PULUMI_VERSION" > "$stamp"
log "built $("$bin/pulumi" version) into $bin"
