#!/usr/bin/env bash
# `npm run demo:stop`: stops the background LiveEngage emulator that `npm run demo` started (the pid
# in .liveengage/emulator.pid). Its state stays in the data directory (.liveengage/data), so the
# next `npm run demo` picks it up again. Same overrides as scripts/demo.sh:
#   LIVEENGAGE_DEMO_PORT, LIVEENGAGE_DEMO_RUN_DIR.
# Without npm: kill "$(cat .liveengage/emulator.pid)".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PORT="${LIVEENGAGE_DEMO_PORT:-4510}"
RUN_DIR="${LIVEENGAGE_DEMO_RUN_DIR:-.liveengage}"
PIDFILE="$RUN_DIR/emulator.pid"
say() { printf '[demo] %s\n' "$*" >&2; }

pid="$(cat "$PIDFILE" 2>/dev/null || true)"
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
  rm -f "$PIDFILE"
  say "no emulator started by the demo is running (no live pid in $PIDFILE)"
  if node -e 'Promise.any(process.argv.slice(1).map((u) => fetch(u, { signal: AbortSignal.timeout(2000) }).then((r) => { if (!r.ok) throw r; })))
        .then(() => process.exit(0), () => process.exit(1))' "http://127.0.0.1:$PORT/_emulator/state" "https://127.0.0.1:$PORT/_emulator/state"; then
    say "an emulator the demo did not start answers on port $PORT: stop it where it runs (Ctrl-C)"
  fi
  exit 0
fi
# Never signal a process that merely reused the pid.
if ! ps -p "$pid" -o args= 2>/dev/null | grep -q "emulator"; then
  rm -f "$PIDFILE"
  say "pid $pid is not an emulator any more; removed the stale $PIDFILE"
  exit 0
fi
kill -TERM "$pid"
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$pid" 2>/dev/null; then
  say "the emulator (pid $pid) did not stop within 10 s; sending SIGKILL (its state on disk is safe)"
  kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$PIDFILE"
say "stopped the emulator (pid $pid); its state stays in the data directory for the next npm run demo"
