#!/usr/bin/env bash
# Measures the app on a large database: time from launch to the first page of the customer list
# (the app logs it), and memory (PSS summed over the app and its WebKit processes) after
# scrolling the list and searching. Needs a release build and a benchmark database:
#   cargo build --release --bin crm-desktop
#   cargo run --release -p crm-cli --bin crm-bench -- --customers 1000000 --skip-import
#   scripts/measure-app.sh bench-data/bench-1000000.db
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB="$(realpath "${1:?usage: measure-app.sh DATABASE}")"
APP="$ROOT/target/release/crm-desktop"
LOG="$(mktemp)"

pss_kb() { # PSS of a process and all its descendants, in kB
  local total child
  total=$(awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0)
  for child in $(pgrep -P "$1"); do total=$((total + $(pss_kb "$child"))); done
  echo "$total"
}

run() {
  CRM_DB="$DB" "$APP" 2>"$LOG" &
  local app=$!
  for _ in $(seq 1 200); do grep -q "first customer list served" "$LOG" && break; sleep 0.05; done
  echo "start to interactive list: $(sed 's/\x1b\[[0-9;]*m//g' "$LOG" | grep -o 'ms=[0-9]*' | head -1 | cut -d= -f2) ms"
  local win
  win=$(xdotool search --sync --onlyvisible --name "Kehu CRM" | head -1)
  xdotool windowfocus --sync "$win" || true # a bare X server has no window manager to activate it
  sleep 1
  # Scroll far down the list (keyset pages load as it goes), then search a few times.
  xdotool mousemove --window "$win" 700 450
  for _ in $(seq 1 60); do xdotool click --repeat 10 --delay 15 5; done
  for q in zsf 8000 张三 wang; do
    xdotool key --window "$win" ctrl+k; sleep 0.5
    xdotool type --delay 60 "$q"; sleep 1
    xdotool key --window "$win" Escape; sleep 0.3
  done
  sleep 2
  import -window "$win" "${SCREENSHOT:-/tmp/kehu-measure.png}" 2>/dev/null || true
  echo "memory (PSS, app + WebKit processes) after scrolling and searching: $(( $(pss_kb "$app") / 1024 )) MB"
  kill "$app"; wait "$app" 2>/dev/null || true
}

if [ -z "${DISPLAY:-}" ]; then
  # No display: run this script again inside a virtual one.
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
run
