#!/usr/bin/env bash
# Interleaved A/B of order throughput: two Kizuna servers (each with its own embedded PostgreSQL) run side by side,
# and short windows of orders go to one, then the other, in turn. This host's speed drifts by a third within minutes,
# so one run after another cannot tell a 10% change from noise; windows taken in turn share the drift.
#
#   A_JAR=/tmp/a.jar B_JAR=/tmp/b.jar bash bench/ab_orders.sh
#   A_OPTS="-Dkizuna.database.unix-socket=false" bash bench/ab_orders.sh     # one jar (this checkout), two options
#
# ROUNDS (8) windows of WINDOW (10) seconds each, after WARM (60) seconds of orders per server. Each window: 200
# connections ordering one unit (bench/order.lua) from 200 members; it prints orders/s, p99, and CPU ms per order of
# that server's JVM plus its PostgreSQL. The medians and the B/A ratios come last.
KIZUNA_JAR=${A_JAR:-${KIZUNA_JAR:-}}
source "$(dirname "$0")/lib.sh"
B_JAR=${B_JAR:-$JAR}
ROUNDS=${ROUNDS:-8}
WINDOW=${WINDOW:-10}

: >"$LOG"
start "$STORE_LIFTED ${A_OPTS:-}" "$JAR"
A_PID=$PID A_BASE=$BASE A_DATA=$DATA B_PID="" B_DATA=""
cleanup() { for p in $A_PID $B_PID; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; rm -rf "$A_DATA" "$B_DATA"; }
trap cleanup EXIT
DATA=$(mktemp -d "$OUT/data-XXXX")
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
LOG="$OUT/kizuna-b.log"; : >"$LOG"
B_DATA=$DATA
start "$STORE_LIFTED ${B_OPTS:-}" "$B_JAR"
B_PID=$PID B_BASE=$BASE

prepare() { # base -> tokens
  local base=$1 admin
  admin=$(BASE=$base admin_token)
  warm_product "$base" "$admin"
  python3 bench/load_catalog.py "$base" "$admin" "${CATALOG:-$ROOT/../shared/data/catalog-300.jsonl}" 200 | sed 's/.*tokens: //'
}
echo "== A: ${A_JAR:-this checkout} ${A_OPTS:-}"
echo "== B: ${B_JAR:-this checkout} ${B_OPTS:-}"
A_TOKENS=$(prepare "$A_BASE")
B_TOKENS=$(prepare "$B_BASE")

window() { # name base tokens jvm-pid data-dir seconds -> "orders/s p99 cpu-ms-per-order"
  local c0 c1 out created p99
  c0=$(cpu_of "$4" "$5")
  out=$(BENCH_TOKENS="$3" BENCH_SKU=BENCH-WARM BENCH_ORDERS=100000000 BENCH_THREADS=2 BENCH_START_NS=$(date +%s%N) \
    wrk -t2 -c200 -d"$6s" --timeout 10s -s bench/order.lua "$2" | grep ORDERS)
  c1=$(cpu_of "$4" "$5")
  created=$(echo "$out" | sed 's/.*created=\([0-9]*\).*/\1/')
  p99=$(echo "$out" | sed 's/.*p99=\([0-9.]*\).*/\1/')
  ab_row "$created" "$6" "$p99" "$c0" "$c1"
}

echo "== warming both: ${WARM:-60} s of orders each, in turns of 15 s"
for _ in $(seq 1 $(( ${WARM:-60} / 15 ))); do
  window A "$A_BASE" "$A_TOKENS" "$A_PID" "$A_DATA" 15 >/dev/null
  window B "$B_BASE" "$B_TOKENS" "$B_PID" "$B_DATA" 15 >/dev/null
done

echo "| round | A orders/s | A p99 ms | A CPU ms/order | B orders/s | B p99 ms | B CPU ms/order |"
echo "|---|---|---|---|---|---|---|"
RESULTS=()
for r in $(seq 1 "$ROUNDS"); do
  # alternate which goes first, so neither always follows the other's window
  if [ $((r % 2)) = 1 ]; then
    a=$(window A "$A_BASE" "$A_TOKENS" "$A_PID" "$A_DATA" "$WINDOW"); b=$(window B "$B_BASE" "$B_TOKENS" "$B_PID" "$B_DATA" "$WINDOW")
  else
    b=$(window B "$B_BASE" "$B_TOKENS" "$B_PID" "$B_DATA" "$WINDOW"); a=$(window A "$A_BASE" "$A_TOKENS" "$A_PID" "$A_DATA" "$WINDOW")
  fi
  echo "| $r | ${a// / | } | ${b// / | } |"
  RESULTS+=("$a $b")
done
printf '%s\n' "${RESULTS[@]}" | ab_medians order orders placed
