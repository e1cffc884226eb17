"""StreamField block definitions packed once per process and admin language.

Wagtail packs a StreamField's block definition (telepath: every block's form, with the
rendered widgets of its fields) for each field of each form it renders. A body in nine
languages is nine fields whose blocks are copies of one definition (modeltranslation copies
the field), so an editor's Urban-LEDS form packed the 40 KB block library nine times on every
request: a fifth of the translator's edit view and more of the editor's. The definition
depends only on the block and the admin language (labels, help texts), never on the object,
the user or the request, so a form's block widgets take an earlier packing of an equal block
(Wagtail's Block.__eq__: the same class and constructor arguments) in the same language.
"""

import threading

from django.utils.translation import get_language

from wagtail.blocks.base import BlockWidget

_lock = threading.Lock()
# (block class, admin language) → [(block, JSContext, JSON), …]: blocks are kept, so an equal
# block is found by comparing definitions; a process has a handful (bodies, settings' lists).
_packed = {}


def share_block_definitions(form):
    """Give each StreamField widget of `form` the packed definition of an equal block."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, BlockWidget) and widget._block_json is None:
            _give_packed(widget)


def _give_packed(widget):
    block = widget.block_def
    packings = _packed.setdefault((type(block), get_language()), [])
    for known, js_context, block_json in packings:
        if known is block:
            widget._js_context, widget._block_json = js_context, block_json
            return
    for known, js_context, block_json in packings:
        if known == block:  # another language's copy: remembered too, found by identity
            widget._js_context, widget._block_json = js_context, block_json
            with _lock:
                packings.append((block, js_context, block_json))
            return
    widget._build_block_json()
    with _lock:
        packings.append((block, widget._js_context, widget._block_json))
