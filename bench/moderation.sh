#!/usr/bin/env bash
# Trust & safety benchmark (issue 5): builds Kizuna, starts it on a fresh data directory, loads CASES (100,000) open
# moderation cases by SQL (reports on posts of 200 authors in one space, oldest first as the queue shows them), then
# measures with wrk at 64 connections, against GET /api/v1/ping in the same run: the queue API (first page, a page
# 90% of the way down, filtered by reason, as a moderator of the one space) and the queue page HTML, then the API and
# the page again at 16 connections. Then the
# banned-word micro-benchmark (bench/WordBench.java: a 10,000-character Japanese post against 5,000 words).
#
#   bash bench/moderation.sh            # about 6 minutes
#   CASES=10000 DURATION=10 bash bench/moderation.sh
source "$(dirname "$0")/lib.sh"
CASES=${CASES:-100000}

: >"$LOG"
start "-Dkizuna.rate-limits.signups-per-hour-per-ip=100000 -Dkizuna.rate-limits.logins-per-minute-per-ip=100000"
pg_connect
ADMIN=$(admin_token)
json() { curl -sf "$BASE$1" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "${@:2}"; }

echo "== a space, a global moderator, a moderator of the space and 200 authors"
json /api/v1/spaces -d '{"slug":"bench","name":"ベンチ","visibility":"public"}' >/dev/null
signup() { curl -sf "$BASE/api/v1/auth/signup" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$1\",\"password\":\"bench-password-1\",\"displayName\":\"$2\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])'; }
MOD_ID=$(signup mod@bench.kizuna.invalid "モデレーター")
json "/api/v1/users/$MOD_ID/role" -X PATCH -d '{"role":"moderator"}' >/dev/null
MOD=$(token mod@bench.kizuna.invalid bench-password-1)
SPACE_MOD_ID=$(signup spacemod@bench.kizuna.invalid "スペース担当")
json /api/v1/moderation/grants -d "{\"userId\":\"$SPACE_MOD_ID\",\"spaceSlug\":\"bench\",\"role\":\"moderator\"}" >/dev/null
SPACE_MOD=$(token spacemod@bench.kizuna.invalid bench-password-1)
for i in $(seq 1 200); do signup "author$i@bench.kizuna.invalid" "投稿者$i" >/dev/null; done

echo "== $CASES open cases by SQL"
t0=$(date +%s%N)
sql "insert into moderation_cases (target_type, target_id, space_id, author_id, excerpt, url, reasons, report_count, flag_weight, opened_at)
       select 'post', (1000000 + g)::text, (select id::text from community_spaces where slug = 'bench'), a.id,
              'ベンチマーク用の通報された投稿 ' || g || '。個人情報や誹謗中傷が含まれているかもしれません。', '/t/1#post-' || g,
              case g % 4 when 0 then array['spam'] when 1 then array['harassment', 'other'] when 2 then array['personal_info'] else array['off_topic'] end,
              1 + g % 3, 1 + g % 3, now() - make_interval(secs => $CASES - g)
       from generate_series(1, $CASES) g
       join (select id, row_number() over (order by id) - 1 as n from identity_users where email like 'author%@bench.kizuna.invalid') a on a.n = g % 200" \
  "insert into moderation_reports (case_id, target_type, target_id, reporter_id, reason)
       select c.id, c.target_type, c.target_id, $MOD_ID, c.reasons[1] from moderation_cases c" \
  "analyze" >/dev/null
LOAD_S=$(awk -v n=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.1f", n/1e9}')
OPEN=$(sql "select count(*) from moderation_cases where status <> 'resolved'" | tail -1)
echo "loaded $OPEN open cases in ${LOAD_S}s"
# a cursor 90% of the way down the queue: deep pages must cost what the first costs (keyset on opened_at, id)
DEEP=$(sql "select to_char(opened_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') || chr(31) || id from moderation_cases
            where status <> 'resolved' order by opened_at, id offset $((CASES * 9 / 10)) limit 1" | tail -1 \
  | python3 -c 'import sys,base64; print(base64.urlsafe_b64encode(sys.stdin.read().strip().encode()).decode().rstrip("="))')
curl -sf "$BASE/api/v1/moderation/queue" -H "Authorization: Bearer $MOD" | python3 -c 'import sys,json; d=json.load(sys.stdin); assert len(d["items"]) == 20, d'

echo "== load: $CONNECTIONS connections, ${DURATION}s per endpoint after ${WARMUP}s warm-up each"
measure_all \
  "ping|/api/v1/ping" \
  "queue-api|/api/v1/moderation/queue|Authorization: Bearer $MOD" \
  "queue-api-100|/api/v1/moderation/queue?limit=100|Authorization: Bearer $MOD" \
  "queue-api-deep|/api/v1/moderation/queue?cursor=$DEEP|Authorization: Bearer $MOD" \
  "queue-api-reason|/api/v1/moderation/queue?reason=personal_info|Authorization: Bearer $MOD" \
  "queue-api-space-mod|/api/v1/moderation/queue|Authorization: Bearer $SPACE_MOD" \
  "queue-page-html|/moderation|Authorization: Bearer $MOD"
# the same two at 16 connections: as many requests per second, without 64 clients queueing on two cores
SAVED=$CONNECTIONS; CONNECTIONS=16
ROWS+=("$(measure queue-api-c16 /api/v1/moderation/queue "Authorization: Bearer $MOD")")
ROWS+=("$(measure queue-page-html-c16 /moderation "Authorization: Bearer $MOD")")
CONNECTIONS=$SAVED
LOADED_RSS=$(rss_mb)

echo "== banned words: a 10,000-character post against 5,000 words"
# the matcher and normaliser as built (target/classes from the package step above), source-launched: not a unit test
WORDS=$("$JAVA" -XX:+UseSerialGC -cp "$ROOT/target/classes" "$ROOT/bench/WordBench.java" 5000 10000 20000)
echo "$WORDS"

REPORT="$OUT/moderation-latest.md"
{
  echo "Run: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), JVM options: ${JVM_OPTS:-none}"
  echo "Dataset: $OPEN open cases loaded by SQL in ${LOAD_S}s (200 authors, one space, one report each)."
  echo
  report_rows "${ROWS[@]}"
  echo
  echo "JVM RSS after the load: ${LOADED_RSS} MB"
  echo
  echo "Banned words (bench/WordBench.java, -XX:+UseSerialGC, 20,000 checks after 20,000 warm-up):"
  echo '```'
  echo "$WORDS"
  echo '```'
} >"$REPORT"
cat "$REPORT"
