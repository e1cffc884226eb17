# ruff: noqa: T201, S603 - a command-line tool: it prints figures and runs fixed commands
"""Where an uncached render's time goes, page by page, and what that allows at best.

On the database scale.py builds with 100 load-test pages (`iclei_scale_100`, made if
missing), the Django test client in a process of its own (DEBUG off, empty cache) renders
each page below --requests times; benchmarks/lib/render_breakdown.py times the phases:
building SQL (compile), the database's answers, the templates, and the rest (middleware,
routing, model instances, context). Medians per phase, so the columns add up only roughly.

The last column is what one worker could do if the SQL cost nothing (neither compiling nor
the database): 1000 / (templates + rest). Two workers on two cores, with wrk and
PostgreSQL on the same cores, get at most twice that. It is the ceiling of any rewrite of
the queries; front_cache.py measures what gunicorn really does.

    .venv/bin/python benchmarks/render_profile.py              # 30 renders of each page
    .venv/bin/python benchmarks/render_profile.py --quick      # 10
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.lib.stack import ROOT  # noqa: E402
from benchmarks.scale import build, env_for  # noqa: E402

URLS = [
    ("home", "/en/"),
    ("programme page", "/en/programmes/urban-leds/"),
    ("programme listing", "/en/programmes/"),
    ("priority page", "/en/priorities/multilevel-governance/"),
    ("partner page", "/en/partners/cdp/"),
    ("partner listing", "/en/partners/"),
    ("office page", "/en/office/"),
    ("search", "/en/search/?q=clean+air"),
]
PHASES = ("compile", "database", "templates", "rest")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="10 renders of each page")
    parser.add_argument("--pages", type=int, default=100, help="load-test pages in the database")
    args, _unknown = parser.parse_known_args(argv)
    build(args.pages, rebuild=False)
    requests = 10 if args.quick else args.requests
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.lib.render_breakdown", json.dumps(URLS), str(requests)],
        cwd=ROOT,
        env=env_for(args.pages),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    print(f"\nUncached render, median ms of {requests} ({args.pages} load-test pages)")
    header = "".join(f"{name:>10}" for name in ("total", *PHASES))
    print(f"{'page':<20}{header}{'status':>8}{'req/s if SQL were free':>25}")
    for label, _url in URLS:
        row = figures[label]
        without_sql = row["templates"] + row["rest"]
        cells = "".join(f"{row[name]:>10.1f}" for name in ("total", *PHASES))
        print(f"{label:<20}{cells}{row['status']:>8}{1000 / without_sql:>25.0f}")
    failed = [label for label, row in figures.items() if row["status"] != 200]
    if failed:
        print("Not 200: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
