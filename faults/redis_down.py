# ruff: noqa: T201 (a script: it prints what happened)
"""Redis down while the site is under load.

    .venv/bin/python faults/redis_down.py [--threads 8] [--outage 20]

gunicorn (production settings) serves a steady load from a PostgreSQL cluster and a Redis of
their own. Redis is stopped for a while, then started again. Meanwhile a visitor sends six
contact messages and an editor logs in to the admin (sessions are in the database, the
login lockout counts in the database too). Expected: no 5xx at all; /readyz stays 200, says
"degraded" with "cache": "unavailable" while Redis is away and "ok" again after (a load
balancer keeps the servers); five messages are stored and the sixth is refused with 429
(the contact form's limit is kept in the database); the cache errors are in the app's log.
Exit status 1 otherwise.
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.lib.stack import Stack, free_port, log, main_guard  # noqa: E402
from faults.visitors import Browser, Load  # noqa: E402

EDITOR = ("editor", "Kaiser-Friedrich-Str-53113")
THANKS = "Your message has been received"


def readiness(site):
    response = Browser(site.port).get("/readyz")
    body = json.loads(response.body)
    return response.status, body.get("status"), body.get("cache")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--outage", type=float, default=20, help="seconds without Redis")
    args = parser.parse_args()
    checks = {}

    with Stack("redis-down") as stack:
        postgres = stack.postgres(free_port(18140))
        redis = stack.redis(free_port(postgres.port + 1))
        site = stack.site(postgres.createdb("portal"), redis.url())
        site.prepare()
        site.shell(
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser({EDITOR[0]!r}, password={EDITOR[1]!r})"
        )
        site.serve(free_port(redis.port + 1), workers=2)
        checks["readyz before"] = readiness(site)

        with Load(site.port, threads=args.threads) as load:
            time.sleep(5)
            redis.stop()
            down_at = load.now()
            log(f"Redis stopped at {down_at:.1f} s")
            time.sleep(1)
            checks["healthz during"] = Browser(site.port).get("/healthz").status
            checks["readyz during"] = readiness(site)
            reply = Browser(site.port).send_contact_message()
            checks["contact message during"] = (reply.status, THANKS in reply.body.decode())
            # Every Browser comes from 127.0.0.1: four more use the allowance, a sixth is one
            # too many even though the cache that used to count them is gone.
            statuses = [Browser(site.port).send_contact_message().status for _ in range(5)]
            checks["5 more messages during"] = statuses
            editor = Browser(site.port)
            login = editor.post_form(
                "/admin/login/", None, {"username": EDITOR[0], "password": EDITOR[1]}
            )
            checks["admin login during"] = (login.status, login.getheader("Location"))
            checks["admin dashboard during"] = editor.get("/admin/").status
            time.sleep(max(0.0, args.outage - (load.now() - down_at)))
            redis.start()
            up_at = load.now()
            log(f"Redis started again at {up_at:.1f} s")
            time.sleep(5)
            checks["readyz after"] = readiness(site)
            checks["admin dashboard after"] = editor.get("/admin/").status
        stored = site.shell(
            "from wagtail.contrib.forms.models import FormSubmission; "
            "print(FormSubmission.objects.count())"
        )
        app_log = site.log_text()

    server_errors = [r for r in load.results if load.failed(r[2])]
    during = load.count(down_at, up_at)
    print()
    print(f"requests            {len(load.results)} ({during} while Redis was down)")
    print(f"5xx / conn. errors  {len(server_errors)}")
    for name, value in checks.items():
        print(f"{name:<24}{value}")
    print(f"messages stored     {stored}")
    print(f"cache errors logged {app_log.count('django_redis') + app_log.count('ConnectionError')}")

    ok = (
        not server_errors
        and checks["readyz during"] == (200, "degraded", "unavailable")
        and checks["readyz after"] == (200, "ok", "ok")
        and checks["contact message during"] == (200, True)
        and checks["5 more messages during"] == [200, 200, 200, 200, 429]
        and stored == "5"
        and checks["admin login during"][0] == 302
        and checks["admin dashboard during"] == 200
        and checks["admin dashboard after"] == 200
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    main_guard(main)
