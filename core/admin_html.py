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

_AS_IS = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_BETWEEN_TAGS = re.compile(r">\s{2,}<")


def compact(html):
    """`html` with the whitespace between tags folded, outside elements where it counts."""
    parts, done = [], 0
    for kept in _AS_IS.finditer(html):
        parts += [_BETWEEN_TAGS.sub(">\n<", html[done : kept.start()]), kept.group(0)]
        done = kept.end()
    parts.append(_BETWEEN_TAGS.sub(">\n<", html[done:]))
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
