"""Helpers for driving Wagtail admin forms from tests the way a browser would."""

import json

from wagtail import blocks
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.test.utils.wagtail_tests import WagtailTestUtils


def describe_form_errors(response):
    """Every validation error an admin form view sent back, as readable text."""
    context = response.context or {}
    form = context.get("form")
    if form is None:
        return f"HTTP {response.status_code}, no form in the context"
    lines = [f"HTTP {response.status_code}; form errors:", form.errors.as_text()]
    for name, formset in getattr(form, "formsets", {}).items():
        if formset.non_form_errors():
            lines.append(f"formset {name!r}: {formset.non_form_errors().as_text()}")
        lines.extend(
            f"formset {name!r} form {index}:\n{errors.as_text()}"
            for index, errors in enumerate(formset.errors)
            if errors
        )
    return "\n".join(lines)


def assert_saved(response):
    """The admin accepted the form: it redirects (a re-rendered form means errors)."""
    assert response.status_code == 302, describe_form_errors(response)


def browser_form_data(response, form_id):
    """The POST data a browser would send for the form `form_id` of an admin response, unchanged.

    wagtail.test.utils.form_data.querydict_from_html reads the plain inputs, but
    - it sends "" for a ticked checkbox without a value attribute (a browser sends "on", and
      Django reads "" as unticked), and
    - StreamFields are drawn by JavaScript from a JSON attribute, so their inputs are missing
      (and a StreamField without its "-count" input cannot be posted at all).
    Both are put right here, the StreamField values flattened from their JSON form state.
    The result is a plain dict with a list for each multi-valued field: the test client posts
    only the last value of each key of a QueryDict (ticked checkboxes would get lost).
    """
    html = response.content.decode()
    data = querydict_from_html(html, form_id=form_id)
    form = WagtailTestUtils.get_soup(html).find("form", attrs={"id": form_id})
    for checkbox in form.find_all("input", type="checkbox", checked=True):
        if "value" not in checkbox.attrs:
            data.setlist(checkbox["name"], ["on"])
    form_fields = response.context["form"].fields
    for widget in form.find_all(attrs={"data-controller": "w-block"}):
        name = widget["id"]
        value_state, _errors = json.loads(widget["data-w-block-arguments-value"])
        for key, value in _flatten_block_state(form_fields[name].block, value_state, name).items():
            data[key] = value
    return {key: values if len(values) > 1 else values[0] for key, values in data.lists()}


def _flatten_block_state(block, state, prefix):
    """Turn a block's JSON form state into the form inputs its JavaScript widget would post."""
    if isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        flat = {f"{prefix}-count": str(len(state))}
        for index, child in enumerate(state):
            item = f"{prefix}-{index}"
            flat.update({f"{item}-id": child["id"] or "", f"{item}-deleted": ""})
            flat[f"{item}-order"] = str(index)
            if isinstance(block, blocks.StreamBlock):
                flat[f"{item}-type"] = child["type"]
                child_block = block.child_blocks[child["type"]]
            else:
                child_block = block.child_block
            flat.update(_flatten_block_state(child_block, child["value"], f"{item}-value"))
        return flat
    if isinstance(block, blocks.StructBlock):
        flat = {}
        for name, child_block in block.child_blocks.items():
            flat.update(_flatten_block_state(child_block, state.get(name), f"{prefix}-{name}"))
        return flat
    if isinstance(block, blocks.ChooserBlock):
        return {prefix: str(state["id"]) if state else ""}
    if isinstance(state, bool):
        return {prefix: "on"} if state else {}
    return {prefix: "" if state is None else str(state)}
