#!/usr/bin/env bash
# Kizuna benchmark: builds the jar, starts it on a fresh data directory with a generated dataset, measures
# start-up times, idle and loaded RSS, and throughput/latency with wrk at 64 connections. Every endpoint is
# also reported as a ratio to GET /api/v1/ping measured in the same run (this machine's ceiling for the stack).
#
#   bash bench/run.sh            # full run (about 3 minutes)
#   DURATION=5 bash bench/run.sh # shorter measurement windows
source "$(dirname "$0")/lib.sh"
MEMBERS=${MEMBERS:-100000}

: >"$LOG"
echo "== first start (fresh data directory)"
start; FIRST_MS=$START_MS
stop
echo "== second start (existing data directory)"
start; SECOND_MS=$START_MS
stop
# The production layout: the jar extracted, plus (on JDK 25+) an AOT cache from one training start (JEP 483/515).
EXTRACTED="$OUT/extracted"
rm -rf "$EXTRACTED"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$EXTRACTED" >/dev/null
XJAR="$EXTRACTED/$(basename "$JAR")"
AOT_MS="n/a"
if "$JAVA" -XX:AOTCacheOutput=/dev/null -version >/dev/null 2>&1; then
  KIZUNA_DATA_DIR="$DATA" PORT="$PORT" "$JAVA" $JVM_OPTS -XX:AOTCacheOutput="$EXTRACTED/kizuna.aot" \
    -Dspring.context.exit=onRefresh -jar "$XJAR" >>"$LOG" 2>&1
  start "-XX:AOTCache=$EXTRACTED/kizuna.aot" "$XJAR"; AOT_MS=$START_MS
  stop
fi
start; THIRD_MS=$START_MS
sleep 5
IDLE_RSS=$(rss_mb)

echo "== dataset: $MEMBERS members plus the forum dataset's 20 users"
PG_PORT=$(grep -o 'Embedded PostgreSQL ready on 127.0.0.1:[0-9]*' "$LOG" | tail -1 | sed 's/.*://')
PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/kizuna"
PG_PASS=$(cat "$DATA/pg-password")
for i in $(seq 1 20); do
  curl -sf "$BASE/api/v1/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench$i@bench.kizuna.invalid\",\"password\":\"bench-password-1\",\"displayName\":\"bench$i\"}" >/dev/null
done
"$JAVA" -cp "$PGJAR" bench/Sql.java "$PG_URL" kizuna "$PG_PASS" \
  "insert into identity_users (email, password_hash, display_name, email_verified_at)
   select 'member' || g || '@bench.kizuna.invalid', (select password_hash from identity_users where email = 'bench1@bench.kizuna.invalid'),
          'メンバー' || g, now() from generate_series(1, $MEMBERS) g" >/dev/null
TOKEN=$(curl -sf "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"bench1@bench.kizuna.invalid","password":"bench-password-1"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')

echo "== load: $CONNECTIONS connections, ${DURATION}s per endpoint after ${WARMUP}s warm-up each"
measure_all \
  "ping|/api/v1/ping" \
  "me|/api/v1/me|Authorization: Bearer $TOKEN" \
  "home|/"
LOADED_RSS=$(rss_mb)

PING_RPS=$(echo "${ROWS[0]}" | cut -d'|' -f3)
REPORT="$OUT/latest.md"
{
  echo "Run: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), JVM options: ${JVM_OPTS:-none}"
  echo "Dataset: $((MEMBERS + 20)) members. wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per endpoint."
  echo
  echo "| endpoint | requests/s | ratio to ping | p50 ms | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|---|"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r name path rps p50 p99 bad <<<"$row"
    ratio=$(awk -v a="$rps" -v b="$PING_RPS" 'BEGIN {printf "%.2f", a/b}')
    echo "| $name \`$path\` | $rps | $ratio | $p50 | $p99 | $bad |"
  done
  echo
  echo "| start-up and memory | value |"
  echo "|---|---|"
  echo "| first start to healthy (fresh data dir: unpack PostgreSQL, initdb, migrate) | ${FIRST_MS} ms |"
  echo "| start to healthy on an existing data dir (java -jar) | ${SECOND_MS} ms, again ${THIRD_MS} ms |"
  echo "| start to healthy on an existing data dir (extracted jar + AOT cache, JDK 25) | ${AOT_MS} ms |"
  echo "| JVM RSS idle after start | ${IDLE_RSS} MB |"
  echo "| JVM RSS after the load | ${LOADED_RSS} MB |"
} >"$REPORT"
cat "$REPORT"
