#!/usr/bin/env bash
# Memory/speed benchmark of `collapse metrics` on a large streamed input (not part of the test suite).
# Writes N×D float32 features (default 200000×512, 410 MB on disk), int32 labels (K = 10) and a K×D classifier W,
# then runs `collapse metrics` (Release build) under /usr/bin/time -v and prints peak RSS and wall time.
# The point: peak RSS stays far below N·D·8 bytes (819 MB for the default size), because features are streamed.
# Usage: bench/metrics-large.sh [N] [D] [K] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
D=${2:-512}
K=${3:-10}
WORK=${4:-$(mktemp -d /tmp/collapse-metrics-large.XXXXXX)}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

if [[ ! -f "$WORK/features.npy" ]]; then
  dotnet run -c Release bench/make-large-npy.cs -- "$WORK" "$N" "$D" "$K"
fi
dotnet build -c Release src/Cli -v q -nologo >/dev/null
CLI=src/Cli/bin/Release/net10.0/linux-x64/collapse

run() {
  local label=$1; shift
  /usr/bin/time -v "$CLI" metrics --features "$WORK/features.npy" --labels "$WORK/labels.npy" "$@" --json \
    >"$WORK/$label.json" 2>"$WORK/$label.time"
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/$label.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/$label.time")
  printf '%-22s peak RSS %7.1f MB   wall %s\n' "$label" "$(echo "$rss / 1024" | bc -l)" "$wall"
}

echo "N=$N D=$D K=$K  features $(du -m "$WORK/features.npy" | cut -f1) MB on disk;  N*D*8 = $(( N * D * 8 / 1000000 )) MB"
run no-classifier
run with-classifier --classifier "$WORK/W.npy" --bias "$WORK/b.npy"
echo "results: $WORK/*.json"
