"""An editor watches the draft in the editor's preview panel, in English, Russian and Arabic,
and the Checks panel counts its words and finds its problems; the browser blocks nothing
(the test client does not enforce CSP or frame-ancestors, Chromium does)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGE_IDS = """
from wagtail.models import Page
for slug in ("short-lived-climate-pollutants", "urban-leds"):
    print(Page.objects.get(slug_en=slug).pk)
"""
DRAFT_TITLE = "Awareness of short-lived climate pollutants (draft)"


@pytest.fixture
def editor(editor_tab):
    """A logged-in editor's tab that records what the browser blocked; the ids of the
    short-lived climate pollutants priority and of Urban-LEDS."""

    def record_blocked(page):
        page.blocked = []
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and page.blocked.append(message.text)
            ),
        )

    page, printed = editor_tab(
        "paula", PAGE_IDS, viewport={"width": 1400, "height": 900}, before_login=record_blocked
    )
    priority_id, programme_id = printed[-2:]
    return page, {"priority": priority_id, "programme": programme_id}


def preview_frame(page):
    return page.frame_locator("#w-preview-iframe")


@pytest.mark.parametrize(
    ("language", "title", "direction"),
    [
        ("en", DRAFT_TITLE, "ltr"),
        ("ru", "Осведомлённость о короткоживущих климатических загрязнителях", "ltr"),
        ("ar", DRAFT_TITLE, "rtl"),  # no Arabic title yet: the English one, as visitors see it
    ],
)
def test_the_preview_panel_shows_the_draft_in_each_language(editor, language, title, direction):
    page, ids = editor
    page.goto(f"/admin/pages/{ids['priority']}/edit/")
    page.locator("[name=title_en]").fill(DRAFT_TITLE)  # typed, not saved

    page.get_by_role("button", name="Toggle preview").click()
    frame = preview_frame(page)
    # As an editor does, choose the language once the panel shows its first preview: chosen
    # while the panel was still starting, the choice was sometimes lost.
    expect(frame.locator("h1")).to_have_text(DRAFT_TITLE, timeout=20_000)
    page.locator("#id_preview_mode").select_option(language)

    # The Arabic preview shows the English title too: its lang tells the two apart.
    expect(frame.locator("html")).to_have_attribute("lang", language, timeout=20_000)
    expect(frame.locator("h1")).to_have_text(title)
    expect(frame.locator("html")).to_have_attribute("dir", direction)
    assert page.blocked == []


def test_the_checks_panel_counts_words_and_finds_a_skipped_heading_level(editor):
    page, ids = editor
    page.goto(f"/admin/pages/{ids['programme']}/edit/")
    page.get_by_role("button", name="Toggle checks").click()

    checks = page.locator("[data-side-panel='checks']")
    words = checks.locator("[data-content-word-count]")
    expect(words).to_have_text(re.compile(r"^[1-9][0-9]+$"))  # "-" when the preview is blocked
    expect(checks.locator("[data-content-checker-count]")).to_have_text("0")

    # The editor closes the panel, adds a "Heading 4" straight under the page's title (two
    # levels skipped), and opens the panel again.
    page.get_by_role("button", name="Toggle checks").click()
    body = page.locator("[data-contentpath='body_en'] [contenteditable=true]").first
    body.click()
    expect(body).to_be_focused()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Control+Alt+4")
    page.keyboard.type("Results so far")
    expect(body.locator("h4")).to_have_text("Results so far")
    page.get_by_role("button", name="Toggle checks").click()

    expect(checks.get_by_text("Incorrect heading hierarchy")).to_be_visible(timeout=20_000)
    assert int(checks.locator("[data-content-checker-count]").inner_text()) >= 1
    assert int(words.inner_text()) > 0
    assert page.blocked == []


def test_avatars_load_from_the_site_itself(editor):
    page, _ids = editor
    page.goto("/admin/")

    avatar = page.locator(".avatar img").first
    expect(avatar).to_have_attribute(
        "src", re.compile(r"^/static/wagtailadmin/images/default-user-avatar\.png")
    )
    assert avatar.evaluate("image => image.complete && image.naturalWidth > 0")
    assert page.blocked == []
