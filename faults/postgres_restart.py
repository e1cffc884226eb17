# ruff: noqa: T201 (a script: it prints what happened)
"""PostgreSQL restarted while the site is under load.

    .venv/bin/python faults/postgres_restart.py [--threads 8] [--before 10] [--after 15]

gunicorn (production settings, persistent connections: CONN_MAX_AGE=60 with health checks)
serves a steady load from a PostgreSQL cluster and a Redis of their own. The cluster is
restarted (fast shutdown: every session is cut) and the script prints when requests failed.
Expected: errors only while PostgreSQL is down, none later than 5 s after it is back, and the
same gunicorn workers throughout (the app is never restarted). Exit status 1 otherwise.
"""

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.lib.stack import Stack, free_port, log, main_guard  # noqa: E402
from faults.visitors import Load  # noqa: E402

RECOVERY_LIMIT = 5.0  # seconds after PostgreSQL is back


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--before", type=float, default=10, help="seconds of load before")
    parser.add_argument("--after", type=float, default=15, help="seconds of load after")
    args = parser.parse_args()

    with Stack("pg-restart") as stack:
        postgres = stack.postgres(free_port(18130))
        redis = stack.redis(free_port(postgres.port + 1))
        site = stack.site(postgres.createdb("portal"), redis.url(), CONN_MAX_AGE="60")
        site.prepare()
        site.serve(free_port(redis.port + 1), workers=2)
        workers_before = site.pids()

        log(f"load: {args.threads} visitors for {args.before:.0f} s, then the restart …")
        with Load(site.port, threads=args.threads) as load:
            time.sleep(args.before)
            down_at = load.now()
            postgres.restart()
            up_at = load.now()
            log(f"PostgreSQL restarted: down at {down_at:.2f} s, accepting again at {up_at:.2f} s")
            time.sleep(args.after)
        workers_after = site.pids()
        error_log = site.log_text()

    failures = load.failures()
    before, during, after = (
        load.failures(0, down_at),
        load.failures(down_at, up_at),
        load.failures(up_at),
    )
    last_failure = max((r[0] for r in failures), default=None)
    recovery = max(0.0, last_failure - up_at) if last_failure is not None else 0.0

    print()
    print(f"requests            {len(load.results)}")
    print(
        f"failed (5xx/conn.)  {len(failures)}: before {len(before)}, "
        f"during the restart {len(during)}, after {len(after)}"
    )
    print(f"restart window      {down_at:.2f}–{up_at:.2f} s ({up_at - down_at:.2f} s)")
    if failures:
        first = min(r[0] for r in failures)
        print(f"errors seen         {first:.2f}–{last_failure:.2f} s")
        print(f"kinds               {dict(Counter(str(r[2]) for r in failures))}")
    print(
        f"recovery            {recovery:.2f} s after PostgreSQL was back (limit {RECOVERY_LIMIT} s)"
    )
    print(
        f"gunicorn processes  {'unchanged' if workers_before == workers_after else 'CHANGED'} "
        f"({workers_before} → {workers_after})"
    )
    print(f"OperationalError lines in the app log: {error_log.count('OperationalError')}")

    ok = not before and recovery <= RECOVERY_LIMIT and workers_before == workers_after
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    main_guard(main)
