# Sourced by every project command that runs Pulumi: a self-contained, fully offline setup.
#   - the CLI built by scripts/install-pulumi.sh, first on PATH (plugins are found next to it);
#   - a file:// backend and PULUMI_HOME inside the project (both ignored by git);
#   - no update check, no plugin download, no registry lookups;
#   - a passphrase for the LOCAL demo/test stacks only (a real stack sets its own).
_le_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
export PATH="$_le_root/.pulumi/bin:$PATH"
export PULUMI_HOME="${PULUMI_HOME_OVERRIDE:-$_le_root/.pulumi/home}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL_OVERRIDE:-file://$_le_root/.pulumi/state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-liveengage-local-demo}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_DISABLE_REGISTRY_RESOLVE=true
# A caller may set it empty: `pulumi refresh --preview-only` (the drift gate) refuses it.
export PULUMI_SKIP_CONFIRMATIONS="${PULUMI_SKIP_CONFIRMATIONS-true}"
export PULUMI_NODEJS_TRANSPILE_ONLY=true
mkdir -p "$_le_root/.pulumi/state" "$PULUMI_HOME"
unset _le_root
