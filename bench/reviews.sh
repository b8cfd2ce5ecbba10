#!/usr/bin/env bash
# Reviews benchmark (issue 6): loads the shared catalog dataset through the API, gives one product REVIEWS (10,000)
# published reviews by SQL (members, ratings, helpful votes, brand replies; the summary row made from them), then
# measures the first page of its reviews (API, each sort) and its product page HTML at 64 connections against
# GET /api/v1/ping in the same run. Last, WRITERS members each review that product and one without reviews, one request
# at a time: equal latencies mean the summary is kept in constant time; the summary rows are checked against a recount.
#
#   bash bench/reviews.sh            # about 5 minutes
source "$(dirname "$0")/lib.sh"
REVIEWS=${REVIEWS:-10000}
WRITERS=${WRITERS:-200}
CATALOG="${CATALOG:-$ROOT/../shared/data/catalog-300.jsonl}"

: >"$LOG"
# the writers sign up and log in from one address: lift the per-IP limits for this run only
start "-Dkizuna.rate-limits.signups-per-hour-per-ip=100000 -Dkizuna.rate-limits.logins-per-minute-per-ip=100000"
pg_connect
ADMIN=$(admin_token)

echo "== loading the catalog dataset and $WRITERS writers through the API"
LOADED=$(python3 bench/load_catalog.py "$BASE" "$ADMIN" "$CATALOG" "$WRITERS")
TOKENS=$(echo "$LOADED" | sed 's/.*tokens: //')
echo "$LOADED" | cut -d';' -f1
MANY=product-0150
FEW=product-0151

echo "== $REVIEWS reviews of $MANY by SQL"
t0=$(date +%s%N)
sql "insert into identity_users (email, password_hash, display_name, handle, email_verified_at)
       select 'reviewer' || g || '@bench.kizuna.invalid', null, 'レビュアー' || g, 'reviewer' || g, now()
       from generate_series(1, $REVIEWS) g" \
    "insert into reviews (product_id, product_slug, author_id, rating, title, body, verified_purchase, helpful_count,
                          reply_body, reply_by, reply_at, created_at, updated_at)
       select p.id, p.slug, u.id,
              (array[5,5,5,4,4,4,3,2,1,5])[1 + (u.id % 10)],
              (array['毎朝の一杯に','香りが最高','少し酸味が強め','リピートします','期待どおり'])[1 + (u.id % 5)],
              (array['届いてすぐに淹れました。華やかな香りで、ミルクを入れても負けない力強さがあります。',
                     '中煎りで飲みやすく、家族にも好評でした。挽き目は中細挽きがおすすめです。',
                     '思っていたより酸味が強めでした。浅煎りが好きな方には合うと思います。',
                     'パッケージが丁寧で、贈り物にも使えそうです。次は別の産地も試してみます。',
                     '水出しにしても美味しかったです。夏の定番になりそうです。'])[1 + (u.id % 5)] || ' (' || u.id || ')',
              u.id % 3 = 0, (u.id * 7919) % 50,
              case when u.id % 50 = 0 then 'ご購入ありがとうございます。次回もお楽しみに。' end,
              case when u.id % 50 = 0 then (select id from identity_users where email = '$KIZUNA_ADMIN_EMAIL') end,
              case when u.id % 50 = 0 then now() end,
              now() - make_interval(mins => (u.id % 100000)::int), now()
       from identity_users u cross join store_products p
       where u.email like 'reviewer%@bench.kizuna.invalid' and p.slug = '$MANY'" \
    "insert into review_summaries (product_id, count, sum, s1, s2, s3, s4, s5)
       select product_id, count(*), sum(rating), count(*) filter (where rating = 1), count(*) filter (where rating = 2),
              count(*) filter (where rating = 3), count(*) filter (where rating = 4), count(*) filter (where rating = 5)
       from reviews where status = 'published' group by product_id" \
    "analyze" >/dev/null
GEN_S=$(awk -v n=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.1f", n/1e9}')
COUNT=$(sql "select count(*) from reviews" | tail -1)
echo "$COUNT reviews in ${GEN_S}s"

echo "== reads: $CONNECTIONS connections, ${DURATION}s per endpoint after ${WARMUP}s warm-up"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$BASE/api/v1/ping" >/dev/null # JIT warm-up of the whole stack
ROWS=()
ROWS+=("$(measure ping /api/v1/ping)")
ROWS+=("$(measure reviews-newest /api/v1/products/$MANY/reviews)")
ROWS+=("$(measure reviews-helpful "/api/v1/products/$MANY/reviews?sort=helpful")")
ROWS+=("$(measure reviews-rating "/api/v1/products/$MANY/reviews?sort=rating")")
ROWS+=("$(measure reviews-3-stars "/api/v1/products/$MANY/reviews?stars=3")")
ROWS+=("$(measure product-page-html /store/$MANY)")
ROWS+=("$(measure product-page-html-no-reviews /store/$FEW)")
LOADED_RSS=$(rss_mb)

echo "== writes: $WRITERS members each review $MANY ($REVIEWS reviews) and $FEW (none), one request at a time"
WRITES=$(python3 bench/review_writes.py "$BASE" "$MANY" "$FEW" "$TOKENS")
read -r _ MANY_N MANY_MEAN MANY_P50 MANY_P99 MANY_BAD <<<"$(echo "$WRITES" | grep '^many')"
read -r _ FEW_N FEW_MEAN FEW_P50 FEW_P99 FEW_BAD <<<"$(echo "$WRITES" | grep '^few')"
DRIFT=$(sql "select count(*) from review_summaries s full join (select product_id, count(*) c, sum(rating) r,
               count(*) filter (where rating = 5) f from reviews where status = 'published' group by product_id) x
             on x.product_id = s.product_id where s.count is distinct from x.c or s.sum is distinct from x.r or s.s5 is distinct from x.f" | tail -1)

REPORT="$OUT/reviews-latest.md"
{
  echo "Run: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), JVM options: ${JVM_OPTS:-none}"
  echo "Dataset: catalog-300 through the API; $COUNT reviews of $MANY generated by SQL in ${GEN_S}s."
  echo
  report_rows "${ROWS[@]}"
  echo
  echo "| review writes, one at a time | count | mean ms | p50 ms | p99 ms | not 201 |"
  echo "|---|---|---|---|---|---|"
  echo "| $MANY (${REVIEWS} reviews before) | $MANY_N | $MANY_MEAN | $MANY_P50 | $MANY_P99 | $MANY_BAD |"
  echo "| $FEW (none before) | $FEW_N | $FEW_MEAN | $FEW_P50 | $FEW_P99 | $FEW_BAD |"
  echo
  echo "Mean write time, many / none: $(awk -v a="$MANY_MEAN" -v b="$FEW_MEAN" 'BEGIN {printf "%.2f", a/b}') (1.00 = constant time)."
  echo "Summary rows that differ from a recount after the writes: $DRIFT"
  echo "JVM RSS after the reads: ${LOADED_RSS} MB"
} >"$REPORT"
cat "$REPORT"
