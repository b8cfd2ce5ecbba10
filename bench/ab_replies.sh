#!/usr/bin/env bash
# Interleaved A/B of reply throughput, as bench/ab_orders.sh does for orders: two Kizuna servers (each with its own
# embedded PostgreSQL) run side by side, and short windows of replies go to one, then the other, in turn, so both
# share this host's drift.
#
#   A_JAR=/tmp/a.jar B_JAR=/tmp/b.jar bash bench/ab_replies.sh
#   B_OPTS="-Dsome.option=value" bash bench/ab_replies.sh     # one jar (this checkout), two options
#   B_PG_SETTINGS="max_wal_size=4GB" bash bench/ab_replies.sh  # a PostgreSQL setting changed on B's database only
#
# Each server is prepared as `REPLIES_ONLY=1 THREADS_TOTAL=5000 bash bench/community.sh` prepares its server: the forum
# dataset through the API, THREADS_TOTAL (5000) x 10 generated threads, the search index rebuilt. Then WARM (45)
# seconds of replies per server, and ROUNDS (8) windows of WINDOW (10) seconds each: 64 connections replying
# (bench/reply.lua) from the 20 members; each window prints replies stored per second, p99, and CPU ms per reply of
# that server's JVM plus its PostgreSQL. The medians and the B/A ratios come last.
KIZUNA_JAR=${A_JAR:-${KIZUNA_JAR:-}}
source "$(dirname "$0")/lib.sh"
B_JAR=${B_JAR:-$JAR}
ROUNDS=${ROUNDS:-8}
WINDOW=${WINDOW:-10}
WARM=${WARM:-45}
THREADS_TOTAL=${THREADS_TOTAL:-5000}
POSTS_PER_THREAD=${POSTS_PER_THREAD:-10}
FORUM="${FORUM:-$ROOT/../shared/data/forum-2000x5.jsonl}"
# as community.sh: 20 members write the dataset and the load, so the content gate's per-member flood limit is lifted
LIFTED="-Dkizuna.moderation.writes-per-minute=100000000"

# each server's address, log, data directory and JVM; use() points lib.sh's globals (and sql) at one of them
declare -A S_BASE S_LOG S_DATA S_PID TOKENS FIRST
: >"$LOG"
start "$LIFTED ${A_OPTS:-}" "$JAR"
S_BASE[A]=$BASE S_LOG[A]=$LOG S_DATA[A]=$DATA S_PID[A]=$PID
cleanup() { for p in "${S_PID[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; rm -rf "${S_DATA[@]}"; }
trap cleanup EXIT
DATA=$(mktemp -d "$OUT/data-XXXX")
S_DATA[B]=$DATA
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
LOG="$OUT/kizuna-b.log"; : >"$LOG"
start "$LIFTED ${B_OPTS:-}" "$B_JAR"
S_BASE[B]=$BASE S_LOG[B]=$LOG S_PID[B]=$PID
use() { BASE=${S_BASE[$1]} LOG=${S_LOG[$1]} DATA=${S_DATA[$1]} PID=${S_PID[$1]} PORT=${S_BASE[$1]##*:}; pg_connect; }

prepare() { # A|B -> sets TOKENS and FIRST of that server
  use "$1"
  local admin loaded; admin=$(admin_token)
  local settings="${1}_PG_SETTINGS" opts="${1}_OPTS" jar=$JAR; [ "$1" = B ] && jar=$B_JAR
  PG_SETTINGS=${!settings:-} pg_settings "$LIFTED ${!opts:-}" "$jar"
  S_PID[$1]=$PID # a setting that needs a restart started a new JVM
  loaded=$(python3 bench/load_forum.py "$BASE" "$admin" "$FORUM")
  TOKENS[$1]=${loaded##*tokens: }
  echo "== $1: ${loaded%%;*}"
  curl -sf "$BASE/api/v1/spaces" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"slug":"bench","name":"ベンチ","visibility":"public"}' >/dev/null
  generate_threads
  local rebuilds; rebuilds=$(grep -c 'Search index rebuilt' "$LOG" || true)
  curl -sf -X POST "$BASE/api/v1/admin/search/rebuild" -H "Authorization: Bearer $admin" >/dev/null
  until [ "$(grep -c 'Search index rebuilt' "$LOG")" -gt "$rebuilds" ]; do sleep 1; done
  FIRST[$1]=$(sql "select min(t.id) from community_threads t join community_spaces s on s.id = t.space_id where s.slug = 'bench'" | tail -1)
  echo "== $1: $(sql "select count(*) from community_posts" | tail -1) posts; $(grep 'Search index rebuilt' "$LOG" | tail -1 | sed 's/.*Search index rebuilt: //')"
}
echo "== A: ${A_JAR:-this checkout} ${A_OPTS:-} ${A_PG_SETTINGS:-}"
echo "== B: ${B_JAR:-this checkout} ${B_OPTS:-} ${B_PG_SETTINGS:-}"
prepare A
prepare B

window() { # A|B seconds -> "replies/s p99 cpu-ms-per-reply"
  use "$1"
  local last c0 c1 out stored p99
  # replies stored are counted by id, as community.sh does (a count(*) of all posts would cost more than the window)
  last=$(sql "select coalesce(max(id), 0) from community_posts" | tail -1)
  c0=$(cpu_of "$PID" "$DATA")
  out=$(BENCH_RUN="$(date +%s%N)-" BENCH_TOKENS="${TOKENS[$1]}" BENCH_FIRST_THREAD=${FIRST[$1]} BENCH_THREAD_SPAN=$THREADS_TOTAL \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 10s -s bench/reply.lua "$BASE" | grep PERCENTILES)
  c1=$(cpu_of "$PID" "$DATA")
  stored=$(sql "select count(*) from community_posts where id > $last" | tail -1)
  p99=$(echo "$out" | sed 's/.*p99=\([0-9.]*\).*/\1/')
  ab_row "$stored" "$2" "$p99" "$c0" "$c1"
}

# in turns of up to 15 s, so neither server's JIT runs alone while the other waits
TURN=$(( WARM < 15 ? WARM : 15 ))
echo "== warming both: $WARM s of replies each, in turns of $TURN s"
for _ in $(seq 1 $(( WARM / TURN ))); do
  window A "$TURN" >/dev/null
  window B "$TURN" >/dev/null
done

echo "| round | A replies/s | A p99 ms | A CPU ms/reply | B replies/s | B p99 ms | B CPU ms/reply |"
echo "|---|---|---|---|---|---|---|"
RESULTS=()
for r in $(seq 1 "$ROUNDS"); do
  # alternate which goes first, so neither always follows the other's window
  if [ $((r % 2)) = 1 ]; then a=$(window A "$WINDOW"); b=$(window B "$WINDOW"); else b=$(window B "$WINDOW"); a=$(window A "$WINDOW"); fi
  echo "| $r | ${a// / | } | ${b// / | } |"
  RESULTS+=("$a $b")
done
printf '%s\n' "${RESULTS[@]}" | ab_medians reply replies stored
