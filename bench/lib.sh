# Shared by the benchmark scripts (source it first): strict mode, paths, the common knobs, JDK and wrk, build,
# start/stop Kizuna on a fresh data directory, measure with wrk, the owner's token, SQL against its database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
export BENCH_DIR="$ROOT/bench"
export KIZUNA_ADMIN_EMAIL=owner@bench.kizuna.invalid KIZUNA_ADMIN_PASSWORD=bench-owner-password
if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v wrk >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

# KIZUNA_JAR measures a jar built before (an A/B of two commits on the same machine, one run after the other); without
# it, this checkout is built
if [ -z "${KIZUNA_JAR:-}" ]; then
  echo "== building"
  ./mvnw -q -B -DskipTests package
fi
JAR=${KIZUNA_JAR:-$(ls target/kizuna-*.jar | grep -v original | head -1)}
PGJAR="$OUT/postgresql.jar"
unzip -p "$JAR" "$(unzip -l "$JAR" | awk '{print $4}' | grep 'BOOT-INF/lib/postgresql-.*\.jar')" > "$PGJAR"

DATA=$(mktemp -d "$OUT/data-XXXX")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
LOG="$OUT/kizuna.log"
PID=""
# the JVM answers SIGTERM with exit status 143: that is a clean stop, not the script's result
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; fi; rm -rf "$DATA"; }
trap cleanup EXIT

# The same JVM options (and MALLOC_ARENA_MAX) as ./mvnw spring-boot:run (see pom.xml), so figures describe the shipped defaults.
JVM_OPTS=$(sed -n 's:.*<jvmArguments>\(.*\)</jvmArguments>.*:\1:p' pom.xml | head -1)

start() { # [extra JVM options] [jar]
  local t0; t0=$(date +%s%N)
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} KIZUNA_DATA_DIR="$DATA" PORT="$PORT" KIZUNA_COOKIE_SECURE=false "$JAVA" $JVM_OPTS ${1:-} ${EXTRA_OPTS:-} -jar "${2:-$JAR}" >>"$LOG" 2>&1 &
  PID=$!
  until curl -sf "$BASE/actuator/health" >/dev/null; do
    kill -0 "$PID" 2>/dev/null || { echo "Kizuna died; see $LOG"; tail -30 "$LOG"; exit 1; }
    sleep 0.1
  done
  START_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }
# CPU seconds used so far by Kizuna's JVM, or by every PostgreSQL process (the pool's backends live for the whole run)
cpu_s() { # kizuna|postgres
  local pids; if [ "$1" = kizuna ]; then pids=$PID; else pids=$(pgrep -x postgres || true); fi
  for p in $pids; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done \
    | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {printf "%.2f", s / hz}'
}
rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$PID/status"; }


# wrk prints latency percentiles with --latency; we keep requests/s, p50 and p99 (in ms).
measure() { # name path [header]
  local name=$1 path=$2 header=${3:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" -d"${WARMUP}s" "$BASE$path" >/dev/null
  local out; out=$(wrk "${args[@]}" -d"${DURATION}s" "$BASE$path")
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$name|$path|$rps|$(to_ms "$p50")|$(to_ms "$p99")|${non2xx:-0}"
}

# Measures every "name|path[|header]" into ROWS, after JIT_WARMUP seconds (default 90) of load rotating over all
# of them: on 2 cores the C2 compiler competes with the request threads, and a few seconds of warm-up measure the
# interpreter, not the server. The first spec is the trivial endpoint the ratios are taken against.
measure_all() {
  local each spec name path header
  each=$(( ${JIT_WARMUP:-90} / (3 * $#) )); [ "$each" -lt 1 ] && each=1
  echo "== warming the JIT: ${JIT_WARMUP:-90} s over $# endpoints"
  for _ in 1 2 3; do
    for spec in "$@"; do
      IFS='|' read -r name path header <<<"$spec"
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${each}s" ${header:+-H "$header"} "$BASE$path" >/dev/null
    done
  done
  ROWS=()
  for spec in "$@"; do
    IFS='|' read -r name path header <<<"$spec"
    ROWS+=("$(measure "$name" "$path" "$header")")
  done
}
to_ms() { echo "$1" | awk '/us$/ {sub("us",""); printf "%.2f", $1/1000; next} /ms$/ {sub("ms",""); printf "%.2f", $1; next} /s$/ {sub("s",""); printf "%.2f", $1*1000; next} {print $1}'; }


# Prints a markdown table of measure() rows with each row's ratio to the first row's requests/s.
report_rows() {
  local base_rps; base_rps=$(echo "$1" | cut -d'|' -f3)
  echo "| endpoint | requests/s | ratio to ping | p50 ms | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|---|"
  for row in "$@"; do
    IFS='|' read -r name path rps p50 p99 bad <<<"$row"
    echo "| $name \`$path\` | $rps | $(awk -v a="$rps" -v b="$base_rps" 'BEGIN {printf "%.2f", a/b}') | $p50 | $p99 | $bad |"
  done
}

sql() { "$JAVA" -cp "$PGJAR" "$ROOT/bench/Sql.java" "$PG_URL" kizuna "$PG_PASS" "$@"; }
pg_connect() {
  PG_PORT=$(grep -o 'Embedded PostgreSQL ready on 127.0.0.1:[0-9]*' "$LOG" | tail -1 | sed 's/.*://')
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/kizuna"
  PG_PASS=$(cat "$DATA/pg-password")
}

# PG_STATEMENTS=1: restart Kizuna once with pg_stat_statements loaded, so pg_statements_top can show where the
# database's time went in a window (pg_statements_reset at its start). For finding costs, not for the figures.
pg_statements_on() { # [extra JVM options of the running start]
  [ "${PG_STATEMENTS:-0}" = 1 ] || return 0
  sql "alter system set shared_preload_libraries = 'pg_stat_statements'" "alter system set pg_stat_statements.track = 'all'" \
    "alter system set pg_stat_statements.track_planning = on" >/dev/null
  stop; start "${1:-}"; pg_connect
  sql "create extension if not exists pg_stat_statements" >/dev/null
}
# PG_SETTINGS="name=value ...": ALTER SYSTEM and reload before the load, to try a PostgreSQL setting (an A/B of it);
# a setting that needs a restart (shared_buffers) restarts Kizuna, and so its PostgreSQL, with the same JVM options
pg_settings() { # [extra JVM options of the running start]
  [ -n "${PG_SETTINGS:-}" ] || return 0
  for kv in $PG_SETTINGS; do sql "alter system set ${kv%%=*} = '${kv#*=}'" >/dev/null; done
  sql "select pg_reload_conf()" >/dev/null
  if [ "$(sql "select count(*) from pg_settings where pending_restart" | tail -1)" != 0 ]; then
    stop; start "${1:-}" "${2:-$JAR}"; pg_connect
  fi
}
pg_statements_reset() { [ "${PG_STATEMENTS:-0}" = 1 ] && sql "select pg_stat_statements_reset()" >/dev/null || true; }
pg_statements_top() { # per-call figures for the N (20) statements that took the most time since the reset
  [ "${PG_STATEMENTS:-0}" = 1 ] || return 0
  echo "calls | total ms | mean ms | plans | mean plan ms | statement"
  sql "select calls || ' | ' || round(total_exec_time::numeric, 0) || ' | ' || round(mean_exec_time::numeric, 3) || ' | ' ||
              plans || ' | ' || round(mean_plan_time::numeric, 3) || ' | ' ||
              regexp_replace(left(query, 160), '\s+', ' ', 'g')
       from pg_stat_statements order by total_exec_time desc limit ${1:-20}"
}

# A bearer token for EMAIL PASSWORD; admin_token: the owner account that KIZUNA_ADMIN_* create at start.
token() {
  curl -sf "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'
}
admin_token() { token "$KIZUNA_ADMIN_EMAIL" "$KIZUNA_ADMIN_PASSWORD"; }

# The store scripts sign up 200 buyers and log them in from one address: the per-IP limits are lifted for the run only
STORE_LIFTED="-Dkizuna.rate-limits.signups-per-hour-per-ip=100000 -Dkizuna.rate-limits.logins-per-minute-per-ip=100000"
# A product that orders can go to for as long as a warm-up lasts (a million units, a per-member limit no one reaches)
warm_product() { # base admin-token
  curl -sf "$1/api/v1/products" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    -d '{"slug":"bench-warm","name":"定番ブレンド","description":"ベンチマーク","taxRate":"reduced","visibility":"public","category":"drop","perMemberLimit":999,"variants":[{"sku":"BENCH-WARM","name":"200g","price":1620,"stock":1000000}]}' >/dev/null
}

# THREADS_TOTAL threads of POSTS_PER_THREAD posts each in the space "bench", made by SQL from the loaded forum's posts,
# titles and authors; each author follows their thread. Triggers are skipped for this session
# (session_replication_role), so the search index must be rebuilt after.
generate_threads() {
  sql "set session_replication_role = replica" \
    "create temp table src as select (row_number() over (order by id) - 1)::int as n, body, body_html from community_posts" \
    "create temp table titles as select (row_number() over (order by id) - 1)::int as n, title from community_threads" \
    "create temp table authors as select (row_number() over (order by author_id) - 1)::int as n, author_id from (select distinct author_id from community_posts) x" \
    "insert into community_threads (space_id, kind, title, author_id, post_count, last_activity_at, created_at)
       select (select id from community_spaces where slug = 'bench'), case when g % 3 = 0 then 'question' else 'discussion' end,
              ti.title || ' (' || g || ')', au.author_id, $POSTS_PER_THREAD, now() - make_interval(secs => g), now() - make_interval(secs => g)
       from generate_series(1, $THREADS_TOTAL) g
       join titles ti on ti.n = g % (select count(*) from titles)
       join authors au on au.n = g % (select count(*) from authors)" \
    "insert into community_posts (thread_id, author_id, body, body_html, created_at)
       select t.id, au.author_id, s.body, s.body_html, t.created_at + make_interval(secs => k)
       from community_threads t cross join generate_series(1, $POSTS_PER_THREAD) k
       join src s on s.n = (t.id * 7 + k) % (select count(*) from src)
       join authors au on au.n = (t.id + k) % (select count(*) from authors)
       where t.space_id = (select id from community_spaces where slug = 'bench') order by t.id, k" \
    "insert into notification_follows (target_type, target_id, user_id)
       select 'thread', t.id, t.author_id from community_threads t
       where t.space_id = (select id from community_spaces where slug = 'bench') on conflict do nothing" \
    "analyze" >/dev/null
}

# --- interleaved A/B (ab_orders.sh, ab_replies.sh) ---
# CPU seconds of a server's JVM and of its PostgreSQL (the postmaster and its children)
cpu_of() { # jvm-pid data-dir
  local pm; pm=$(head -1 "$2/pg/postmaster.pid")
  for p in "$1" "$pm" $(pgrep -P "$pm"); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done \
    | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {printf "%.3f", s / hz}'
}
ab_row() { # done seconds p99 cpu-before cpu-after -> "per-second p99 cpu-ms-each"
  awk -v n="$1" -v s="$2" -v p="$3" -v c="$(awk -v a="$4" -v b="$5" 'BEGIN {print b - a}')" \
    'BEGIN {printf "%.1f %.1f %.3f\n", n / s, p, (n > 0 ? c * 1000 / n : 0)}'
}
ab_medians() { # noun nouns verb, rows "A-per-second A-p99 A-cpu B-per-second B-p99 B-cpu" on stdin
  python3 -c '
import sys, statistics as st
noun, nouns, verb = sys.argv[1:4]
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
med = [st.median(r[i] for r in rows) for i in range(6)]
wins = sum(1 for r in rows if r[3] > r[0])
print(f"medians: A {med[0]:.1f}/s p99 {med[1]:.1f} ms {med[2]:.3f} ms CPU; B {med[3]:.1f}/s p99 {med[4]:.1f} ms {med[5]:.3f} ms CPU")
print(f"B/A: {nouns}/s {med[3]/med[0]:.3f}, p99 {med[4]/med[1]:.3f}, CPU per {noun} {med[5]/med[2]:.3f}; B {verb} more in {wins} of {len(rows)} rounds")
' "$1" "$2" "$3"
}
