# ruff: noqa: T201, S603, S607 (a script: it prints figures and runs Debian's scanners by name)
"""Injection scan of the public site with Debian's wapiti and sqlmap, on loopback.

    .venv/bin/python security/scan.py [--wapiti-minutes 8] [--skip-sqlmap] [--skip-wapiti]

The portal runs with production settings (HTTPS by gunicorn with a throwaway self-signed
certificate, so the Secure CSRF and session cookies work as in production) on a PostgreSQL
cluster and a Redis of its own, seeded. Then:

- wapiti crawls the English site and the read API (not the admin; the other languages run
  the same code) and attacks every parameter and form it finds with its SQL
  (error-based and time-based), XSS (reflected and stored), command execution, file/path
  traversal, CRLF and open-redirect modules;
- sqlmap tests each public endpoint that takes parameters: the site search, the programme
  filters, the read API, and the office contact form (a POST with CSRF token).

Prints the findings per tool and per kind, and any server error (5xx) a scanner caused.
Reports are kept in var/security-reports/. Exit status 1 on any injection, XSS or 5xx.
"""

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bs4 import BeautifulSoup  # noqa: E402

from benchmarks.lib.stack import ROOT, Stack, free_port, log, main_guard  # noqa: E402
from faults.visitors import Browser  # noqa: E402
from security.observatory import self_signed_certificate  # noqa: E402

REPORTS = ROOT / "var" / "security-reports"
WAPITI_MODULES = "sql,blindsql,xss,permanentxss,exec,file,crlf,redirect"
CONTACT_FIELDS = "your_name=Anna+Petrova&your_e_mail_address=anna%40example.org&message=Hello"


def sqlmap_targets(base, port):
    """(name, sqlmap arguments) for each public endpoint that takes parameters."""
    office = f"{base}/en/office/"
    # The contact form: a real CSRF cookie and token (they stay valid), a fresh one-time form
    # token fetched before each request, and a random X-Forwarded-For per request (the scan
    # server trusts 127.0.0.1 as its proxy) so the per-address limit lets the posts through.
    browser = Browser(port, tls=True)
    form = BeautifulSoup(browser.get("/en/office/").body, "html.parser").find(
        "form", class_="contact-form"
    )
    csrf = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    return [
        ("search", ["-u", f"{base}/en/search/?q=climate&page=1"]),
        ("search (ru)", ["-u", f"{base}/ru/search/?q=climate"]),
        (
            "programme filters",
            ["-u", f"{base}/en/programmes/?country=DE&status=active&theme=air-quality&page=1"],
        ),
        (
            "read API",
            [
                "-u",
                f"{base}/api/v2/pages/?lang=en&type=programmes.ProgrammePage&search=air"
                "&order=title&limit=5&offset=0&fields=title",
            ],
        ),
        (
            "contact form",
            [
                "-u",
                office,
                "--data",
                f"{CONTACT_FIELDS}&_website=&_token=x&csrfmiddlewaretoken={csrf}",
                f"--cookie=csrftoken={browser.cookies['csrftoken']}",
                "--csrf-token=_token",
                f"--csrf-url={office}",
                f"--referer={office}",
                "--tamper=xforwardedfor",
                "--skip=_token,_website,csrfmiddlewaretoken",
            ],
        ),
    ]


def run_logged(command, log_path, what, heartbeat=30):
    """Run a scanner with its output in log_path, saying every `heartbeat` s that it works."""
    started = time.monotonic()
    with open(log_path, "w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT)
        while process.poll() is None:
            time.sleep(1)
            elapsed = time.monotonic() - started
            if int(elapsed) % heartbeat == 0:
                lines = log_path.read_text(errors="replace").strip().splitlines()
                last = lines[-1][:100] if lines else ""
                log(f"{what}: {elapsed:.0f} s … {last}")
    return process.returncode


def wapiti_runs(base, minutes):
    """(name, scope URL, start URLs, minutes): one crawl per folder. Debian's wapiti 3.0.4
    crashes on any --exclude under Python 3.11, so folders keep it out of the admin and of
    the seven languages that only repeat the English code paths."""
    return [
        (
            "en",
            f"{base}/en/",
            [
                f"{base}/en/search/?q=climate",
                f"{base}/en/programmes/?country=DE&status=active&theme=air-quality",
                f"{base}/en/office/",
            ],
            minutes * 0.75,
        ),
        (
            "api",
            f"{base}/api/v2/pages/",
            [
                f"{base}/api/v2/pages/?lang=en&type=programmes.ProgrammePage&search=air",
                f"{base}/api/v2/pages/?lang=ru&fields=title&order=title&limit=5&offset=0",
            ],
            minutes * 0.25,
        ),
    ]


def wapiti(base, folder, minutes):
    vulnerabilities, anomalies, details = {}, {}, []
    for name, scope, starts, run_minutes in wapiti_runs(base, minutes):
        report = REPORTS / f"wapiti-{name}.json"
        command = [
            "wapiti",
            "-u", scope,
            "--scope", "folder",
            "-m", WAPITI_MODULES,
            *[arg for url in starts for arg in ("-s", url)],
            "-d", "3",
            "--max-links-per-page", "40",
            "--max-files-per-dir", "30",
            "--max-scan-time", str(int(run_minutes * 60)),
            # One module may use the whole run: a cut module is reported, not hidden.
            "--max-attack-time", str(int(run_minutes * 60)),
            "-t", "30",
            "--flush-session",
            "--store-session", str(folder / "wapiti-session"),
            "--no-bugreport",
            "-f", "json",
            "-o", str(report),
        ]  # fmt: skip
        log(f"wapiti {scope}: modules {WAPITI_MODULES}, at most {run_minutes:.0f} min …")
        log_path = REPORTS / f"wapiti-{name}.log"
        run_logged(command, log_path, f"wapiti {name}")
        text = log_path.read_text(errors="replace")
        cut = re.findall(r"Max attack time was reached for module (\w+)", text)
        if "Max scan time was reached" in text:
            cut.append("the rest of the scan")
        details.append(f"wapiti {name}: cut by the time limit: {', '.join(cut) or 'nothing'}")
        found = json.loads(report.read_text())
        for group, counts in (("vulnerabilities", vulnerabilities), ("anomalies", anomalies)):
            for kind, items in found.get(group, {}).items():
                counts[kind] = counts.get(kind, 0) + len(items)
                details += [
                    f"{kind}: {item.get('method')} {item.get('path')} {item.get('info', '')[:120]}"
                    for item in items
                ]
    return vulnerabilities, anomalies, details


def sqlmap(base, port, folder):
    results = {}
    for name, arguments in sqlmap_targets(base, port):
        log_path = REPORTS / f"sqlmap-{re.sub(r'[^a-z]+', '-', name.lower()).strip('-')}.log"
        command = [
            "sqlmap",
            *arguments,
            "--batch",
            "--level", "2",
            "--risk", "1",
            "--timeout", "30",
            "--retries", "1",
            "--time-sec", "2",  # loopback: a 2 s delay stands out as well as 5 s
            "--flush-session",
            "--disable-coloring",
            "--output-dir", str(folder / "sqlmap"),
        ]  # fmt: skip
        log(f"sqlmap: {name} …")
        run_logged(command, log_path, f"sqlmap {name}", heartbeat=60)
        text = log_path.read_text(errors="replace")
        # "appears to be dynamic" is not a finding; "appears to be '<technique>' injectable" is.
        injectable = re.findall(
            r"parameter '([^']+)' (?:is vulnerable|appears to be '[^']+' injectable)", text
        )
        tested = re.findall(r"testing for SQL injection on (?:GET|POST) parameter '([^']+)'", text)
        clean = "do not appear to be injectable" in text
        results[name] = {
            "parameters tested": sorted(set(tested)),
            "injectable": sorted(set(injectable)),
            "verdict": "injectable" if injectable else ("none found" if clean else "see log"),
            "server errors": len(re.findall(r"HTTP error codes detected.*?50\d", text)),
        }
    return results


def server_errors(site):
    """5xx answers in gunicorn's log (Django logs each with its path)."""
    return re.findall(r"Internal Server Error: ([^\"]+)", site.log_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--wapiti-minutes", type=float, default=8)
    parser.add_argument("--skip-wapiti", action="store_true")
    parser.add_argument("--skip-sqlmap", action="store_true")
    args = parser.parse_args()
    REPORTS.mkdir(parents=True, exist_ok=True)

    with Stack("scan") as stack:
        postgres = stack.postgres(free_port(18120))
        redis = stack.redis(free_port(postgres.port + 1))
        site = stack.site(
            postgres.createdb("portal"),
            redis.url(),
            SECURE_SSL_REDIRECT="True",
            TRUSTED_PROXIES="127.0.0.1",  # see sqlmap_targets: the contact form's limit
        )
        site.prepare()
        cert, key = self_signed_certificate(stack.folder)
        site.serve(free_port(redis.port + 1), workers=2, tls=(cert, key))
        base = f"https://127.0.0.1:{site.port}"
        wapiti_found = None if args.skip_wapiti else wapiti(base, stack.folder, args.wapiti_minutes)
        sqlmap_found = None if args.skip_sqlmap else sqlmap(base, site.port, stack.folder)
        errors = server_errors(site)
        (REPORTS / "gunicorn.log").write_text(site.log_text())

    print()
    failed = bool(errors)
    if wapiti_found:
        vulnerabilities, anomalies, details = wapiti_found
        print("wapiti findings:")
        for kind, count in {**vulnerabilities, **anomalies}.items():
            print(f"  {count:3d}  {kind}")
        for line in details:
            print(f"       {line}")
        failed |= any(vulnerabilities.values()) or any(anomalies.values())
    if sqlmap_found:
        print("sqlmap:")
        for name, result in sqlmap_found.items():
            tested = ", ".join(result["parameters tested"])
            print(f"  {name:<18} {result['verdict']:<12} tested {tested}")
            failed |= bool(result["injectable"])
    print(f"server errors (5xx) during the scans: {len(errors)} {sorted(set(errors))[:10]}")
    print(f"reports: {REPORTS.relative_to(ROOT)}/")
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    main_guard(main)
