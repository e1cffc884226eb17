"""Admin hooks of the translator tooling, one module per feature."""

from . import my_languages_hooks, po_hooks, status_hooks  # noqa: F401  (importing registers their hooks)
