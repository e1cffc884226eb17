# ruff: noqa: T201, S603 - a command-line tool: it prints figures and runs fixed commands
"""Front cache against nginx's static-file rate, uncached gunicorn, and what the home page weighs.

Starts PostgreSQL (a database of its own), Redis, one gunicorn instance (-w 2, production
settings) and nginx with the shipped front-cache rules, then measures with wrk (-t1 -c16):

- nginx serving a static copy of the home page's HTML (the yardstick);
- the home and a programme page from the front cache (target: >= 50 % of the static rate);
- the same two pages straight from gunicorn -w 2, uncached (target: programme >= 350 req/s);

and prints requests/s, p50/p99 latency, queries per page and the bytes a browser transfers
for the home page (HTML + CSS + JS, gzip; target: <= 50 KB). Stops everything it started.

    .venv/bin/python benchmarks/front_cache.py [--duration 30] [--connections 16]
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.lib.stack import FrontCacheStack, find_executable, print_targets  # noqa: E402

HOME = "/en/"
PAGES = [("home", HOME), ("programme", "/en/programmes/urban-leds/")]
STATIC_RATIO_TARGET = 0.5
UNCACHED_TARGET = 350
HOME_BYTES_TARGET = 50 * 1024


def wrk(url, duration, connections, threads=1):
    """requests/s, p50 and p99 in ms, non-2xx/3xx count, from one wrk run."""
    output = subprocess.run(
        [
            find_executable("wrk"),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "rate": rate,
        "p50": milliseconds(percentiles["50"]),
        "p99": milliseconds(percentiles["99"]),
        "errors": int(errors.group(1)) if errors else 0,
    }


def milliseconds(value):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


class Assets(HTMLParser):
    """The stylesheets and scripts a browser loads for a page."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def transferred(stack, path):
    """Bytes on the wire (gzip) and uncompressed, for one URL through nginx."""
    status, headers, body = stack.get(stack.nginx_url + path, {"Accept-Encoding": "gzip"})
    if status != 200:
        raise RuntimeError(f"{path}: HTTP {status}")
    raw = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    return len(body), raw


def page_weight(stack):
    html_bytes, html = transferred(stack, HOME)
    parser = Assets()
    parser.feed(html.decode())
    rows = [("home page HTML", html_bytes, len(html))]
    for url in parser.urls:
        wire, raw = transferred(stack, url)
        rows.append((url, wire, len(raw)))
    return rows


QUERY_COUNT_SCRIPT = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
counts = {}
for url in %r:
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(url)  # the first request fills per-process caches, as a warm server has them
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    counts[url] = (status, len(queries))
print("QUERIES" + json.dumps(counts))
"""


def queries_per_page(stack, urls):
    output = stack.sites[0].manage("shell", "-c", QUERY_COUNT_SCRIPT % (urls,), capture=True)
    return json.loads(output.split("QUERIES", 1)[1])


def warm(stack, path):
    for _ in range(3):
        status, headers, _body = stack.get(stack.nginx_url + path)
        if headers.get("X-Cache-Status") == "HIT":
            return
    raise RuntimeError(f"{path} is not served from the front cache (last: {status}, {headers})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="5 s per run, for development")
    args = parser.parse_args(argv)
    duration = 5 if args.quick or os.environ.get("BENCH_QUICK") else args.duration

    with FrontCacheStack(instances=1, workers=2, log=lambda text: print(text, flush=True)) as stack:
        app = stack.app_urls[0]
        runs, sizes = [], {}
        for name, path in PAGES:
            # The yardstick: the very same HTML, saved as a file and served by the same nginx.
            _status, _headers, html = stack.get(app + path)
            (stack.static_copy_dir / f"{name}.html").write_bytes(html)
            sizes[name] = len(html)
            warm(stack, path)
            runs += [
                (name, "nginx static copy", stack.nginx_url + f"/__static_copy/{name}.html"),
                (name, "nginx front cache", stack.nginx_url + path),
                (name, "gunicorn -w 2, uncached", app + path),
            ]
        queries = queries_per_page(stack, [path for _name, path in PAGES])
        results = {}
        for name, how, url in runs:
            print(f"wrk -t1 -c{args.connections} -d{duration}s  {name}: {how} …", flush=True)
            results[name, how] = wrk(url, duration, args.connections)
        weight = page_weight(stack)

    print()
    print(
        f"{'page':10} {'served by':26} {'req/s':>9} {'vs static':>9} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'queries':>7} {'HTML bytes':>10}"
    )
    for name, path in PAGES:
        static = results[name, "nginx static copy"]["rate"]
        for how in ("nginx static copy", "nginx front cache", "gunicorn -w 2, uncached"):
            result = results[name, how]
            count = "-" if how == "nginx static copy" else queries[path][1]
            size = sizes[name]
            print(
                f"{name:10} {how:26} {result['rate']:9.0f} {result['rate'] / static:9.1%} "
                f"{result['p50']:8.2f} {result['p99']:8.2f} {count!s:>7} {size:10d}"
                + (f"  ({result['errors']} errors)" if result["errors"] else "")
            )
    print()
    print(f"{'home page, as a browser loads it':52} {'gzip bytes':>10} {'raw bytes':>10}")
    for url, wire, raw in weight:
        print(f"{url:52} {wire:10d} {raw:10d}")
    total_wire = sum(row[1] for row in weight)
    print(f"{'total HTML + CSS + JS':52} {total_wire:10d} {sum(row[2] for row in weight):10d}")

    ratios = {
        name: results[name, "nginx front cache"]["rate"]
        / results[name, "nginx static copy"]["rate"]
        for name, _path in PAGES
    }
    uncached = results["programme", "gunicorn -w 2, uncached"]["rate"]
    checks = [
        (
            f"cached pages >= {STATIC_RATIO_TARGET:.0%} of the static copy",
            min(ratios.values()) >= STATIC_RATIO_TARGET,
            ", ".join(f"{name} {ratio:.0%}" for name, ratio in ratios.items()),
        ),
        (
            f"uncached programme page >= {UNCACHED_TARGET} req/s",
            uncached >= UNCACHED_TARGET,
            f"{uncached:,.0f}",
        ),
        (
            f"home page HTML + CSS + JS <= {HOME_BYTES_TARGET // 1024} KB",
            total_wire <= HOME_BYTES_TARGET,
            f"{total_wire:,} bytes",
        ),
    ]
    print_targets(checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
