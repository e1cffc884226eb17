"""Admin pages without the indentation of Wagtail's templates.

An edit form holding many fields is largely whitespace between tags (57 KB of a German
translator's 265 KB Urban-LEDS form). Each run of two or more whitespace characters between
two tags becomes one newline, which renders the same wherever whitespace collapses; <pre>,
<textarea>, <script> and <style>, where it may not, are left as they are, and so are
attributes and text. (minify-html went further, to 195 KB, but unquotes and reorders
attributes, which scripts and tests that read the admin's markup rely on.)
"""

import re

from django.conf import settings

_KEPT_OPEN = re.compile(r"<(pre|textarea|script|style)\b", re.I)
_KEPT_CLOSE = {
    tag: re.compile(rf"</{tag}\s*>", re.I) for tag in ("pre", "textarea", "script", "style")
}
_BETWEEN_TAGS = re.compile(r">\s{2,}<")
# A double-quoted attribute holding JSON (a StreamField's block definitions: 60 KB a body):
# single quotes spare escaping each of its quotes, and Django escapes every ' in values.
_JSON_ATTRIBUTE = re.compile(r'(\s[\w:.-]+)="([^"<>]*&quot;[^"<>]*)"')
_NEWLINES_IN_JSON = re.compile(r"(?:\\n *){2,}")  # "\n    \n  " in JSON strings of markup


def _fold(part):
    part = _BETWEEN_TAGS.sub(">\n<", part)
    return _JSON_ATTRIBUTE.sub(_single_quoted, part)


def _single_quoted(match):
    if "'" in match.group(2):
        return match.group(0)  # (not escaped by Django: left as it is)
    value = match.group(2)
    if match.group(1).strip() == "data-w-block-data-value":  # definitions, never content
        value = _NEWLINES_IN_JSON.sub(r"\\n", value)
    value = value.replace("&quot;", '"')
    return f"{match.group(1)}='{value}'"


def compact(html):
    """`html` with the whitespace between tags folded, outside elements where it counts."""
    # Each kept element's end is searched from its start (one pattern a tag): a single
    # pattern with a back-reference took twice as long on a 900 KB edit form.
    parts, done = [], 0
    for opening in _KEPT_OPEN.finditer(html):
        if opening.start() < done:
            continue  # inside an element already kept
        closing = _KEPT_CLOSE[opening.group(1).lower()].search(html, opening.end())
        end = closing.end() if closing else len(html)  # unclosed: the rest stays as it is
        parts += [_fold(html[done : opening.start()]), html[opening.start() : end]]
        done = end
    parts.append(_fold(html[done:]))
    return "".join(parts)


class AdminHTMLMiddleware:
    """Fold the whitespace of the admin's HTML pages (public pages are written compactly)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
            and not getattr(response, "streaming", False)
            and response.get("Content-Type", "").startswith("text/html")
            and not response.get("Content-Encoding")
        ):
            response.content = compact(response.content.decode(response.charset))
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
