# ruff: noqa: T201, S603 - a command-line tool: it prints figures and runs fixed commands
"""How fast is the admin for an editor? Median of the edit view and of publishing.

The programme page Urban-LEDS, with every translatable field filled in all nine languages
(done once, as a published revision), on the database scale.py builds with 100 load-test
pages (`iclei_scale_100`, made if missing). A superuser, logged in with the Django test
client in a process of its own (DEBUG off), opens the page's edit view and publishes it
unchanged (the form a browser would send), --requests times each after one warm-up.
A German translator (the "Translators (Deutsch)" group, default "my languages": German with
the English source read-only) opens the same edit view.
Targets: each editor median ≤ 500 ms; the translator's edit view ≤ 250 KB of HTML and its
median ≤ 250 ms.

    .venv/bin/python benchmarks/admin.py                  # 10 runs each
    .venv/bin/python benchmarks/admin.py --profile        # also a pyinstrument profile of each
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.lib.stack import ROOT  # noqa: E402
from benchmarks.scale import build, env_for  # noqa: E402

TARGET_MS = 500
TRANSLATOR_TARGET_MS = 250
TRANSLATOR_TARGET_KB = 250

MEASURE = """
import json, statistics, sys, time
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.test.utils import setup_test_environment, teardown_test_environment
from django.urls import reverse
from modeltranslation.translator import translator
from tqdm import tqdm
from programmes.models import ProgrammePage
from tests.admin_forms import browser_form_data

requests, profile = int(sys.argv[1]), sys.argv[2] == "1"
page = ProgrammePage.objects.get(slug_en="urban-leds")
languages = [code for code, _name in settings.LANGUAGES]
if not page.title_de:  # once: every translatable field in every language, published
    def fill(obj):
        for name in translator.get_options_for_model(type(obj)).all_fields:
            english = getattr(obj, f"{name}_en")
            for code in languages:
                field = f"{name}_{code.replace('-', '_')}"
                if english and not getattr(obj, field) and name not in ("slug", "url_path"):
                    text = isinstance(english, str)
                    setattr(obj, field, f"{english} ({code})" if text else english)
    fill(page)
    for relation in ("phases", "figures", "partners"):
        for row in getattr(page, relation).all():
            fill(row)
            row.save()
    page.save_revision().publish()
User = get_user_model()
user = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
    "bench-admin", "bench-admin@example.org", "not-used-for-login-1"
)
client = Client(HTTP_HOST="localhost")
client.force_login(user)
url = reverse("wagtailadmin_pages:edit", args=[page.pk])

def publish_data():
    # The form's context is recorded only in Django's test environment (which slows every
    # template a little): switched on for this untimed request only.
    setup_test_environment()
    try:
        data = browser_form_data(client.get(url), "page-edit-form")
    finally:
        teardown_test_environment()
    data["action-publish"] = "action-publish"
    return data

def timed(call):
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = call()
    return (time.perf_counter() - started) * 1000, response, len(queries)

results = {}
response = client.get(url)  # warm up
results["size"] = len(response.content)
edit, publish = [], []
for _ in tqdm(range(requests), desc="edit view", file=sys.stderr):
    ms, response, queries = timed(lambda: client.get(url))
    assert response.status_code == 200, response.status_code
    edit.append(ms)
results["edit"] = {"times": edit, "queries": queries}
client.post(url, publish_data())  # warm up
for _ in tqdm(range(requests), desc="publish", file=sys.stderr):
    data = publish_data()
    ms, response, queries = timed(lambda: client.post(url, data))
    assert response.status_code == 302, f"publish refused: {response.status_code}"
    publish.append(ms)
results["publish"] = {"times": publish, "queries": queries}
from django.contrib.auth.models import Group
translator_user = User.objects.filter(username="bench-translator-de").first()
if translator_user is None:
    translator_user = User.objects.create_user("bench-translator-de", "de@example.org")
    translator_user.groups.add(Group.objects.get(name="Translators (Deutsch)"))
translator_client = Client(HTTP_HOST="localhost")
translator_client.force_login(translator_user)
response = translator_client.get(url)  # warm up
results["translator_size"] = len(response.content)
translator = []
for _ in tqdm(range(requests), desc="translator edit view", file=sys.stderr):
    ms, response, queries = timed(lambda: translator_client.get(url))
    assert response.status_code == 200, response.status_code
    translator.append(ms)
results["translator edit"] = {"times": translator, "queries": queries}
# The same translator with "my languages" = German alone (English only as help text).
from translations.models import LanguagePreference
LanguagePreference.objects.update_or_create(user=translator_user, defaults={"languages": ["de"]})
translator_user = User.objects.get(pk=translator_user.pk)  # forget the remembered languages
translator_client.force_login(translator_user)
results["translator_de_only_size"] = len(translator_client.get(url).content)
LanguagePreference.objects.filter(user=translator_user).delete()
if profile:
    from pyinstrument import Profiler
    for name, call in (("edit view", lambda: client.get(url)),
                       ("publish", (lambda data: lambda: client.post(url, data))(publish_data()))):
        profiler = Profiler()
        profiler.start()
        call()
        profiler.stop()
        print(f"--- profile: {name}", file=sys.stderr)
        print(profiler.output_text(unicode=True, color=False, show_all=False), file=sys.stderr)
print(json.dumps(results))
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="5 runs each")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    parser.add_argument("--pages", type=int, default=100, help="load-test pages in the database")
    args, _unknown = parser.parse_known_args(argv)
    build(args.pages, rebuild=False)
    requests = 5 if args.quick else args.requests
    env = env_for(args.pages)
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, str(requests), "1" if args.profile else "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    print(f"\nAdmin, programme page with nine languages ({args.pages} load-test pages)")
    print(f"{'':<12}{'median ms':>10}{'min':>8}{'max':>8}{'queries':>9}")
    met = True
    for name in ("edit", "publish", "translator edit"):
        times = figures[name]["times"]
        median = sorted(times)[len(times) // 2]
        met &= median <= (TRANSLATOR_TARGET_MS if name.startswith("translator") else TARGET_MS)
        print(
            f"{name:<12}{median:>10.0f}{min(times):>8.0f}{max(times):>8.0f}"
            f"{figures[name]['queries']:>9}"
        )
    translator_kb = figures["translator_size"] / 1024
    met &= translator_kb <= TRANSLATOR_TARGET_KB
    print(f"edit view HTML: {figures['size'] / 1024:.0f} KB (all nine languages)")
    print(f"translator's edit view HTML: {translator_kb:.0f} KB (German, English read-only)")
    print(
        "translator's edit view HTML, my languages = German alone: "
        f"{figures['translator_de_only_size'] / 1024:.0f} KB"
    )
    print(
        f"Targets: editor medians ≤ {TARGET_MS} ms; translator ≤ {TRANSLATOR_TARGET_MS} ms "
        f"and ≤ {TRANSLATOR_TARGET_KB} KB: " + ("met" if met else "NOT met")
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
