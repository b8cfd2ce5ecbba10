-- wrk: a single client searching for words from the forum dataset, one after another.
local words = {"味噌", "文庫本", "ラーメン", "緑茶", "財布", "猫", "カフェ", "保存方法", "ランニングシューズ", "湯呑み", "野菜", "パン"}
local i = 0
request = function()
  i = i + 1
  local w = words[(i % #words) + 1]
  local encoded = w:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", "/api/v1/search?q=" .. encoded)
end
dofile(os.getenv("BENCH_DIR") .. "/percentiles.lua")
