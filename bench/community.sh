#!/usr/bin/env bash
# Community benchmark (issue 3): loads the shared forum dataset through the API, generates 100,000 threads with
# 1,000,000 posts by SQL, rebuilds the search index, then measures thread lists (first and deep page), a thread's
# posts, the anonymous thread page, search, and replies under load. Anonymous reads go through the 1 s
# read cache shared by all viewers (the default, see ReadCache); "-member" rows read as a signed-in member. Ratios are to GET /api/v1/ping in the same run.
#
#   bash bench/community.sh                 # about 15 minutes
#   THREADS_TOTAL=20000 bash bench/community.sh   # a smaller generated dataset
#   REPLIES_ONLY=1 bash bench/community.sh        # the reply load alone, WINDOWS (2) windows of DURATION s each
# Replies are measured after REPLY_WARMUP (60) seconds of replies, so the write path runs compiled code, as reads do.
source "$(dirname "$0")/lib.sh"
THREADS_TOTAL=${THREADS_TOTAL:-100000}
POSTS_PER_THREAD=${POSTS_PER_THREAD:-10}
FORUM="${FORUM:-$ROOT/../shared/data/forum-2000x5.jsonl}"

: >"$LOG"
# 20 members write the dataset and then the reply load: lift the content gate's per-member flood limit (10 writes a
# minute) for this run only; banned words, link and duplicate checks stay on, so their cost is in the figures
start "-Dkizuna.moderation.writes-per-minute=100000000"
pg_connect
pg_statements_on "-Dkizuna.moderation.writes-per-minute=100000000"
pg_settings "-Dkizuna.moderation.writes-per-minute=100000000"
ADMIN=$(admin_token)

echo "== loading the forum dataset through the API"
t0=$(date +%s%N)
LOADED=$(python3 bench/load_forum.py "$BASE" "$ADMIN" "$FORUM")
FORUM_S=$(awk -v n=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.1f", n/1e9}')
TOKENS=$(echo "$LOADED" | sed 's/.*tokens: //')
echo "$LOADED" | cut -d';' -f1

echo "== generating $THREADS_TOTAL threads x $POSTS_PER_THREAD posts by SQL"
curl -sf "$BASE/api/v1/spaces" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"slug":"bench","name":"ベンチ","visibility":"public"}' >/dev/null
t0=$(date +%s%N)
generate_threads
GEN_S=$(awk -v n=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.1f", n/1e9}')
POSTS_TOTAL=$(sql "select count(*) from community_posts" | tail -1)
THREADS_ALL=$(sql "select count(*) from community_threads" | tail -1)
echo "generated in ${GEN_S}s: $THREADS_ALL threads, $POSTS_TOTAL posts"

echo "== rebuilding the search index"
REBUILDS_BEFORE=$(grep -c 'Search index rebuilt' "$LOG" || true)
curl -sf -X POST "$BASE/api/v1/admin/search/rebuild" -H "Authorization: Bearer $ADMIN" >/dev/null
until [ "$(grep -c 'Search index rebuilt' "$LOG")" -gt "$REBUILDS_BEFORE" ]; do sleep 1; done
REBUILD_LINE=$(grep 'Search index rebuilt' "$LOG" | tail -1 | sed 's/.*Search index rebuilt: //')
echo "$REBUILD_LINE"

FIRST_BENCH=$(sql "select min(t.id) from community_threads t join community_spaces s on s.id = t.space_id where s.slug = 'bench'" | tail -1)
SAMPLE=$((FIRST_BENCH + 12345 % THREADS_TOTAL))
# a cursor 90% of the way down the bench space's list: deep paging must cost what the first page costs
DEEP=$(sql "select pinned::text || chr(31) || to_char(last_activity_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') || chr(31) || id
            from community_threads where space_id = (select id from community_spaces where slug = 'bench')
            order by pinned desc, last_activity_at desc, id desc offset $((THREADS_TOTAL * 9 / 10)) limit 1" | tail -1 \
  | python3 -c 'import sys,base64; print(base64.urlsafe_b64encode(sys.stdin.read().strip().encode()).decode().rstrip("="))')

FIRST_TOKEN=${TOKENS%%,*}
# replies from the loader's members over all generated threads; prints wrk's PERCENTILES line
replies() { # seconds
  BENCH_RUN="$(date +%s%N)-" BENCH_TOKENS="$TOKENS" BENCH_FIRST_THREAD=$FIRST_BENCH BENCH_THREAD_SPAN=$THREADS_TOTAL \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" -s bench/reply.lua "$BASE" | grep PERCENTILES
}
# the newest post's id: replies stored since are counted by id (a count(*) of 1M posts would cost the window a second of CPU)
last_post() { sql "select coalesce(max(id), 0) from community_posts" | tail -1; }
reply_cpu() { # last-post-before kizuna-cpu-before kizuna-cpu-after postgres-cpu-before postgres-cpu-after
  local n; n=$(sql "select count(*) from community_posts where id > $1" | tail -1)
  awk -v n="$n" -v k="$2" -v K="$3" -v p="$4" -v P="$5" \
    'BEGIN {printf "%d replies stored; CPU per reply: Kizuna %.2f + PostgreSQL %.2f ms", n, (K-k)*1000/n, (P-p)*1000/n}'
}
if [ "${REPLIES_ONLY:-0}" = 1 ]; then
  echo "== replies only: ${REPLY_WARMUP:-60} s warm-up, then ${WINDOWS:-2} windows of ${DURATION}s"
  replies "${REPLY_WARMUP:-60}" >/dev/null
  for window in $(seq "${WINDOWS:-2}"); do
    last=$(last_post); pg_statements_reset
    k0=$(cpu_s kizuna); p0=$(cpu_s postgres); from=$(date -u +%T)
    out=$(replies "$DURATION")
    k1=$(cpu_s kizuna); p1=$(cpu_s postgres)
    echo "window $window ($from-$(date -u +%T) UTC): $(echo "$out" | sed 's/PERCENTILES //'); $(reply_cpu "$last" "$k0" "$k1" "$p0" "$p1")"
  done
  pg_statements_top 30
  exit 0
fi
echo "== load: $CONNECTIONS connections, ${DURATION}s per endpoint after ${WARMUP}s warm-up each"
measure_all \
  "ping|/api/v1/ping" \
  "threads-first|/api/v1/spaces/bench/threads" \
  "threads-first-member|/api/v1/spaces/bench/threads|Authorization: Bearer $FIRST_TOKEN" \
  "threads-deep|/api/v1/spaces/bench/threads?cursor=$DEEP" \
  "posts-first|/api/v1/threads/$SAMPLE/posts" \
  "posts-first-member|/api/v1/threads/$SAMPLE/posts|Authorization: Bearer $FIRST_TOKEN" \
  "thread-page-html|/t/$SAMPLE" \
  "space-page-html|/s/bench"

echo "== search, one client"
SEARCH=$(wrk -t1 -c1 -d"${DURATION}s" -s bench/search.lua "$BASE" | grep PERCENTILES)

echo "== replies, $CONNECTIONS connections, after ${REPLY_WARMUP:-60} s of replies to warm the JIT"
replies "${REPLY_WARMUP:-60}" >/dev/null
until [ "$(sql "select count(*) from notification_inbox" | tail -1)" = "0" ]; do sleep 0.1; done # the warm-up's fan-out
LAST=$(last_post); K0=$(cpu_s kizuna); P0=$(cpu_s postgres)
REPLY=$(replies "$DURATION")
K1=$(cpu_s kizuna); P1=$(cpu_s postgres)
REPLY_CPU=$(reply_cpu "$LAST" "$K0" "$K1" "$P0" "$P1")
# notification lag: how long the fan-out needed to drain what the load left, and a reply's notification reaching
# a follower (the first member follows the sample thread, the second replies)
INBOX_LEFT=$(sql "select count(*) from notification_inbox" | tail -1)
t0=$(date +%s%N)
until [ "$(sql "select count(*) from notification_inbox" | tail -1)" = "0" ]; do sleep 0.05; done
DRAIN_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
NOTIFICATIONS=$(sql "select count(*) from notifications" | tail -1)
SECOND_TOKEN=$(echo "$TOKENS" | cut -d, -f2)
curl -sf -X PUT "$BASE/api/v1/threads/$SAMPLE/follow" -H "Authorization: Bearer $FIRST_TOKEN" >/dev/null
t0=$(date +%s%N)
NOTE_POST=$(curl -sf "$BASE/api/v1/threads/$SAMPLE/posts" -H "Authorization: Bearer $SECOND_TOKEN" -H 'Content-Type: application/json' \
  -d '{"body":"通知の遅れを測ります"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
until curl -sf "$BASE/api/v1/me/notifications?limit=5" -H "Authorization: Bearer $FIRST_TOKEN" | grep -q "\"postId\":\"$NOTE_POST\""; do sleep 0.02; done
NOTE_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
# index lag: a reply posted right after the load, found by search on this node
MARK="ベンチ終了$(date +%s)"
t0=$(date +%s%N)
curl -sf "$BASE/api/v1/threads/$SAMPLE/posts" -H "Authorization: Bearer $FIRST_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"body\":\"$MARK\"}" >/dev/null
until curl -sf "$BASE/api/v1/search?q=$(python3 -c "import urllib.parse; print(urllib.parse.quote('$MARK'))")" | grep -q '"post"'; do sleep 0.05; done
LAG_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
LOADED_RSS=$(rss_mb)

REPORT="$OUT/community-latest.md"
{
  echo "Run: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), JVM options: ${JVM_OPTS:-none}"
  echo "Dataset: forum-2000x5 through the API in ${FORUM_S}s, then $THREADS_TOTAL threads x $POSTS_PER_THREAD posts generated by SQL in ${GEN_S}s"
  echo "($THREADS_ALL threads, $POSTS_TOTAL posts). Search index rebuild: $REBUILD_LINE."
  echo
  report_rows "${ROWS[@]}"
  echo
  echo "| other | figure |"
  echo "|---|---|"
  echo "| search, 1 client (12 forum words in turn) | $(echo "$SEARCH" | sed 's/PERCENTILES //') |"
  echo "| replies at $CONNECTIONS connections | $(echo "$REPLY" | sed 's/PERCENTILES //'); $REPLY_CPU |"
  echo "| a reply searchable after the load (index lag) | ${LAG_MS} ms |"
  echo "| notification inbox when the load stopped / time to drain it | $INBOX_LEFT happenings / ${DRAIN_MS} ms ($NOTIFICATIONS notifications written) |"
  echo "| a reply's notification visible to a follower | ${NOTE_MS} ms |"
  echo "| JVM RSS after the load | ${LOADED_RSS} MB |"
} >"$REPORT"
cat "$REPORT"
