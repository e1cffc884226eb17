# ruff: noqa: T201 (a script: it prints what happened)
"""The mail server down while visitors write to the office.

    .venv/bin/python faults/mail_down.py

gunicorn (production settings, SMTP backend, its own SQLite database) is told to send mail
to a port on loopback. First nothing listens there (connection refused), then a server that
accepts connections and never answers (a hung mail server: the 10 s mail timeout applies).
In both cases a visitor sends a contact message. Expected: the visitor is thanked, the
message is stored, the failure is logged without the visitor's personal data. Exit status 1
otherwise.
"""

import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.lib.stack import Stack, free_port, log, main_guard  # noqa: E402
from faults.visitors import CONTACT, Browser  # noqa: E402

THANKS = "Your message has been received"


def silent_mail_server(port, stop):
    """Accept connections and never say a word, like a mail server that hangs."""
    listener = socket.create_server(("127.0.0.1", port))
    listener.settimeout(0.2)
    held = []
    while not stop.is_set():
        try:
            held.append(listener.accept()[0])
        except TimeoutError:
            continue
    for connection in held:
        connection.close()
    listener.close()


def send(site, what):
    started = time.monotonic()
    reply = Browser(site.port, timeout=60).send_contact_message()
    waited = time.monotonic() - started
    thanked = THANKS in reply.body.decode()
    log(f"{what}: HTTP {reply.status} after {waited:.1f} s, thanked: {thanked}")
    return reply.status == 200 and thanked


def main():
    results = {}
    with Stack("mail-down") as stack:
        mail_port = free_port(18190)
        site = stack.site(
            f"sqlite:///{stack.folder / 'portal.sqlite3'}",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(mail_port),
        )
        site.prepare()
        site.shell(
            "from organisation.models import OfficePage; p = OfficePage.objects.get(); "
            "p.to_address = 'office@example.org'; p.from_address = 'portal@example.org'; p.save()"
        )
        site.serve(free_port(18191), workers=1)

        results["refused"] = send(site, "mail server refuses connections")
        stop = threading.Event()
        server = threading.Thread(target=silent_mail_server, args=(mail_port, stop), daemon=True)
        server.start()
        time.sleep(0.5)
        results["hung"] = send(site, "mail server accepts and never answers")
        stop.set()
        server.join()

        stored = site.shell(
            "from wagtail.contrib.forms.models import FormSubmission; "
            "print(FormSubmission.objects.count())"
        )
        app_log = site.log_text()

    failures_logged = app_log.count("Could not e-mail the office")
    leaked = [value for value in CONTACT.values() if value in app_log]
    print()
    print(f"visitor thanked     refused: {results['refused']}, hung: {results['hung']}")
    print(f"messages stored     {stored} of 2")
    print(f"failures logged     {failures_logged} of 2")
    print(f"personal data in the log: {leaked or 'none'}")
    ok = all(results.values()) and stored == "2" and failures_logged == 2 and not leaked
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    main_guard(main)
