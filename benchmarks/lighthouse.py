# ruff: noqa: T201, S603 - a command-line tool: it prints figures and runs fixed commands
"""Lighthouse's mobile scores of the public pages, as a visitor gets them through nginx.

Starts the production stack (PostgreSQL, Redis, one gunicorn, nginx with the shipped rules,
benchmarks/lib/stack.py), warms each page once (the front cache then answers, as for every
visitor after the first), and runs Lighthouse (mobile emulation and throttling, its
defaults) in Debian's Chromium, --runs times a page; the median of each category is printed.
Target: 100 in accessibility, best practices and SEO, and at least 95 in performance.

Lighthouse is not one of the project's dependencies: `npx` fetches the pinned version from
the npm registry on first use (or pass --lighthouse with a lighthouse executable).

    .venv/bin/python benchmarks/lighthouse.py              # home, Urban-LEDS, the office
    .venv/bin/python benchmarks/lighthouse.py --page /ar/ --runs 1
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.lib.stack import FrontCacheStack, main_guard, print_targets  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"
PAGES = [
    "/en/",
    "/ru/",
    "/en/programmes/urban-leds/",
    "/ru/programmy/urban-leds/",
    "/en/office/",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse_command(executable):
    return [executable] if executable else ["npx", "--yes", LIGHTHOUSE]


def scores(command, url, folder):
    report = Path(folder) / "report.json"
    subprocess.run(
        [
            *command,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-path=/usr/bin/chromium",
            "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", action="append", help=f"a path (default {' '.join(PAGES)})")
    parser.add_argument("--runs", type=int, default=3, help="runs a page (median)")
    parser.add_argument("--lighthouse", help="a lighthouse executable instead of npx")
    parser.add_argument("--quick", action="store_true", help="one run a page")
    args = parser.parse_args(argv)
    pages, runs = args.page or PAGES, 1 if args.quick else args.runs
    command = lighthouse_command(args.lighthouse)

    results = {}
    with (
        FrontCacheStack(instances=1, workers=2, log=lambda text: print(text, flush=True)) as stack,
        tempfile.TemporaryDirectory() as folder,
    ):
        for path in pages:
            url = stack.nginx_url + path
            stack.get(url)  # the first visitor fills the front cache
            measured = []
            for run in range(runs):
                print(f"{path}: run {run + 1} of {runs}", flush=True)
                measured.append(scores(command, url, folder))
            results[path] = {
                name: statistics.median(run[name] for run in measured) for name in CATEGORIES
            }

    print(
        f"\n{'page (mobile, median of ' + str(runs) + ')':40}"
        + "".join(f"{c:>16}" for c in CATEGORIES)
    )
    for path, row in results.items():
        print(f"{path:40}" + "".join(f"{row[name]:>16.0f}" for name in CATEGORIES))
    print_targets(
        [
            (
                f"{name} >= {target} on every page",
                all(row[name] >= target for row in results.values()),
                f"lowest {min(row[name] for row in results.values()):.0f}",
            )
            for name, target in TARGETS.items()
        ]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(main))
