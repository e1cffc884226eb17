# ruff: noqa: T201, S603, S607 (a script: it prints figures and runs wrk by name)
"""Soak: a long steady load against gunicorn, looking for errors and memory growth.

    .venv/bin/python benchmarks/soak.py                 # 5 minutes, 64 connections
    .venv/bin/python benchmarks/soak.py --duration 30   # a quick look

gunicorn runs the production settings on a PostgreSQL cluster and a Redis of its own
(seeded, static files collected), on loopback. wrk keeps 64 connections busy, rotating
through every page of the sitemap in every language, the site search, the programme
filters and the read API. After a warm-up (templates compiled, connections opened), the
script samples the resident memory of gunicorn's master and workers every 10 s.

Prints requests, errors (connection, timeout, 5xx and other non-2xx/3xx answers), latency
percentiles, and the memory at start and end. Target: 0 errors and less than 10 % growth;
exit status 1 otherwise.
"""

import argparse
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.lib.stack import Stack, free_port, log, main_guard  # noqa: E402
from faults.visitors import Browser  # noqa: E402

MEMORY_GROWTH_LIMIT = 0.10
EXTRA_PATHS = [
    "/en/search/?q=climate",
    "/ru/search/?q=%D0%B2%D0%BE%D0%B7%D0%B4%D1%83%D1%85",
    "/en/search/?q=air+quality&page=2",
    "/en/programmes/?status=active",
    "/en/programmes/?country=DE",
    "/api/v2/pages/?lang=en&type=programmes.ProgrammePage&fields=title",
    "/api/v2/pages/?lang=ru&limit=20",
]
WRK_SCRIPT = """
paths = {%s}
counter = 0
server_errors = 0
statuses = {}

function setup(thread)
  table.insert(threads, thread)
end
threads = {}

function init(args)
  counter = math.random(#paths)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end

function done(summary, latency, requests)
  local fivexx = 0
  for _, thread in ipairs(threads) do fivexx = fivexx + thread:get("server_errors") end
  local p = {}
  for _, q in ipairs({50, 90, 99, 99.9}) do p[tostring(q)] = latency:percentile(q) / 1000 end
  io.write("RESULT ", string.format(
    '{"requests": %%d, "duration_s": %%.1f, "connect": %%d, "read": %%d, "write": %%d, '
    .. '"timeout": %%d, "non_2xx_3xx": %%d, "server_errors": %%d, "p50_ms": %%.1f, '
    .. '"p90_ms": %%.1f, "p99_ms": %%.1f, "p999_ms": %%.1f, "max_ms": %%.1f}',
    summary.requests, summary.duration / 1e6, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status, fivexx,
    p["50"], p["90"], p["99"], p["99.9"], latency.max / 1000), "\\n")
end
"""


def site_paths(site):
    """Every page in the sitemap (all languages) plus the parameterised endpoints. The
    sitemap may be an index of sitemap files: those are read too."""
    browser, pages, to_read, seen = Browser(site.port, timeout=120), set(), ["/sitemap.xml"], set()
    while to_read:
        path = to_read.pop()
        seen.add(path)
        text = browser.get(path).body.decode()
        for found in re.findall(r'(?:<loc>|href=")https?://[^/<"]+(/[^<"]*)', text):
            if "sitemap" in found:
                to_read += [] if found in seen else [found]
            else:
                pages.add(found)
    return sorted(pages) + EXTRA_PATHS


def lua_list(paths):
    return ", ".join(json.dumps(path) for path in paths)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--duration", type=int, default=300, help="seconds (default 300)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--warmup", type=int, default=20, help="seconds of load before")
    args = parser.parse_args()

    with Stack("soak") as stack:
        postgres = stack.postgres(free_port(18150))
        redis = stack.redis(free_port(postgres.port + 1))
        site = stack.site(postgres.createdb("portal"), redis.url(), CONN_MAX_AGE="60")
        site.prepare()
        site.serve(free_port(redis.port + 1), workers=args.workers)
        paths = site_paths(site)
        log(f"{len(paths)} URLs in rotation")
        script = stack.folder / "rotate.lua"
        script.write_text(WRK_SCRIPT % lua_list(paths))

        def wrk(seconds):
            return subprocess.run(
                ["wrk", "-t2", f"-c{args.connections}", f"-d{seconds}s", "--timeout", "30s",
                 "-s", str(script), site.url("/")],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip

        log(f"warm-up: {args.warmup} s at {args.connections} connections …")
        wrk(args.warmup)
        rss_start = site.rss_mib()
        log(f"soak: {args.duration} s at {args.connections} connections; RSS {rss_start:.1f} MiB")
        samples, done = [(0, rss_start)], threading.Event()

        def sample():
            started = time.monotonic()
            while not done.wait(10):
                elapsed = time.monotonic() - started
                samples.append((elapsed, site.rss_mib()))
                log(f"  {elapsed:4.0f} s  RSS {samples[-1][1]:.1f} MiB")

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        output = wrk(args.duration)
        done.set()
        sampler.join()
        rss_end = site.rss_mib()
        workers = len(site.pids()) - 1
        app_errors = site.log_text().count('"level": "ERROR"')

    result = json.loads(output.split("RESULT ", 1)[1])
    errors = sum(result[k] for k in ("connect", "read", "write", "timeout", "non_2xx_3xx"))
    growth = (rss_end - rss_start) / rss_start
    print()
    print(f"gunicorn            {workers} workers, production settings, PostgreSQL + Redis")
    print(
        f"load                {args.connections} connections for {result['duration_s']:.0f} s, "
        f"{len(paths)} URLs in rotation"
    )
    rate = result["requests"] / result["duration_s"]
    print(f"requests            {result['requests']} ({rate:.1f}/s)")
    print(
        f"errors              {errors} (connect {result['connect']}, read {result['read']}, "
        f"write {result['write']}, timeout {result['timeout']}, "
        f"non-2xx/3xx {result['non_2xx_3xx']}, of which 5xx {result['server_errors']})"
    )
    print(
        f"latency             p50 {result['p50_ms']:.0f} ms, p90 {result['p90_ms']:.0f} ms, "
        f"p99 {result['p99_ms']:.0f} ms, p99.9 {result['p999_ms']:.0f} ms, "
        f"max {result['max_ms']:.0f} ms"
    )
    print(
        f"memory (RSS)        start {rss_start:.1f} MiB, end {rss_end:.1f} MiB "
        f"({growth:+.1%}; peak {max(m for _t, m in samples):.1f} MiB)"
    )
    print(f"errors in app log   {app_errors}")
    ok = errors == 0 and growth <= MEMORY_GROWTH_LIMIT
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    main_guard(main)
