"""Where one uncached render's time goes: run in a Django process (render_profile.py starts
it); prints one JSON line of {label: {phase: median ms}}.

Phases, timed by wrapping Django's own entry points while the requests run:
- compile: building SQL from querysets (SQLCompiler.as_sql, outermost call);
- database: the database's answers (the cursor's execute: a round trip on loopback);
- templates: Template.render (outermost call), less the compile and database time of the
  queries made while rendering (a lazy queryset evaluated in a template);
- rest: the remainder (middleware, routing, model instances, building the context).
"""

import contextlib
import json
import statistics
import sys
import time

import django

SQL_PHASES = ("compile", "database")


class Clock:
    """Adds up the time spent in wrapped callables by phase; a nested call counts once."""

    def __init__(self):
        self.totals = {}
        self.depth = dict.fromkeys(("templates", *SQL_PHASES), 0)

    def wrap(self, owner, name, phase):
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            if self.depth[phase]:
                return original(*args, **kwargs)
            self.depth[phase] = 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.depth[phase] = 0
                elapsed = time.perf_counter() - started
                self.add(phase, elapsed)
                if phase in SQL_PHASES and self.depth["templates"]:
                    self.add("sql in templates", elapsed)

        setattr(owner, name, timed)
        return lambda: setattr(owner, name, original)

    def add(self, phase, seconds):
        self.totals[phase] = self.totals.get(phase, 0.0) + seconds

    def lap(self):
        totals, self.totals = self.totals, {}
        return totals


def breakdown(urls, requests):
    from django.core.cache import cache
    from django.db.backends.utils import CursorWrapper
    from django.db.models.sql.compiler import SQLCompiler
    from django.template.base import Template
    from django.test import Client

    clock = Clock()
    client = Client(HTTP_HOST="localhost")
    results = {}
    with contextlib.ExitStack() as undo:
        undo.callback(clock.wrap(SQLCompiler, "as_sql", "compile"))
        undo.callback(clock.wrap(CursorWrapper, "execute", "database"))
        undo.callback(clock.wrap(Template, "render", "templates"))
        for label, url in urls:
            for _ in range(3):  # warm up: imports, template loading, renditions
                client.get(url)
            rows = []
            for _ in range(requests):
                cache.clear()  # uncached: nothing kept from the last render
                clock.lap()
                started = time.perf_counter()
                status = client.get(url).status_code
                rows.append((time.perf_counter() - started, clock.lap(), status))
            results[label] = summarise(rows)
    return results


def summarise(rows):
    def ms(values):
        return round(statistics.median(values) * 1000, 2)

    def phase(name):
        return [phases.get(name, 0.0) for _total, phases, _status in rows]

    figures = {
        "total": ms([total for total, _phases, _status in rows]),
        "compile": ms(phase("compile")),
        "database": ms(phase("database")),
        "templates": ms(
            [
                phases.get("templates", 0.0) - phases.get("sql in templates", 0.0)
                for _total, phases, _status in rows
            ]
        ),
        "status": rows[-1][2],
    }
    figures["rest"] = round(
        figures["total"] - figures["compile"] - figures["database"] - figures["templates"], 2
    )
    return figures


if __name__ == "__main__":
    django.setup()
    print(json.dumps(breakdown(json.loads(sys.argv[1]), int(sys.argv[2]))))  # noqa: T201
