#!/usr/bin/env bash
# Store benchmark (issue 4): loads the shared catalog dataset (300 products, 596 variants) through the API, signs up 200
# buyers, then runs a limited drop: 1,000 units with a per-member limit of 10, 200 connections placing BENCH_ORDERS
# (5,000) one-unit orders with wrk. Checks that exactly 1,000 succeed, the rest are 409, stock ends at 0 and no member
# holds more than the limit. Then measures the product list (first page) and a product page against GET /api/v1/ping.
#
#   bash bench/store.sh            # about 8 minutes
#   DROPS=3 READS=0 bash bench/store.sh                              # three drops, no page reads
#   DROP_MODES="rotate split rotate split" READS=0 bash bench/store.sh   # how buyers map to connections, A/B (see below)
#   PG_STATEMENTS=1 DROPS=1 READS=0 bash bench/store.sh   # also where the database time of the warm-up orders went
#   PG_SETTINGS="commit_delay=200" DROPS=2 READS=0 bash bench/store.sh   # with a PostgreSQL setting changed (A/B)
#   ACCESS_LOG=1 DROPS=1 READS=0 bash bench/store.sh   # also each drop's server-side times per 200 ms (drop_timeline.py)
source "$(dirname "$0")/lib.sh"
BUYERS=${BUYERS:-200}
UNITS=${UNITS:-1000}
ORDERS=${ORDERS:-5000}
LIMIT=${LIMIT:-10}
CATALOG="${CATALOG:-$ROOT/../shared/data/catalog-300.jsonl}"

: >"$LOG"
LIFTED="$STORE_LIFTED"
# ACCESS_LOG=1: Tomcat logs each request's start, status and time (unbuffered, so a drop is complete right after it).
# For finding where a drop's time goes, not for its figures: every request then writes a line as it ends.
[ "${ACCESS_LOG:-0}" = 1 ] && LIFTED="$LIFTED -Dserver.tomcat.accesslog.enabled=true -Dserver.tomcat.accesslog.buffered=false \
  -Dserver.tomcat.accesslog.directory=$DATA/access -Dserver.tomcat.accesslog.pattern=%{begin:msec}t_%s_%D_%U"
start "$LIFTED"
pg_connect
pg_statements_on "$LIFTED"
pg_settings "$LIFTED"
ADMIN=$(admin_token)

echo "== loading the catalog dataset and $BUYERS buyers through the API"
t0=$(date +%s%N)
LOADED=$(python3 bench/load_catalog.py "$BASE" "$ADMIN" "$CATALOG" "$BUYERS")
LOAD_S=$(awk -v n=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.1f", n/1e9}')
TOKENS=$(echo "$LOADED" | sed 's/.*tokens: //')
echo "$LOADED" | cut -d';' -f1
PRODUCTS=$(sql "select count(*) from store_products" | tail -1)

echo "== limited drop: $UNITS units, $LIMIT per member, $ORDERS one-unit orders over $BUYERS members at 200 connections"
# a shop that has been selling before the drop: JIT_WARMUP seconds of orders for another product first, so the drop
# measures compiled code rather than the interpreter (on 2 cores the C2 compiler competes with 200 request threads).
# That product has a per-member limit too (999, the most allowed; no member reaches it), so the drop's limit check is
# compiled as well.
warm_product "$BASE" "$ADMIN"
# one warm-up order in SOLD_OUT_EVERY (10; 0: none) asks for a sold-out product: a warm-up of successes only compiles
# the 409 through the order's transaction as a trap, and the drop's sell-out then sends ~200 threads back to the
# interpreter at once (seen as hundreds of deoptimizations in one second with -Xlog:deoptimization=debug)
curl -sf "$BASE/api/v1/products" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"slug":"bench-sold-out","name":"完売ブレンド","description":"ベンチマーク","taxRate":"reduced","visibility":"public","category":"drop","perMemberLimit":999,"variants":[{"sku":"BENCH-SOLD-OUT","name":"200g","price":1620,"stock":0}]}' >/dev/null
echo "== warming the JIT: ${JIT_WARMUP:-90} s of orders for another product (one in ${SOLD_OUT_EVERY:-10} for a sold-out one)"
pg_statements_reset
WARM=$(BENCH_TOKENS="$TOKENS" BENCH_SKU=BENCH-WARM BENCH_SOLD_OUT_SKU=BENCH-SOLD-OUT BENCH_SOLD_OUT_EVERY=${SOLD_OUT_EVERY:-10} \
  BENCH_ORDERS=1000000 BENCH_THREADS=2 BENCH_START_NS=$(date +%s%N) \
  wrk -t2 -c200 -d"${JIT_WARMUP:-90}s" --timeout 10s -s bench/order.lua "$BASE" | grep ORDERS)
WARM_ORDERS=$(echo "$WARM" | sed 's/.*created=\([0-9]*\).*/\1/')
WARM_P=$(echo "$WARM" | sed 's/.* \(p50=.*\)/\1/')
echo "$WARM_ORDERS orders in ${JIT_WARMUP:-90} s, $WARM_P"
pg_statements_top 12
# wrk stops with 200 warm-up orders still in flight: let the server finish them, or the drop's first buyers wait behind them
sleep 3
# DROPS (1) drops one after the other, each of its own product. BUYERS_MODE says which member each order is from:
# "rotate" (the default, as in every earlier run) takes the next token per request, so one member may have orders in
# flight on two connections at once, each waiting for the other's purchase-limit row; "split" gives each wrk thread its
# own half of the members in turn, so a member has about one order in flight at a time, as a person at a browser does.
# DROP_MODES="rotate split rotate split" alternates them, an A/B of the harness on one server.
read -r -a MODES <<<"${DROP_MODES:-${BUYERS_MODE:-rotate}}"
DROP_LINES=()
for k in $(seq 1 "${DROPS:-${#MODES[@]}}"); do
  MODE=${MODES[$(( (k - 1) % ${#MODES[@]} ))]}
  SKU=BENCH-DROP; SLUG=bench-drop; [ "$k" -gt 1 ] && SKU=BENCH-DROP-$k && SLUG=bench-drop-$k
  curl -sf "$BASE/api/v1/products" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"slug\":\"$SLUG\",\"name\":\"限定ドロップ\",\"description\":\"ベンチマーク\",\"taxRate\":\"reduced\",\"visibility\":\"public\",\"category\":\"drop\",\"perMemberLimit\":$LIMIT,\"variants\":[{\"sku\":\"$SKU\",\"name\":\"200g\",\"price\":4860,\"stock\":$UNITS}]}" >/dev/null
  DROP=$(BENCH_TOKENS="$TOKENS" BENCH_SKU=$SKU BENCH_ORDERS=$ORDERS BENCH_THREADS=2 BENCH_BUYERS=$MODE BENCH_START_NS=$(date +%s%N) \
    wrk -t2 -c200 -d${DROP_SECONDS:-45}s --timeout 10s -s bench/order.lua "$BASE" | grep ORDERS)
  # the first sale to the last: how fast the units went
  SELL_S=$(sql "select round(extract(epoch from max(o.created_at) - min(o.created_at))::numeric, 2) from store_orders o join store_order_items i on i.order_id = o.id where i.sku = '$SKU'" | tail -1)
  STOCK=$(sql "select sum(t.stock) from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = '$SKU'" | tail -1)
  STORED=$(sql "select count(*) from store_order_items where sku = '$SKU'" | tail -1)
  MAX_HELD=$(sql "select coalesce(max(quantity), 0) from store_member_purchases m join store_products p on p.id = m.product_id where p.slug = '$SLUG'" | tail -1)
  OVER=$(sql "select count(*) from (select o.buyer_id from store_orders o join store_order_items i on i.order_id = o.id where i.sku = '$SKU' group by o.buyer_id having sum(i.quantity) > $LIMIT) x" | tail -1)
  LINE="drop $k (buyers: $MODE): $(echo "$DROP" | sed 's/ORDERS //'); sold out in ${SELL_S}s; orders stored $STORED, stock left $STOCK, most held by one member $MAX_HELD, members over the limit $OVER"
  echo "$LINE"
  DROP_LINES+=("$LINE")
  [ "${ACCESS_LOG:-0}" = 1 ] && python3 bench/drop_timeline.py "$DATA/access"
  sleep 3
done

if [ "${READS:-1}" = 0 ]; then
  { echo "Run: $(date -u +%Y-%m-%dT%H:%MZ); warm-up: $WARM_ORDERS orders in ${JIT_WARMUP:-90} s, $WARM_P"; printf '%s\n' "${DROP_LINES[@]}"; } >"$OUT/store-latest.md"
  exit 0
fi

echo "== reads: $CONNECTIONS connections, ${DURATION}s per endpoint after ${WARMUP}s warm-up each"
SAMPLE=product-0150
measure_all \
  "ping|/api/v1/ping" \
  "products-first|/api/v1/products" \
  "product-json|/api/v1/products/$SAMPLE" \
  "product-page-html|/store/$SAMPLE" \
  "store-front-html|/store"
LOADED_RSS=$(rss_mb)

REPORT="$OUT/store-latest.md"
{
  echo "Run: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), JVM options: ${JVM_OPTS:-none}"
  echo "Dataset: catalog-300 ($PRODUCTS products) and $BUYERS buyers through the API in ${LOAD_S}s."
  echo
  echo "Limited drops ($UNITS units, $LIMIT per member, wrk -t2 -c200, one-unit bank-transfer orders; sold out: first to last order's created_at):"
  printf -- '- %s\n' "${DROP_LINES[@]}"
  echo "Before the drops, ${JIT_WARMUP:-90} s of orders for another product at 200 connections (JIT warm-up; one in ${SOLD_OUT_EVERY:-10} for a sold-out product): $WARM_ORDERS orders, $WARM_P"
  echo
  report_rows "${ROWS[@]}"
  echo
  echo "JVM RSS after the load: ${LOADED_RSS} MB"
} >"$REPORT"
cat "$REPORT"
