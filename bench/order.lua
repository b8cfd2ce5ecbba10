-- wrk: members (bearer tokens in turn) each order one unit of the drop's SKU; every thread stops after its share of
-- BENCH_ORDERS responses, so the run places a bounded number of orders. Prints status counts and percentiles.
local tokens = {}
for t in string.gmatch(os.getenv("BENCH_TOKENS"), "[^,]+") do tokens[#tokens + 1] = t end
local sku = os.getenv("BENCH_SKU")
local quota = tonumber(os.getenv("BENCH_ORDERS")) / tonumber(os.getenv("BENCH_THREADS"))
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
n, done_count, created, conflict, other, stopped_at = 0, 0, 0, 0, 0, 0 -- globals: done() reads them with thread:get
function init(args)
  n = tonumber(id) * 7919
end
local function order(of)
  return '{"items":[{"sku":"' .. of .. '","quantity":1}],"paymentMethod":"bank_transfer",' ..
    '"shippingAddress":{"name":"山田 花子","postalCode":"150-0001","prefecture":"13","city":"渋谷区","line1":"1-2-3","phone":"03-1234-5678"}}'
end
local body = order(sku)
-- BENCH_SOLD_OUT_EVERY=k with BENCH_SOLD_OUT_SKU: every k-th order asks for a sold-out SKU (a 409 through the order's
-- transaction), so a warm-up compiles the refusal path too and a drop's sell-out does not hit it uncompiled
local sold_out_every = tonumber(os.getenv("BENCH_SOLD_OUT_EVERY") or "0")
local sold_out = os.getenv("BENCH_SOLD_OUT_SKU") and order(os.getenv("BENCH_SOLD_OUT_SKU"))
-- BENCH_BUYERS=split: each thread takes turns over its own share of the members, so (with as many members as
-- connections) a member has about one order in flight at a time; otherwise every thread takes turns over all of them
local split = os.getenv("BENCH_BUYERS") == "split"
local function token()
  if not split then return tokens[(n % #tokens) + 1] end
  local share = math.floor(#tokens / tonumber(os.getenv("BENCH_THREADS")))
  return tokens[tonumber(id) * share + (n % share) + 1]
end
request = function()
  n = n + 1
  local b = (sold_out and sold_out_every > 0 and n % sold_out_every == 0) and sold_out or body
  return wrk.format("POST", "/api/v1/orders",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token()}, b)
end
response = function(status, headers, b)
  done_count = done_count + 1
  if status == 201 then created = created + 1 elseif status == 409 then conflict = conflict + 1 else other = other + 1 end
  if done_count >= quota and stopped_at == 0 then
    -- wrk always runs for its full -d; the time this thread finished its share is what orders/s is measured over
    local clock = io.popen("date +%s%N")
    stopped_at = tonumber(clock:read("*l"))
    clock:close()
    wrk.thread:stop()
  end
end
done = function(summary, latency, requests)
  local c, x, o, last = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); x = x + t:get("conflict"); o = o + t:get("other")
    last = math.max(last, t:get("stopped_at"))
  end
  local seconds = (last - tonumber(os.getenv("BENCH_START_NS"))) / 1e9
  io.write(string.format("ORDERS responses=%d created=%d conflict=%d other=%d seconds=%.2f orders/s=%.1f p50=%.2f p99=%.2f\n",
    c + x + o, c, x, o, seconds, (c + x + o) / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
