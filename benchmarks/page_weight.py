# ruff: noqa: T201 - a command-line tool: it prints figures
"""What a browser transfers for a page: HTML, stylesheets, scripts, web fonts and the favicon.

Starts the production stack (PostgreSQL, Redis, one gunicorn, nginx with the shipped rules,
benchmarks/lib/stack.py), loads each page through nginx with gzip as a browser asks, then
every stylesheet and script it links, the Inter files its text needs (by the @font-face
unicode-range of site.css: a browser fetches a file only when the page has a character in
its range; both weights counted) and the favicon. Content images (heroes, cards) are left
out. Target: the English home page <= 80 KB on the wire.

    .venv/bin/python benchmarks/page_weight.py [--page /ru/ ...]
"""

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.front_cache import Assets, transferred  # noqa: E402
from benchmarks.lib.stack import FrontCacheStack, main_guard, print_targets  # noqa: E402

PAGES = ["/en/", "/ru/", "/ar/"]
TARGET_PAGE = "/en/"
TARGET_BYTES = 80 * 1024


class Text(HTMLParser):
    """The characters of the page a font would draw (text and attribute values shown)."""

    def __init__(self):
        super().__init__()
        self.chars, self.hidden = set(), 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.chars |= set(data)


def font_faces(css):
    """[(url relative to the stylesheet, [(low, high), ...])] of each @font-face."""
    faces = []
    for body in re.findall(r"@font-face\s*\{(.*?)\}", css, re.S):
        url = re.search(r'url\("?([^")]+)"?\)', body).group(1)
        ranges = []
        unicode_range = re.search(r"unicode-range:\s*([^;]+);", body)
        for part in (unicode_range.group(1) if unicode_range else "U+0-10FFFF").split(","):
            low, _dash, high = part.strip()[2:].partition("-")
            ranges.append((int(low, 16), int(high or low, 16)))
        faces.append((url, ranges))
    return faces


def css_language_override(css, language):
    """Whether site.css sets this language in the system fonts (no web font at all)."""
    return f":lang({language})" in css and "--system-fonts" in css


def page_rows(stack, path):
    html_wire, html = transferred(stack, path)
    rows = [(f"{path} HTML", html_wire, len(html))]
    assets = Assets()
    assets.feed(html.decode())
    text = Text()
    text.feed(html.decode())
    language = re.search(r'<html lang="([^"]+)"', html.decode()).group(1)
    for url in assets.urls:
        wire, raw = transferred(stack, url)
        rows.append((url, wire, len(raw)))
        if not url.endswith(".css"):
            continue
        css = raw.decode()
        if css_language_override(css, language):
            continue
        base = url.rsplit("/", 1)[0]
        for font_url, ranges in font_faces(css):
            if any(low <= ord(char) <= high for char in text.chars for low, high in ranges):
                absolute = str(Path(base, font_url)).replace("\\", "/")
                absolute = re.sub(r"/[^/]+/\.\./", "/", absolute)
                wire, raw = transferred(stack, absolute)
                rows.append((absolute, wire, len(raw)))
    wire, raw = transferred(stack, "/favicon.ico")
    rows.append(("/favicon.ico", wire, len(raw)))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", action="append", help=f"a path (default {' '.join(PAGES)})")
    parser.add_argument("--quick", action="store_true", help="accepted for run_all.py")
    args = parser.parse_args(argv)
    pages = args.page or PAGES

    with FrontCacheStack(instances=1, workers=1, log=lambda text: print(text, flush=True)) as stack:
        weights = {path: page_rows(stack, path) for path in pages}

    totals = {}
    for path, rows in weights.items():
        print()
        print(f"{path + ', as a browser loads it':56} {'wire bytes':>10} {'raw bytes':>10}")
        for url, wire, raw in rows:
            print(f"{url:56} {wire:10d} {raw:10d}")
        totals[path] = sum(row[1] for row in rows)
        print(f"{'total HTML + CSS + JS + fonts + favicon':56} {totals[path]:10d}")
    if TARGET_PAGE in totals:
        print_targets(
            [
                (
                    f"{TARGET_PAGE} <= {TARGET_BYTES // 1024} KB transferred",
                    totals[TARGET_PAGE] <= TARGET_BYTES,
                    f"{totals[TARGET_PAGE] / 1024:.1f} KB",
                )
            ]
        )
    return 0


if __name__ == "__main__":
    main_guard(main)
