"""Who a write is made on behalf of, for model checks that depend on the person saving.

A model's clean() or pre_save sees no request. ActingUserMiddleware makes the signed-in
user of a request known for its duration; commands and the shell act as None (the
operator), or as a user inside `acting_as(user)`.
"""

import contextvars
from contextlib import contextmanager

_acting_user = contextvars.ContextVar("acting_user", default=None)


@contextmanager
def acting_as(user):
    """Writes inside the block are made on behalf of `user` (None: the operator)."""
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


def acting_user():
    return _acting_user.get()


class ActingUserMiddleware:
    """A request writes on behalf of its signed-in user, whatever view does the saving."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        with acting_as(user if user is not None and user.is_authenticated else None):
            return self.get_response(request)
