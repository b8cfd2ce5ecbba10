"""Loads ../shared/data/forum-2000x5.jsonl through Kizuna's public API (as the peer systems were loaded):
users bench1..bench20 sign up, a public space "forum" holds the 2,000 threads, replies follow in order.
Usage: python3 load_forum.py BASE_URL ADMIN_TOKEN DATA_FILE"""
import json, sys, urllib.request, concurrent.futures

base, admin_token, data_file = sys.argv[1], sys.argv[2], sys.argv[3]

def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token: req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")

tokens = {}
for i in range(1, 21):
    user = f"bench{i}"
    email = f"{user}@bench.kizuna.invalid"
    try:
        call("POST", "/api/v1/auth/signup", {"email": email, "password": "bench-password-1", "displayName": user})
    except urllib.error.HTTPError as e:
        if e.code != 409: raise
    tokens[user] = call("POST", "/api/v1/auth/token", {"email": email, "password": "bench-password-1"})["token"]
try:
    call("POST", "/api/v1/spaces", {"slug": "forum", "name": "フォーラム", "visibility": "public"}, admin_token)
except urllib.error.HTTPError as e:
    if e.code != 409: raise

def load(line):
    t = json.loads(line)
    first = t["posts"][0]
    thread = call("POST", "/api/v1/spaces/forum/threads", {"title": t["title"], "body": first["body"], "kind": "discussion"}, tokens[first["user"]])
    for p in t["posts"][1:]:
        call("POST", f"/api/v1/threads/{thread['id']}/posts", {"body": p["body"]}, tokens[p["user"]])
    return len(t["posts"])

with open(data_file, encoding="utf-8") as f, concurrent.futures.ThreadPoolExecutor(8) as pool:
    posts = sum(pool.map(load, f))
print(f"{posts} posts loaded; tokens: {','.join(tokens.values())}")
