-- wrk: print p50/p95/p99 (ms) and requests/s on one line, for figures wrk's --latency table lacks (p95).
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES rps=%.1f p50=%.2f p95=%.2f p99=%.2f non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status))
end
