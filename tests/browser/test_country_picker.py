"""An editor picks a programme's countries without a mouse: types part of a name, moves to
the country with the keyboard, ticks it, saves, and the country is stored."""

import json

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

STORED_COUNTRIES = """
from programmes.models import ProgrammePage
import json
page = ProgrammePage.objects.get(slug_en="urban-leds").get_latest_revision_as_object()
print(json.dumps([country.code for country in page.countries]))
"""


@pytest.fixture
def urban_leds_editor(editor_tab):
    """A logged-in editor's tab, and the id of Urban-LEDS."""
    page, printed = editor_tab(
        "petra",
        "from programmes.models import ProgrammePage\n"
        'print(ProgrammePage.objects.get(slug_en="urban-leds").pk)\n',
    )
    return page, printed[-1]


def test_an_editor_finds_ticks_and_saves_a_country_with_the_keyboard(
    urban_leds_editor, server_shell, axe_source
):
    page, page_id = urban_leds_editor
    page.goto(f"/admin/pages/{page_id}/edit/")
    picker = page.locator("[data-controller=country-picker]").filter(
        has=page.locator("#id_countries")
    )
    find = picker.get_by_label("Find a country")
    options = picker.locator(".country-picker__options > label")
    assert options.count() > 240  # every country, as a checkbox
    page.evaluate(axe_source)  # through DevTools: not a script the admin's CSP must allow
    violations = page.evaluate(
        "() => axe.run(document.querySelector('#id_countries').closest('.country-picker'),"
        " {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']}})"
        ".then(result => result.violations.map(v => v.id))"
    )
    assert violations == []

    find.focus()
    page.keyboard.type("finl")

    expect(options.locator("visible=true")).to_have_count(1)
    expect(options.locator("visible=true")).to_have_text("Finland")
    page.keyboard.press("Enter")  # to the country: it must not submit the page form
    finland = picker.get_by_role("checkbox", name="Finland")
    expect(finland).to_be_focused()
    page.keyboard.press("Space")
    expect(finland).to_be_checked()
    expect(picker.locator(".country-picker__status")).to_contain_text("Finland")
    page.keyboard.press("Escape")  # back to the filter box
    expect(find).to_be_focused()

    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()

    expect(page.locator(".messages")).to_contain_text("has been updated")
    stored = json.loads(server_shell(STORED_COUNTRIES).splitlines()[-1])
    assert "FI" in stored
    assert "BR" in stored  # the countries it had are kept


def test_a_phase_added_in_the_editor_gets_a_working_picker(urban_leds_editor):
    page, page_id = urban_leds_editor
    page.goto(f"/admin/pages/{page_id}/edit/")

    page.locator("#id_phases-ADD").click()

    picker = page.locator("#id_phases-FORMS .country-picker").last
    find = picker.get_by_label("Find a country")
    expect(find).to_be_visible()  # the controller connected to the row drawn from a template
    find.focus()
    page.keyboard.type("keny")
    expect(picker.locator(".country-picker__options > label:visible")).to_have_text(["Kenya"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(picker.get_by_role("checkbox", name="Kenya")).to_be_checked()
