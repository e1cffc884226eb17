# ruff: noqa: T201, S603 - a command-line tool: it prints figures and runs fixed commands
"""Random query strings against the front cache: a cached page's rate with and without them.

A link tracker's `?utm_source=…`, or a random parameter per request, must not make nginx
render and store a new copy each time (deploy/nginx/iclei-cache-maps.conf passes on only
the parameters pages read). Starts the front-cache stack (one gunicorn -w 2, nginx with the
shipped rules) and measures with wrk (-t1 -c16), in one run:

- the programme page from the front cache, no query string (the yardstick);
- the same page with a random `?utm_x=<random>` per request (target: >= 50 % of the first);
- the first again (the machine's load drifts: the ratio is to the mean of both);
- site search with a random `?q=<random>` per request, a parameter the page reads, and a
  random path per request (a 404 each): every request is a miss, and the gate before the
  app servers lets 10 a second through per visitor (bursts of 40), the rest get a 429.

For each: requests/s, p50/p99 latency, the requests that made a new copy (MISS) and 429s.

    .venv/bin/python benchmarks/query_strings.py [--duration 30] [--connections 16]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.front_cache import milliseconds, warm  # noqa: E402
from benchmarks.lib.stack import FrontCacheStack, find_executable, print_targets  # noqa: E402

PAGE = "/en/programmes/urban-leds/"
SEARCH = "/en/search/"
RATIO_TARGET = 0.5

# Counts, per response, what made a new copy (a MISS: revalidating an expired one is not)
# and what the gate turned away; the same script for every row, so each pays the same Lua
# cost. PARAM "" asks for PATH itself, "/" for a random path below it.
SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  misses, limited = 0, 0
  math.randomseed(os.time() + os.clock() * 1000000)
end
function request()
  if PARAM == "" then return wrk.format("GET", PATH) end
  local value = string.format("%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
  if PARAM == "/" then return wrk.format("GET", PATH .. value .. "/") end
  return wrk.format("GET", PATH .. "?" .. PARAM .. "=" .. value)
end
function response(status, headers, body)
  if headers["X-Cache-Status"] == "MISS" then misses = misses + 1 end
  if status == 429 then limited = limited + 1 end
end
function done(summary, latency, requests)
  local m, l = 0, 0
  for _, thread in ipairs(threads) do
    m, l = m + thread:get("misses"), l + thread:get("limited")
  end
  io.write(string.format("COUNTS %d %d %d\\n", summary.requests, m, l))
end
"""


def wrk(base, path, param, duration, connections):
    """requests/s, p50/p99 in ms, requests, misses and 429s of one wrk run."""
    script = f'PATH = "{path}"\nPARAM = "{param}"\n' + SCRIPT
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as file:
        file.write(script)
        file.flush()
        output = subprocess.run(
            [find_executable("wrk"), "-t1", f"-c{connections}", f"-d{duration}s", "--latency",
             "-s", file.name, base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    total, misses, limited = map(int, re.search(r"COUNTS (\d+) (\d+) (\d+)", output).groups())
    return {
        "rate": rate,
        "p50": milliseconds(percentiles["50"]),
        "p99": milliseconds(percentiles["99"]),
        "requests": total,
        "misses": misses,
        "limited": limited,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="5 s per run, for development")
    args = parser.parse_args(argv)
    duration = 5 if args.quick or os.environ.get("BENCH_QUICK") else args.duration

    cached, cached_again = "programme page, no query string", "the same, again"
    random_query, search, random_path = (
        "programme page, random ?utm_x=",
        "search, random ?q=",
        "random path (404), /en/<random>/",
    )
    rows = [
        (cached, PAGE, ""),
        (random_query, PAGE, "utm_x"),
        (cached_again, PAGE, ""),
        (search, SEARCH, "q"),
        (random_path, "/en/", "/"),
    ]
    results = {}
    with FrontCacheStack(instances=1, workers=2, log=lambda text: print(text, flush=True)) as stack:
        warm(stack, PAGE)
        for label, path, param in rows:
            print(f"wrk -t1 -c{args.connections} -d{duration}s  {label} …", flush=True)
            results[label] = wrk(stack.nginx_url, path, param, duration, args.connections)

    print()
    print(
        f"{'request':34} {'req/s':>9} {'vs cached':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'misses':>9} {'429s':>7}"
    )
    yardstick = (results[cached]["rate"] + results[cached_again]["rate"]) / 2
    for label, _path, _param in rows:
        result = results[label]
        print(
            f"{label:34} {result['rate']:9.0f} {result['rate'] / yardstick:9.1%} "
            f"{result['p50']:8.2f} {result['p99']:8.2f} {result['misses']:9d} "
            f"{result['limited']:7d}"
        )
    print()
    for label in (search, random_path):
        result = results[label]
        reached = result["requests"] - result["limited"]
        print(
            f"{label}: {reached} of {result['requests']} requests reached the app server in "
            f"{duration} s ({reached / duration:.1f}/s), {result['limited']} got a 429"
        )

    ratio = results[random_query]["rate"] / yardstick
    random_misses = results[random_query]["misses"]
    checks = [
        (
            f"random query string >= {RATIO_TARGET:.0%} of the cached rate",
            ratio >= RATIO_TARGET,
            f"{ratio:.0%}",
        ),
        (
            "random query strings make no new copy",
            random_misses == 0,
            f"{random_misses} misses",
        ),
    ]
    print_targets(checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
