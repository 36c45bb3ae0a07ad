#!/usr/bin/env bash
# Speed benchmark of the main job (not part of the test suite): the goal is `collapse report --profile quick` in
# under 5 minutes on 2 cores. Builds the Release CLI, runs the quick profile (optionally pinned to 2 cores with
# taskset), and prints the wall time, the number of claims and the exit code. Per-claim times are in
# OUT/results.json (claims[].wallSeconds) and in the report's summary table.
# Usage: bench/report-quick.sh [OUT_DIR] [extra report flags…]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-$(mktemp -d /tmp/collapse-report-quick.XXXXXX)}
shift || true
dotnet build -c Release src/Cli -v q -nologo >/dev/null
CLI=src/Cli/bin/Release/net10.0/linux-x64/collapse
PIN=()
if command -v taskset >/dev/null && [ "$(nproc)" -gt 2 ]; then PIN=(taskset -c 0,1); fi
start=$(date +%s.%N)
set +e
"${PIN[@]}" "$CLI" report --profile quick --out "$OUT" "$@" > "$OUT.log" 2>&1
rc=$?
set -e
end=$(date +%s.%N)
tail -n 1 "$OUT.log"
printf 'wall %.1f s on %s core(s) (goal: < 300 s on 2), exit code %d, log %s\n' "$(echo "$end - $start" | bc -l)" \
  "$([ ${#PIN[@]} -gt 0 ] && echo 2 || nproc)" "$rc" "$OUT.log"
