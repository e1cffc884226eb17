# ruff: noqa: T201, S603 - a command-line tool: it prints figures and runs fixed commands
"""Run every benchmark, one after another, each printing its own table of figures.

A benchmark is any script directly in benchmarks/ (not this one, not one whose name starts
with "_"); shared code lives in benchmarks/lib/. Each script starts what it needs on
loopback and stops it again. --quick sets BENCH_QUICK=1 for every script (short runs, for
development); other arguments are passed to every script.

    make bench                      # or: .venv/bin/python benchmarks/run_all.py
    .venv/bin/python benchmarks/run_all.py --quick
    .venv/bin/python benchmarks/run_all.py --only front_cache
"""

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts():
    return sorted(
        path
        for path in HERE.glob("*.py")
        if path.name != Path(__file__).name and not path.name.startswith("_")
    )


def main(argv):
    only = None
    if "--only" in argv:
        index = argv.index("--only")
        only = set(argv[index + 1].split(","))
        argv = argv[:index] + argv[index + 2 :]
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    if "--quick" in argv:  # an environment variable: not every script takes the option
        argv = [arg for arg in argv if arg != "--quick"]
        env["BENCH_QUICK"] = "1"
    failed = []
    for script in scripts():
        if only and script.stem not in only:
            continue
        print(f"\n=== {script.stem} " + "=" * (60 - len(script.stem)), flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(script), *argv], env=env, check=False)  # noqa: S603
        print(f"=== {script.stem}: exit {result.returncode}, {time.monotonic() - started:.0f} s")
        if result.returncode:
            failed.append(script.stem)
    if failed:
        print(f"\nFailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
