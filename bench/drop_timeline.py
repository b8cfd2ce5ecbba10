#!/usr/bin/env python3
"""Where a drop's latency goes, from Tomcat's access log (bench/store.sh with ACCESS_LOG=1).

Reads lines of `begin-ms_status_micros_path` and prints, for the last burst of POST /api/v1/orders (bursts are split
by 2 s of silence), the server-side p50/p99, then per 200 ms of the burst: requests started, their statuses, and
their median and slowest times. The server's time excludes what wrk adds (its connections waiting to be read)."""
import collections
import glob
import sys


def bursts(rows):
    current = []
    for r in rows:
        if current and r[0] - current[-1][0] > 2000:
            yield current
            current = []
        current.append(r)
    if current:
        yield current


def main(directory):
    rows = []
    for name in sorted(glob.glob(directory + "/*.log")):
        for line in open(name, encoding="utf-8", errors="replace"):
            parts = line.strip().split("_", 3)
            if len(parts) == 4 and parts[3] == "/api/v1/orders":
                rows.append((int(parts[0]), int(parts[1]), int(parts[2]) / 1000.0))
    rows.sort()
    drop = list(bursts(rows))[-1] if rows else []
    if not drop:
        print("no orders in the access log")
        return
    ms = sorted(r[2] for r in drop)
    print("server side: %d orders, p50 %.0f ms, p99 %.0f ms, slowest %.0f ms"
          % (len(ms), ms[len(ms) // 2], ms[int(len(ms) * 0.99)], ms[-1]))
    start = drop[0][0]
    slices = collections.defaultdict(list)
    for begin, status, took in drop:
        slices[(begin - start) // 200].append((status, took))
    for k in sorted(slices):
        taken = sorted(t for _, t in slices[k])
        statuses = collections.Counter(s for s, _ in slices[k])
        print("  %5d ms  %4d started  %-22s median %4.0f ms  slowest %4.0f ms"
              % (k * 200, len(taken), " ".join("%d×%d" % (n, s) for s, n in sorted(statuses.items())),
                 taken[len(taken) // 2], taken[-1]))


if __name__ == "__main__":
    main(sys.argv[1])
