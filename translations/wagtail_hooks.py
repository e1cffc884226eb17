"""Admin hooks of the translator tooling, one module per feature."""

from . import po_hooks, status_hooks  # noqa: F401  (importing registers their hooks)
