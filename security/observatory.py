# ruff: noqa: T201, S603, S607 (a script: it prints figures and runs local tools by name)
"""MDN HTTP Observatory scan of the portal, served as in production, on loopback.

    .venv/bin/python security/observatory.py          # prints the grade and every test

gunicorn runs the production settings (seeded SQLite database of its own) with TLS on
127.0.0.1, using a self-signed certificate that only this scan trusts, so the scanner sees
the headers a visitor gets over HTTPS (HSTS included). The scanner is the npm package
`@mdn/mdn-http-observatory`, installed once into var/tools/observatory with
`npm install --ignore-scripts` (its install scripts would download the HSTS preload list).

Loopback cannot pass one check for real: the HTTP→HTTPS redirection. The port speaks only
TLS, so the scanner finds no plain-HTTP site and counts the test as "not needed"; in
production nginx does that redirect (deploy/nginx). Exit status 1 unless the grade is A+.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.lib.stack import ROOT, Stack, free_port, log, main_guard  # noqa: E402

PACKAGE = "@mdn/mdn-http-observatory@1.4.8"
TOOL = ROOT / "var" / "tools" / "observatory"
SCANNER = TOOL / "node_modules" / "@mdn" / "mdn-http-observatory" / "src" / "scan.js"


def install_scanner():
    # Skipping install scripts skips the download of the HSTS preload list; loopback is on no
    # such list, so an empty one gives the same answers.
    preload = SCANNER.parent.parent / "conf" / "hsts-preload.json"
    if SCANNER.exists() and preload.exists():
        return
    log(f"installing {PACKAGE} into {TOOL.relative_to(ROOT)} …")
    TOOL.mkdir(parents=True, exist_ok=True)
    (TOOL / "package.json").write_text('{"private": true}\n')
    subprocess.run(
        ["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", PACKAGE],
        cwd=TOOL,
        check=True,
    )
    preload.write_text("{}\n")


def self_signed_certificate(folder):
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            key,
            "-out",
            cert,
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def scan(host, cert):
    # Called without the package's wrapper, which would replace NODE_EXTRA_CA_CERTS.
    result = subprocess.run(
        ["node", SCANNER, host],
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)},
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    if "error" in report:
        raise RuntimeError(f"scanner: {report['error']}")
    return report


def print_report(report):
    summary = report["scan"]
    print()
    print(
        f"Grade {summary['grade']}, score {summary['score']}/100 "
        f"({summary['testsPassed']} of {summary['testsQuantity']} tests passed)"
    )
    for name, test in report["tests"].items():
        mark = "pass" if test["pass"] else "FAIL"
        print(f"  {mark}  {name:<32} {test['scoreModifier']:+3d}  {test['result']}")
    print()
    for header in ("content-security-policy", "strict-transport-security"):
        print(f"  {header}: {summary['responseHeaders'].get(header, '(none)')}")


def main():
    install_scanner()
    with Stack("observatory") as stack:
        # Production as it is: HTTPS only, so the redirect to HTTPS stays on.
        site = stack.site(
            f"sqlite:///{stack.folder / 'portal.sqlite3'}", SECURE_SSL_REDIRECT="True"
        )
        site.prepare()
        cert, key = self_signed_certificate(stack.folder)
        port = free_port(18110)
        site.serve(port, workers=1, tls=(cert, key))
        log(f"scanning https://127.0.0.1:{port}/ …")
        report = scan(f"127.0.0.1:{port}", cert)
    print_report(report)
    return 0 if report["scan"]["grade"] == "A+" else 1


if __name__ == "__main__":
    main_guard(main)
