"""Reviews written one at a time by WRITERS members, each reviewing two products in turn: one that already has many
reviews and one that had none. If writing a review keeps the summary in constant time, both take the same time.
Prints one line per product: label, count, mean, p50 and p99 latency in ms, and the answers that were not 201.
Usage: python3 review_writes.py BASE_URL MANY_SLUG FEW_SLUG TOKEN,TOKEN,..."""
import json, sys, time, urllib.request, urllib.error

base, many, few, tokens = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(",")

def post(slug, token, n):
    body = {"rating": 1 + n % 5, "title": f"レビュー {n}",
            "body": f"届いてすぐに試しました。香りがよく、毎朝の一杯が楽しみになりました。({slug} への書き込み {n})"}
    req = urllib.request.Request(f"{base}/api/v1/products/{slug}/reviews", method="POST", data=json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    req.add_header("Authorization", "Bearer " + token)
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    return (time.perf_counter() - t0) * 1000, status

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p / 100))]

times = {many: [], few: []}
bad = {many: 0, few: 0}
for i, token in enumerate(tokens):
    # alternate which product goes first, so warm-up and caching favour neither
    for slug in ((many, few) if i % 2 == 0 else (few, many)):
        ms, status = post(slug, token, i)
        times[slug].append(ms)
        if status != 201: bad[slug] += 1
for label, slug in (("many", many), ("few", few)):
    xs = times[slug][10:]  # the first ten of each warm the JIT
    print(f"{label} {len(times[slug])} {sum(xs) / len(xs):.2f} {pct(xs, 50):.2f} {pct(xs, 99):.2f} {bad[slug]}")
