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
local body = '{"items":[{"sku":"' .. sku .. '","quantity":1}],"paymentMethod":"bank_transfer",' ..
  '"shippingAddress":{"name":"山田 花子","postalCode":"150-0001","prefecture":"13","city":"渋谷区","line1":"1-2-3","phone":"03-1234-5678"}}'
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/orders",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1]}, body)
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
