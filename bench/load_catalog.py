"""Loads ../shared/data/catalog-300.jsonl through Kizuna's public API (POST /api/v1/products, as an admin), signs up
N buyers and prints their tokens. Usage: python3 load_catalog.py BASE_URL ADMIN_TOKEN DATA_FILE BUYERS"""
import json, sys, urllib.request, urllib.error, concurrent.futures

base, admin_token, data_file, buyers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token: req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")

def product(line):
    p = json.loads(line)
    body = {k: p[k] for k in ("slug", "name", "description", "category", "taxRate", "variants")}
    body["visibility"] = "public"
    call("POST", "/api/v1/products", body, admin_token)
    return len(p["variants"])

def buyer(i):
    email = f"buyer{i}@bench.kizuna.invalid"
    try:
        call("POST", "/api/v1/auth/signup", {"email": email, "password": "bench-password-1", "displayName": f"buyer{i}"})
    except urllib.error.HTTPError as e:
        if e.code != 409: raise
    return call("POST", "/api/v1/auth/token", {"email": email, "password": "bench-password-1"})["token"]

with open(data_file, encoding="utf-8") as f, concurrent.futures.ThreadPoolExecutor(8) as pool:
    variants = sum(pool.map(product, f))
    tokens = list(pool.map(buyer, range(1, buyers + 1)))
print(f"{variants} variants loaded; tokens: {','.join(tokens)}")
