"""An editor who works in German opens Urban-LEDS and sees every German field, on every tab
of the edit view, and no field of another language; with all languages shown, Arabic is
written right to left in every Arabic input, text area and rich-text editor."""

import json

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SET_GERMAN = """
from django.contrib.auth.models import User
from programmes.models import ProgrammePage
from translations.models import LanguagePreference
user = User.objects.get(username="dora")
LanguagePreference.objects.update_or_create(user=user, defaults={"languages": ["de"]})
print(ProgrammePage.objects.get(slug_en="urban-leds").pk)
"""

# What a person sees of a field: its input, or the editor a script draws in its wrapper.
FIELDS = (
    "input[name$='_{code}']:not([type=hidden]), textarea[name$='_{code}'], "
    "select[name$='_{code}'], .translation-direction[lang='{code}']"
)


@pytest.fixture
def german_editor(editor_tab):
    """A logged-in editor's tab whose languages are German only, and Urban-LEDS's id."""
    page, printed = editor_tab("dora", SET_GERMAN)
    return page, printed[-1]


def hidden_fields(page, code):
    """The fields of language `code` that are not visible on their own tab; and how many."""
    hidden, total = [], 0
    tabs = page.locator("[role=tab]")
    for index in range(tabs.count()):
        tab = tabs.nth(index)
        tab.click()
        panel = page.locator(f"#{tab.get_attribute('aria-controls')}")
        fields = panel.locator(FIELDS.format(code=code))
        for number in range(fields.count()):
            field = fields.nth(number)
            total += 1
            if not field.is_visible():
                hidden.append(field.get_attribute("name") or field.inner_html()[:80])
    return hidden, total


def test_with_my_languages_german_every_german_field_is_visible(german_editor):
    page, page_id = german_editor
    page.goto(f"/admin/pages/{page_id}/edit/")
    hidden, total = hidden_fields(page, "de")
    assert total >= 21, f"Urban-LEDS has 21 German fields or more, found {total}"
    assert hidden == []
    for code in ("en", "fr", "ar", "zh_hans"):
        assert page.locator(FIELDS.format(code=code)).count() == 0, f"{code} is not theirs"
    assert "Deutsch" in page.locator("label[for=id_summary_de]").inner_text()


def test_arabic_fields_are_written_right_to_left(german_editor):
    page, page_id = german_editor
    page.goto(f"/admin/pages/{page_id}/edit/?languages=all")
    directions = page.evaluate(
        """() => [...document.querySelectorAll(
                "input[name$='_ar']:not([type=hidden]), textarea[name$='_ar'], "
                + ".translation-direction[lang='ar'] [contenteditable]")]
            .map(el => [el.name || el.className, getComputedStyle(el).direction])"""
    )
    assert len(directions) >= 19, directions
    assert [name for name, direction in directions if direction != "rtl"] == []
    german = page.evaluate(
        "() => getComputedStyle(document.querySelector('#id_summary_de')).direction"
    )
    assert german == "ltr"


AS_GERMAN_TRANSLATOR = """
from django.contrib.auth.models import Group, User
from programmes.models import ProgrammePage
user = User.objects.get(username="greta")
user.groups.set([Group.objects.get(name="Translators (Deutsch)")])
print(ProgrammePage.objects.get(slug_en="urban-leds").pk)
"""
SAVED_ROWS = """
import json
from programmes.models import ProgrammePage
page = ProgrammePage.objects.get(slug_en="urban-leds").get_latest_revision_as_object()
print(json.dumps([[f.unit_de for f in page.figures.all()], len(page.phases.all())]))
"""


def saved_rows(server_shell):
    """The German units of Urban-LEDS's figures in its latest revision; how many phases."""
    return json.loads(server_shell(SAVED_ROWS).splitlines()[-1])


def test_a_translator_translates_rows_without_buttons_to_change_them(editor_tab, server_shell):
    """No button to add, move or delete a phase or figure (a translator may not), and the
    inline panels' scripts still work without them: the German of a figure is saved."""

    def record_errors(page):
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))

    page, printed = editor_tab("greta", AS_GERMAN_TRANSLATOR, before_login=record_errors)
    units_before, phases_before = saved_rows(server_shell)
    page.goto(f"/admin/pages/{printed[-1]}/edit/")
    assert page.locator("#inline_child_phases-0").is_visible()
    assert page.locator("#id_phases-ADD, #id_figures-ADD").count() == 0
    assert page.locator("[data-inline-panel-child-move-up], [id$=-DELETE-button]").count() == 0

    page.locator("[name='figures-0-unit_de']").fill("Prozent")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()

    assert page.locator(".messages .success").count() == 1, page.locator(".messages").inner_text()
    assert page.errors == []
    units, phases = saved_rows(server_shell)
    assert units == ["Prozent", *units_before[1:]]
    assert phases == phases_before, "no row added or removed"
