-- wrk: members post replies (bearer tokens) spread over many threads, the way a busy community writes.
local tokens = {}
for t in string.gmatch(os.getenv("BENCH_TOKENS"), "[^,]+") do tokens[#tokens + 1] = t end
local first = tonumber(os.getenv("BENCH_FIRST_THREAD"))
local span = tonumber(os.getenv("BENCH_THREAD_SPAN"))
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
-- each wrk thread counts from its own base, and each run has its own tag (BENCH_RUN), so no member posts the same
-- text twice (the duplicate-post check) across threads or across a warm-up and the measured run
n = 0
local run = os.getenv("BENCH_RUN") or ""
function init(args)
  n = tonumber(id) * 1000000000
end
request = function()
  n = n + 1
  local thread = first + math.random(0, span - 1)
  local body = '{"body":"ベンチマークの返信です。保存方法について詳しい方はいますか？ #' .. run .. n .. '"}'
  return wrk.format("POST", "/api/v1/threads/" .. thread .. "/posts",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1]}, body)
end
dofile(os.getenv("BENCH_DIR") .. "/percentiles.lua")
