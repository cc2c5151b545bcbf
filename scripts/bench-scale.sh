#!/usr/bin/env bash
# bench-scale: trawl run over N generated documents (default 100,000).
# Prints documents/s and MB/s per stage, peak RSS, store and index size,
# the time of a second, no-change run, and of a run after CHANGED documents
# changed. Generated into tmpfs when there is room (the generator and ingest
# are disk-bound on slow disks).
set -euo pipefail
N=${N:-100000}
CHANGED=${CHANGED:-10000}
SEED=${SEED:-1}
# GEN passes more flags to trawl gen, e.g. GEN="--formats html --mix news=1"
# for news articles only (the end-to-end target of issue #5).
GEN=${GEN:-}
BIN=${BIN:-bin/trawl}
ROOT=${ROOT:-}
if [ -z "$ROOT" ]; then
  if [ -d /dev/shm ] && [ "$(df --output=avail -k /dev/shm | tail -1)" -gt $((N * 40)) ]; then ROOT=/dev/shm/trawl-bench; else ROOT=$(mktemp -d); fi
fi
rm -rf "$ROOT"; mkdir -p "$ROOT"
trap 'rm -rf "$ROOT"' EXIT
DOCS=$ROOT/docs DATA=$ROOT/data
command -v /usr/bin/time >/dev/null || { echo "bench-scale needs /usr/bin/time (Debian package time)"; exit 1; }
command -v pgrep >/dev/null || { echo "bench-scale needs pgrep (Debian package procps)"; exit 1; }

echo "== generating $N documents (seed $SEED) into $DOCS"
# shellcheck disable=SC2086 # GEN holds several flags
$BIN --quiet gen --docs "$N" --out "$DOCS" --seed "$SEED" $GEN --json > "$ROOT/gen.json"
cat "$ROOT/gen.json"
MB=$(du -sm "$DOCS" | cut -f1)

run() { # name, args...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$ROOT/$name.time" $BIN --quiet --data "$DATA" run --report "$ROOT/$name.json" "$@" &
  local tpid=$! pid="" anon=0 mapped=0 a f sh
  # What the peak is made of: the Go heap and other private memory
  # (RssAnon) against pages of the store and index files mapped in
  # (RssFile + RssShmem on tmpfs), sampled twice a second.
  while kill -0 "$tpid" 2>/dev/null; do
    [ -z "$pid" ] && pid=$(pgrep -P "$tpid" | head -1 || true) # none yet: set -e must not end the script
    if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
      a=$(awk '/^RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      f=$(awk '/^RssFile/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      sh=$(awk '/^RssShmem/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${a:-0}" -gt "$anon" ] && anon=${a:-0}
      [ $((${f:-0} + ${sh:-0})) -gt "$mapped" ] && mapped=$((${f:-0} + ${sh:-0}))
    fi
    sleep 0.5
  done
  wait "$tpid" || true
  read -r secs rss < "$ROOT/$name.time"
  echo "$name: ${secs}s, peak RSS $((rss / 1024)) MiB (peaks sampled apart: private $((anon / 1024)) MiB, mapped files $((mapped / 1024)) MiB)"
  python3 - "$ROOT/$name.json" "$N" "$MB" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); n = int(sys.argv[2]); mb = float(sys.argv[3])
d = r.get("durations", {})
for stage in ("ingest", "extract", "index"):
    s = d.get(stage)
    if not s: continue
    docs = {"ingest": (r.get("ingest") or {}).get("read", 0), "extract": (r.get("extract") or {}).get("extracted", 0), "index": (r.get("index") or {}).get("indexed", 0)}[stage]
    cpu = (r.get("cpu_seconds") or {}).get(stage, 0)
    print(f"  {stage:8s} {s:8.1f}s  {docs:7d} docs  {docs / s if s else 0:8.0f} docs/s  {mb * docs / n / s if s else 0:6.1f} MB/s  {cpu / s if s else 0:4.2f} cores")
print(f"  total    {r['seconds']:8.1f}s  exit {r['exit_code']}  {n / r['seconds']:.0f} docs/s end to end")
PY
}

echo "== first run over $N documents ($MB MB)"
run first "$DOCS"
echo "store $(du -sm "$DATA/store.db" | cut -f1) MB, index $(du -sm "$DATA/index" | cut -f1) MB, for $MB MB of input"
echo "== queries on the index of the first run (index/bench_test.go BenchmarkScale; medians)"
TRAWL_BENCH_INDEX="$DATA/index" ${GO:-go} test -run '^$' -bench '^BenchmarkScale$' -benchtime "${QUERIES:-30}x" ./index/ | grep -E '^Benchmark|ms-median' || true
echo "== second run, nothing changed"
run second "$DOCS"
echo "== third run after $CHANGED documents changed"
find "$DOCS" -type f | sort > "$ROOT/files"   # not piped into head: with pipefail, head's early exit fails sort
head -n "$CHANGED" "$ROOT/files" > "$ROOT/changed"
while read -r f; do printf '\n<!-- changed -->\n' >> "$f"; done < "$ROOT/changed"
run third "$DOCS"
