#!/usr/bin/env bash
# Live commerce benchmark (issue 7): one node with VIEWERS (5,000) Server-Sent Events listeners while RATE (20)
# chat messages a second are posted by 20 members for SECONDS; checks every listener got every message and reports
# delivery latency, the JVM's RSS and bytes per idle connection. Then a second node on the same database (through
# KIZUNA_DATABASE_URL): listeners on node 2, messages posted on node 1, cross-node delivery latency.
#
#   bash bench/live.sh            # about 5 minutes
source "$(dirname "$0")/lib.sh"
VIEWERS=${VIEWERS:-5000}
RATE=${RATE:-20}
SECONDS_LOAD=${SECONDS_LOAD:-30}
VIEWERS2=${VIEWERS2:-2000}
POSTERS=${POSTERS:-20}
ulimit -n 20000
: >"$LOG"
# the posters sign up from one address, and each of the 20 posts once a second (members are held to 10 a minute by
# the content gate and 30 by the live chat): lift those limits for this run only; everything else is the shipped default
LIMITS="-Dkizuna.rate-limits.signups-per-hour-per-ip=100000 -Dkizuna.rate-limits.logins-per-minute-per-ip=100000"
LIMITS="$LIMITS -Dkizuna.moderation.writes-per-minute=600 -Dkizuna.live.messages-per-minute=600"
start "$LIMITS"
pg_connect
RSS_START=$(rss_mb)
CLIENT="$JAVA -Xmx512m -XX:+UseSerialGC bench/LiveLoad.java"
echo "== setup: $POSTERS posting members, a live show with a pinned product"
$CLIENT setup "$BASE" "$KIZUNA_ADMIN_EMAIL" "$KIZUNA_ADMIN_PASSWORD" "$POSTERS" "$OUT/live-bench.txt"

echo "== one node: $VIEWERS listeners, $RATE messages/s for ${SECONDS_LOAD}s"
ONE=$($CLIENT run "$OUT/live-bench.txt" "$BASE" "$BASE" "$VIEWERS" "$RATE" "$SECONDS_LOAD" "$PID" | tee /dev/stderr)
"${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$PID" GC.class_histogram 2>/dev/null | head -25 >"$OUT/live-histogram.txt" || true

echo "== two nodes on one database: $VIEWERS2 listeners on node 2, messages posted on node 1"
DATA2=$(mktemp -d "$OUT/data2-XXXX")
PORT2=$(free_port)
BASE2="http://127.0.0.1:$PORT2"
KIZUNA_DATA_DIR="$DATA2" PORT="$PORT2" KIZUNA_COOKIE_SECURE=false KIZUNA_DATABASE_URL="$PG_URL" KIZUNA_DATABASE_USER=kizuna \
  KIZUNA_DATABASE_PASSWORD="$PG_PASS" KIZUNA_DB_POOL_SIZE=8 "$JAVA" $JVM_OPTS $LIMITS ${EXTRA_OPTS:-} -jar "$JAR" >>"$OUT/kizuna2.log" 2>&1 &
PID2=$!
trap 'kill $PID2 2>/dev/null || true; cleanup; rm -rf "$DATA2"' EXIT
until curl -sf "$BASE2/actuator/health" >/dev/null; do kill -0 "$PID2" || { tail -30 "$OUT/kizuna2.log"; exit 1; }; sleep 0.2; done
TWO=$($CLIENT run "$OUT/live-bench.txt" "$BASE2" "$BASE" "$VIEWERS2" "$RATE" "$SECONDS_LOAD" "$PID2" | tee /dev/stderr)
kill "$PID2"; wait "$PID2" 2>/dev/null || true
stop

field() { echo "$1" | grep -o "$2=[0-9.]*" | head -1 | cut -d= -f2; }
REPORT="$OUT/live-latest.md"
{
  echo "Run: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), JVM options: ${JVM_OPTS:-none} ${EXTRA_OPTS:-}"
  echo
  echo "| one node | value |"
  echo "|---|---|"
  echo "| listeners connected | $(field "$ONE" connected) |"
  echo "| messages posted ($RATE/s for ${SECONDS_LOAD}s), errors | $(field "$ONE" posted), $(field "$ONE" errors) |"
  echo "| listeners that got every message | $(field "$ONE" viewers_with_every_message) of $(field "$ONE" 'viewers') |"
  echo "| deliveries / expected | $(field "$ONE" deliveries) / $(field "$ONE" expected) |"
  echo "| delivery latency p50 / p99 / p99.9 / max (ms) | $(field "$ONE" p50) / $(field "$ONE" p99) / $(field "$ONE" p999) / $(field "$ONE" max) |"
  echo "| RSS at start / idle with the listeners / peak under load (MB) | $RSS_START / $(field "$ONE" 'idle rss_mb') / $(field "$ONE" peak_rss_mb) |"
  echo "| bytes per idle connection (RSS / heap, after a full GC) | $(field "$ONE" bytes_per_idle_connection_rss) / $(field "$ONE" heap_bytes_per_idle_connection) |"
  echo "| CPU under load, of $(nproc) cores: Kizuna / load client | $(echo "$ONE" | grep node1 | grep -o 'cpu_cores_used=[0-9.]*' | cut -d= -f2) / $(echo "$ONE" | grep client | grep -o 'cpu_cores_used=[0-9.]*' | cut -d= -f2) |"
  echo
  echo "| two nodes | value |"
  echo "|---|---|"
  echo "| listeners on node 2 | $(field "$TWO" connected) |"
  echo "| listeners that got every message / deliveries / expected | $(field "$TWO" viewers_with_every_message) / $(field "$TWO" deliveries) / $(field "$TWO" expected) |"
  echo "| cross-node delivery latency p50 / p99 / max (ms) | $(field "$TWO" p50) / $(field "$TWO" p99) / $(field "$TWO" max) |"
  echo "| node 2 RSS peak (MB) | $(field "$TWO" peak_rss_mb) |"
  echo "| CPU under load: node 2 / load client | $(echo "$TWO" | grep node1 | grep -o 'cpu_cores_used=[0-9.]*' | cut -d= -f2) / $(echo "$TWO" | grep client | grep -o 'cpu_cores_used=[0-9.]*' | cut -d= -f2) |"
} >"$REPORT"
cat "$REPORT"
