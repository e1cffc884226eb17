# ruff: noqa: T201 (a script: it prints what happened)
"""Visitors for the fault scripts: a browser-like client and a steady background load."""

import http.client
import ssl
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bs4 import BeautifulSoup

# Pages that each need the database (and the cache, where the app uses it).
PAGES = [
    "/en/",
    "/ru/",
    "/en/programmes/",
    "/en/programmes/urban-leds/",
    "/ru/programmy/urban-leds/",
    "/en/partners/",
    "/en/office/",
    "/api/v2/pages/?lang=en&type=programmes.ProgrammePage",
    "/sitemap.xml",
]
CONTACT = {
    "your_name": "Anna Petrova",
    "your_e_mail_address": "anna@example.org",
    "message": "Could you send me the Urban-LEDS report, please?",
}


class Browser:
    """Keeps cookies (Secure ones too: loopback speaks HTTP) and fills in forms it was given."""

    def __init__(self, port, timeout=30, tls=False):
        # Every browser comes from 127.0.0.1 and the contact form allows 5 messages per
        # address in 10 minutes: fault scripts post a handful of messages at most.
        self.port, self.timeout, self.cookies, self.tls = port, timeout, {}, tls
        self.base = f"{'https' if tls else 'http'}://127.0.0.1:{port}"

    def request(self, method, path, body=None, headers=None):
        if self.tls:  # our own throwaway certificate on loopback: nothing to verify
            context = ssl._create_unverified_context()  # noqa: S323
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=self.timeout, context=context
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.body = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, form_class, values):
        """Open the page, fill in the form of that class (or its first POST form) with `values`
        and send it."""
        page = self.get(path)
        soup = BeautifulSoup(page.body, "html.parser")
        form = (
            soup.find("form", class_=form_class) if form_class else soup.find("form", method="post")
        )
        if form is None:
            raise RuntimeError(f"no form.{form_class} on {path} (status {page.status})")
        data = {
            field["name"]: field.get("value", "")
            for field in form.find_all("input")
            if field.get("name")
        }
        data.update(values)
        return self.request(
            "POST",
            path,
            body=urlencode(data),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"{self.base}{path}",
            },
        )

    def send_contact_message(self, path="/en/office/"):
        return self.post_form(path, "contact-form", CONTACT)


class Load:
    """`threads` visitors requesting PAGES in turn until stopped; every answer is recorded
    as (seconds since start, path, status or error name)."""

    def __init__(self, port, threads=8, pages=PAGES):
        self.port, self.threads, self.pages = port, threads, pages
        self.results, self.lock = [], threading.Lock()
        self.stopping = threading.Event()
        self.start_time = None

    def __enter__(self):
        self.start_time = time.monotonic()
        self.workers = [
            threading.Thread(target=self.visit, args=(n,), daemon=True) for n in range(self.threads)
        ]
        for worker in self.workers:
            worker.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for worker in self.workers:
            worker.join(30)

    def now(self):
        return time.monotonic() - self.start_time

    def visit(self, offset):
        browser = Browser(self.port, timeout=60)  # a loaded CI machine is slow, not broken
        n = offset
        while not self.stopping.is_set():
            path = self.pages[n % len(self.pages)]
            n += 1
            try:
                outcome = browser.get(path).status
            except OSError as error:
                outcome = type(error).__name__
            with self.lock:
                self.results.append((self.now(), path, outcome))

    @staticmethod
    def failed(outcome):
        return not isinstance(outcome, int) or outcome >= 500

    def failures(self, start=0.0, end=float("inf")):
        return [r for r in self.results if start <= r[0] < end and self.failed(r[2])]

    def count(self, start=0.0, end=float("inf")):
        return sum(1 for r in self.results if start <= r[0] < end)
