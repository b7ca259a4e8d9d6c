#!/usr/bin/env bash
# Load test for `sitemark serve`: wrk against static pages on loopback while the site is
# rebuilt over and over (a page saved every REBUILD_EVERY seconds, as an editor would), with an
# event stream open like a browser tab. Fails on any error or non-2xx/3xx answer, or below
# MIN_RPS requests per second.
#
# Usage: Tests/Scripts/preview-load-test.sh [PROJECT]   (default: this repository's site)
# Environment: SITEMARK (binary), DURATION (s, 20), CONNECTIONS (32), THREADS (2),
#              MIN_RPS (2000), REBUILD_EVERY (0.5)
set -euo pipefail

project=$(cd "${1:-.}" && pwd)
binary=$(realpath "${SITEMARK:-.build/release/sitemark}")
duration=${DURATION:-20}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
min_rps=${MIN_RPS:-2000}
rebuild_every=${REBUILD_EVERY:-0.5}
command -v wrk >/dev/null || { echo "wrk is not installed (make load-test installs it)" >&2; exit 1; }

work=$(mktemp -d /tmp/sitemark-load-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT; [ -n "${KEEP_LOG:-}" ] && trap "cp \"\$work/serve.log\" \"$KEEP_LOG\"; cleanup" EXIT

# A copy, so the saves below never touch the project itself.
for folder in Pages Templates Public; do
  [ -d "$project/$folder" ] && cp -r "$project/$folder" "$work/$folder"
done
"$binary" serve --root "$work" --port 0 > "$work/serve.log" 2>&1 &
pids+=($!)
port=""
for _ in $(seq 1 6000); do
  port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$work/serve.log" | head -1 | grep -oE '[0-9]+/$' | tr -d / || true)
  [ -n "$port" ] && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start" >&2; exit 1; }
base="http://127.0.0.1:$port"

# The pages to request: up to 50 of the built site's HTML files, plus its stylesheet.
output="$work/.sitemark-cache/preview"
paths=$(cd "$output" && find . -name '*.html' | sort | head -50 | sed 's|^\./|/|'; echo /assets/style.css; echo /)
lua="$work/paths.lua"
{
  echo "local paths = {"
  for p in $paths; do echo "  \"$p\","; done
  echo "}"
  echo 'local i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} > "$lua"

# A browser tab listening for reloads.
curl -s -N "$base/__sitemark/events" > "$work/events.log" &
pids+=($!)

# An editor saving a page again and again (temporary file + rename), each save a new text.
page=$(cd "$work" && find Pages -mindepth 2 -name '*.md' ! -name index.md ! -path '*/glossary/*' | sort | head -1)
(
  original=$(cat "$work/$page")
  n=0
  while true; do
    n=$((n + 1))
    printf '%s\n\nLoad test save %d.\n' "$original" "$n" > "$work/$(dirname "$page")/.load-test.tmp"
    mv "$work/$(dirname "$page")/.load-test.tmp" "$work/$page"
    sleep "$rebuild_every"
  done
) &
pids+=($!)

echo "wrk -t$threads -c$connections -d${duration}s against $base ($(echo "$paths" | wc -w) paths), saving $page every ${rebuild_every}s"
result=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$lua" "$base/")
echo "$result"

rebuilds=$(grep -c ' changed: ' "$work/serve.log" || true)
failed=$(grep -c 'Open pages show the errors' "$work/serve.log" || true)
reloads=$(grep -c '^event: reload' "$work/events.log" || true)
rps=$(echo "$result" | awk '/Requests\/sec/ { printf "%d", $2 }')
bad=$(echo "$result" | awk '/Non-2xx or 3xx responses/ { print $NF }')
socket_errors=$(echo "$result" | grep -E 'Socket errors' || true)
echo "load test: ${rps} requests/s; ${rebuilds} rebuilds during the run (${failed} failed), ${reloads} reload events; non-2xx/3xx: ${bad:-0}${socket_errors:+; $socket_errors}"

status=0
[ -z "$bad" ] || { echo "FAIL: $bad answers were not 2xx/3xx" >&2; status=1; }
[ -z "$socket_errors" ] || { echo "FAIL: $socket_errors" >&2; status=1; }
[ "$rebuilds" -gt 0 ] || { echo "FAIL: no rebuild happened during the load" >&2; status=1; }
[ "$failed" -eq 0 ] || { echo "FAIL: a rebuild failed" >&2; status=1; }
[ "${rps:-0}" -ge "$min_rps" ] || { echo "FAIL: ${rps} requests/s is below ${min_rps}" >&2; status=1; }
exit $status
