#!/usr/bin/env bash
# `npm run demo`          (scripts/demo.sh up):      deploy the demo stack and show its agents.
# `npm run demo:destroy`  (scripts/demo.sh destroy): delete what the demo deployed.
#
# The demo is the root Pulumi.yaml (program in demo/): a BotDeployment of 3 bot agents. When no
# LivePerson credentials are configured (no LP_USERNAME / LP_CLIENT_ID / LP_APP_KEY in the
# environment, no liveengage:username / clientId / appKey in the stack config), it runs against the
# local LiveEngage emulator, started here in the background with a data directory, because
# `pulumi refresh` and `pulumi destroy` do not run the program: the emulator must outlive it.
# A running one is reused. `npm run demo:stop` (scripts/demo-stop.sh) stops it.
#
# Environment overrides (the e2e test uses them to run an isolated copy):
#   LIVEENGAGE_DEMO_PORT     emulator port                  (default 4510)
#   LIVEENGAGE_DEMO_DATA     emulator data directory        (default .liveengage/data)
#   LIVEENGAGE_DEMO_RUN_DIR  where emulator.pid/.log live   (default .liveengage)
#   LIVEENGAGE_DEMO_STACK    Pulumi stack                   (default demo; only `demo` is selected)
#   LIVEENGAGE_DEMO_SKIP_SETUP=1  skip scripts/ensure-setup.sh (already built and linked)
#   LIVEENGAGE_DEMO_TLS=1    the emulator serves https (as LivePerson does) with a generated
#                            certificate, written to <run dir>/ca.pem and trusted through liveengage:caCert
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

action="${1:-up}"
case "$action" in up|destroy) ;; *) echo "usage: scripts/demo.sh [up|destroy]" >&2; exit 64 ;; esac

PORT="${LIVEENGAGE_DEMO_PORT:-4510}"
DATA="${LIVEENGAGE_DEMO_DATA:-.liveengage/data}"
RUN_DIR="${LIVEENGAGE_DEMO_RUN_DIR:-.liveengage}"
STACK="${LIVEENGAGE_DEMO_STACK:-demo}"
PIDFILE="$RUN_DIR/emulator.pid"
LOG="$RUN_DIR/emulator.log"
TLS="${LIVEENGAGE_DEMO_TLS:-}"
CA_FILE="$RUN_DIR/ca.pem"
if [ "$TLS" = 1 ]; then URL="https://127.0.0.1:$PORT"; else URL="http://127.0.0.1:$PORT"; fi
# The emulator's seed (docs/emulator.md, "What is seeded"): published local test credentials.
EMU_ACCOUNT=12345678
EMU_USER=admin
EMU_PASSWORD=admin-password

say() { printf '[demo] %s\n' "$*" >&2; }
die() { printf '[demo] %s\n' "$*" >&2; exit 1; }

if [ "${LIVEENGAGE_DEMO_SKIP_SETUP:-}" != 1 ]; then
  bash scripts/ensure-setup.sh
fi
# shellcheck source=scripts/pulumi-env.sh
source scripts/pulumi-env.sh
pl() { pulumi "$@" --non-interactive; }

# ---- the emulator --------------------------------------------------------------------------------

# Answers when an emulator serves $URL (its admin endpoint needs no credentials); over https it
# must present the certificate in $CA_FILE.
emulator_answers() {
  local ca=()
  [ "$TLS" = 1 ] && { [ -f "$CA_FILE" ] || return 1; ca=(env NODE_EXTRA_CA_CERTS="$CA_FILE"); }
  "${ca[@]}" node -e '
    fetch(process.argv[1], { signal: AbortSignal.timeout(2000) })
      .then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));
  ' "$URL/_emulator/state"
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

ensure_emulator() {
  local pid=""
  [ -f "$PIDFILE" ] && pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  if pid_alive "$pid" && emulator_answers; then
    say "reusing the emulator at $URL (pid $pid, data in $DATA)"
    return
  fi
  if emulator_answers; then
    say "an emulator not started by the demo answers at $URL; using it."
    say "  (if it keeps its state in memory, keep it running for refresh/destroy)"
    return
  fi
  rm -f "$PIDFILE"
  mkdir -p "$DATA" "$RUN_DIR"
  say "starting the LiveEngage emulator in the background: $URL, data in $DATA, log in $LOG"
  local tls_args=()
  [ "$TLS" = 1 ] && { rm -f "$CA_FILE"; tls_args=(--tls --ca-out "$CA_FILE"); }
  printf '\n--- %s: node dist/cli/main.js emulator --port %s --data-dir %s %s\n' "$(date -u +%FT%TZ)" "$PORT" "$DATA" "${tls_args[*]:-}" >> "$LOG"
  # Its own session (setsid): a Ctrl-C in this terminal must not stop it, the stack needs it later.
  local launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  nohup "${launcher[@]}" node dist/cli/main.js emulator --port "$PORT" --data-dir "$DATA" "${tls_args[@]}" \
    </dev/null >>"$LOG" 2>&1 &
  pid=$!
  echo "$pid" > "$PIDFILE"
  for _ in $(seq 1 150); do
    if emulator_answers; then
      # The data dir's lock holds the emulator's own pid (the same one unless a launcher forked).
      local owner
      owner="$(cat "$DATA/emulator.lock" 2>/dev/null || true)"
      [[ "$owner" =~ ^[0-9]+$ ]] && pid_alive "$owner" && echo "$owner" > "$PIDFILE"
      say "emulator ready (pid $(cat "$PIDFILE")); stop it with: npm run demo:stop"
      return
    fi
    if ! pid_alive "$pid"; then
      rm -f "$PIDFILE"
      tail -n 20 "$LOG" >&2 || true
      die "the emulator did not start (log above, in $LOG); is port $PORT taken?"
    fi
    sleep 0.2
  done
  die "the emulator did not answer at $URL within 30 s (log: $LOG)"
}

# ---- the stack -----------------------------------------------------------------------------------

stack_exists() { pl stack ls --json 2>/dev/null | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    process.exit(JSON.parse(s || "[]").some((x) => x.name === process.argv[1] || x.name.endsWith("/" + process.argv[1])) ? 0 : 1);
  });' "$STACK"; }
cfg() { pl config get -s "$STACK" "$1" 2>/dev/null || true; }
is_loopback() { [[ "$1" =~ ^(https?://)?(127\.[0-9.]+|localhost|\[::1\])(:[0-9]+)?$ ]]; }

# Only the default stack becomes the selected one (so `scripts/pulumi preview` works by hand);
# an override (the e2e test) leaves the developer's selection alone.
select=""
[ -z "${LIVEENGAGE_DEMO_STACK:-}" ] && select=1
if stack_exists; then
  if [ -n "$select" ]; then pl stack select "$STACK" >/dev/null; fi
elif [ "$action" = destroy ]; then
  say "no stack '$STACK': nothing to destroy"
  exit 0
else
  if [ -n "$select" ]; then pl stack init "$STACK" >/dev/null; else pl stack init --no-select "$STACK" >/dev/null; fi
  say "created the stack '$STACK' (file backend in .pulumi/state)"
fi

csds="$(cfg liveengage:csdsDomain)"
stack_creds=""
for key in username clientId appKey; do [ -n "$(cfg "liveengage:$key")" ] && stack_creds=1; done
env_creds=""
[ -n "${LP_USERNAME:-}${LP_CLIENT_ID:-}${LP_APP_KEY:-}" ] && env_creds=1

if [ -n "$stack_creds" ] && ! is_loopback "$csds"; then
  mode="your account (stack config)"
elif [ -n "$env_creds" ]; then
  if is_loopback "$csds"; then
    die "LP_* credentials are set, but stack '$STACK' is set up for the local emulator ($csds).
  Deploy to your account from another stack:  LIVEENGAGE_DEMO_STACK=mine npm run demo
  (or empty this one first: npm run demo:destroy, then scripts/pulumi config rm liveengage:csdsDomain …)."
  fi
  mode="your account (LP_* environment)"
else
  mode="emulator"
fi

if [ "$mode" = emulator ]; then
  ensure_emulator
  if [ "$action" = up ]; then
    pl config set -s "$STACK" liveengage:accountId "$EMU_ACCOUNT" >/dev/null
    if [ "$TLS" = 1 ]; then
      pl config set -s "$STACK" liveengage:csdsDomain "$URL" >/dev/null
      pl config set -s "$STACK" liveengage:caCert "$(cd "$(dirname "$CA_FILE")" && pwd)/$(basename "$CA_FILE")" >/dev/null
    else
      pl config set -s "$STACK" liveengage:csdsDomain "127.0.0.1:$PORT" >/dev/null
      pl config rm -s "$STACK" liveengage:caCert >/dev/null 2>&1 || true
    fi
    pl config set -s "$STACK" liveengage:username "$EMU_USER" >/dev/null
    pl config set -s "$STACK" --secret liveengage:password "$EMU_PASSWORD" >/dev/null
  fi
  target="the local LiveEngage emulator ($URL)"
else
  target="$mode"
  if [ "$action" = up ]; then
    [ -n "$(cfg botId)" ] || die "deploying to your account: set the Conversation Builder bot to deploy first:
  scripts/pulumi config set -s $STACK botId <your bot id>"
    [ -n "$(cfg agentPassword)" ] || die "deploying to your account: set the bot agents' password first (a secret, ≥ 8 characters):
  scripts/pulumi config set -s $STACK --secret agentPassword <password>"
  fi
fi

if [ "$action" = destroy ]; then
  say "destroying stack '$STACK' on $target"
  pl destroy -s "$STACK" --yes
  say "done. The emulator keeps running: npm run demo:stop"
  exit 0
fi

say "deploying stack '$STACK' to $target"
pl up -s "$STACK" --yes

# ---- the outcome ---------------------------------------------------------------------------------

pl stack output -s "$STACK" --json agents | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const agents = JSON.parse(s || "[]");
    const rows = [["AGENT", "USER ID", "STATUS", "REASONS"], ...agents.map((a) =>
      [a.loginName, String(a.userId), a.status, (a.statusReasons || []).join("; ")])];
    const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    const line = (r) => "  " + r.map((c, i) => c.padEnd(w[i])).join("  ").trimEnd();
    const connected = agents.filter((a) => a.status === "Connected").length;
    console.log("\n" + process.argv[1]);
    console.log(rows.map(line).join("\n"));
    console.log(`\n${connected} of ${agents.length} agents Connected.`);
    process.exit(agents.length > 0 && connected === agents.length ? 0 : 2);
  });' "Bot deployed by stack '$STACK' to $target:" || {
  say "not every agent is Connected: see the README's Troubleshooting section (the REASONS column names the component)."
  exit 1
}
{
  printf '\nNext:\n'
  printf '  %-36s %s\n' "scripts/pulumi preview -s $STACK" "(also refresh, destroy, stack output; the emulator keeps running)"
  printf '  %-36s %s\n' "npm run demo:destroy" "delete the demo's resources"
  printf '  %-36s %s\n' "npm run demo:stop" "stop the background emulator"
} >&2
